"""Shared fixtures: every test runs with its own cache, state and config folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from assistant.demos.protocol import Event, decode

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


def run_demo(name: str, *args: str, **env: str) -> tuple[int, list[Event], str]:
    """Run demo `name` as pcdl does; return its exit status, events and stderr.

    Every stdout line is decoded with the protocol, so a malformed event fails
    the test that reads it.
    """
    done = subprocess.run(
        [sys.executable, "-m", f"assistant.demos.{name}", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **env},
        timeout=120,
    )
    events = [decode(line) for line in done.stdout.splitlines()]
    return done.returncode, events, done.stderr


def check_result(
    events: list[Event], demo: str, types: dict[str, Any]
) -> dict[str, Any]:
    """Check that `events` start with `demo`'s start and end with a typed result."""
    assert events[0].type == "start" and events[0].data["demo"] == demo
    assert events[-1].type == "result"
    result = events[-1].data
    for key, kind in types.items():
        assert isinstance(result[key], kind), key
    return result
