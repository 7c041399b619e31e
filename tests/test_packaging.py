"""The built wheel ships the knowledge base and the demos inside `assistant`."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("pcdl_assistant-*.whl")
    return zipfile.ZipFile(built)


def test_one_top_level_package(wheel: zipfile.ZipFile) -> None:
    tops = {name.split("/")[0] for name in wheel.namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"assistant"}


def test_knowledge_and_demos_are_inside_assistant(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    entries = sorted((REPO / "knowledge" / "entries").glob("*.md"))
    assert entries
    for entry in entries:
        assert f"assistant/knowledge/entries/{entry.name}" in names
    for workload in (REPO / "knowledge" / "workloads").glob("*.yaml"):
        assert f"assistant/knowledge/workloads/{workload.name}" in names
    assert "assistant/knowledge/synonyms.yaml" in names
    for demo in ("protocol", "hw", "mlp", "dqn"):
        assert f"assistant/demos/{demo}.py" in names
    assert "assistant/tui/app.tcss" in names


def test_console_script_is_pcdl(wheel: zipfile.ZipFile) -> None:
    (entry_points,) = [n for n in wheel.namelist() if n.endswith("entry_points.txt")]
    text = wheel.read(entry_points).decode()
    assert "pcdl = assistant.cli:main" in text
    assert Path(entry_points).parts[0].startswith("pcdl_assistant-")


def test_installed_copy_finds_its_data_from_any_folder(
    wheel: zipfile.ZipFile, tmp_path: Path, pcdl_env: dict
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            wheel.filename,
        ],
        check=True,
        capture_output=True,
    )
    env = dict(pcdl_env, PYTHONPATH=str(target))
    where = subprocess.run(
        [sys.executable, "-c", "import assistant; print(assistant.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(target))
    checked = subprocess.run(
        [sys.executable, "-m", "assistant", "kb", "check"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    listed = subprocess.run(
        [sys.executable, "-m", "assistant", "demo", "--list"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert listed.returncode == 0 and "dqn" in listed.stdout
