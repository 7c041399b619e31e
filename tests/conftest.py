"""Shared fixtures: every test runs with its own cache, state and config folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Redirect pcdl's user folders into the test's temporary folder."""
    for name in ("CACHE", "STATE", "CONFIG"):
        folder = tmp_path / name.lower()
        monkeypatch.setenv(f"PCDL_{name}_DIR", str(folder))
    monkeypatch.delenv("PCDL_KB", raising=False)
    monkeypatch.delenv("PCDL_LANG", raising=False)
    return tmp_path


@pytest.fixture
def pcdl_env(user_dirs: Path) -> dict[str, str]:
    """Return an environment for running `pcdl` as a child process."""
    return dict(os.environ, PYTHONIOENCODING="utf-8")


def pcdl_command(*words: str) -> list[str]:
    """Return the command line that runs pcdl with `words`."""
    return [sys.executable, "-m", "assistant", *words]
