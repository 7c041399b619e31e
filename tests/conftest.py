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

# The seed document's laptop, as the `hw` demo would report it: 4 physical and
# 8 logical cores, 16 GB, no container limit, 150 GB free of a 256 GB SSD,
# 60 GFLOP/s on one thread and 200 on all, no GPU.
SEED_LAPTOP: dict[str, Any] = {
    "cpu_model": "Intel Core i5-9300H",
    "cores_physical": 4,
    "cores_logical": 8,
    "cores_usable": 8,
    "freq_mhz": 2400,
    "ram_total_gb": 16.0,
    "ram_available_gb": 11.0,
    "ram_limit_gb": None,
    "swap_total_gb": 2.0,
    "disk_free_gb": 150.0,
    "os": "Windows 11",
    "python": "3.11.9",
    "torch": "2.4.0",
    "sklearn": "1.5.0",
    "blas": "mkl 2024",
    "gpu_count": 0,
    "gpu": None,
    "gflops_fp32_1t": 60.0,
    "gflops_fp32_all": 200.0,
    "in_container": False,
    "wsl": False,
}


# The `personal` object of `pcdl ask --json`, keys in order (issue 4's contract).
PERSONAL_KEYS = (
    "workload",
    "verdict",
    "memory_needed_gb",
    "memory_available_gb",
    "disk_needed_gb",
    "disk_free_gb",
    "hours",
    "facts_age_s",
)


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
