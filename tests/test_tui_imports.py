"""The chat process stays light: torch, scikit-learn and gymnasium stay out of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("torch", "sklearn", "gymnasium")

SCRIPT = f"""
import asyncio, json, sys
from assistant.core import load_assistant
from assistant.tui.app import ChatApp

async def main():
    app = ChatApp(load_assistant())
    async with app.run_test(size=(80, 24)) as pilot:
        app.query_one("#question").value = "家庭用PCでディープラーニングはできる?"
        await pilot.press("enter")
        await pilot.pause()
        answered = [a.reply.entry_id for a in app.query("AnswerMessage")]
    return answered

answered = asyncio.run(main())
heavy = [name for name in {HEAVY!r} if name in sys.modules]
print(json.dumps({{"answered": answered, "heavy": heavy}}))
"""


def test_the_chat_runs_without_importing_torch_sklearn_or_gymnasium(
    tmp_path: Path,
) -> None:
    env = dict(
        os.environ,
        PCDL_CACHE_DIR=str(tmp_path / "cache"),
        PCDL_STATE_DIR=str(tmp_path / "state"),
        PYTHONIOENCODING="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"answered": ["home-pc-for-dl"], "heavy": []}
