"""The demo runner: events read live, our own error when a child misbehaves."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest

from assistant import runner
from assistant.runner import DemoRun

pytestmark = pytest.mark.slow

GOOD = """
import json
for e in [{"type": "start", "data": {"demo": "fake", "options": {}}},
          {"type": "log", "data": {"text": "hello"}},
          {"type": "result", "data": {"answer": 42}}]:
    print(json.dumps(e), flush=True)
"""


def fake(monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    """Make every demo run `code` instead of a real demo module."""
    monkeypatch.setattr(
        runner, "demo_command", lambda name, options, lang: [sys.executable, "-c", code]
    )


async def collect(run: DemoRun) -> list:
    return [event async for event in run.events()]


async def test_a_good_child_streams_its_events(monkeypatch) -> None:
    fake(monkeypatch, GOOD)
    run = DemoRun("hw")
    events = await collect(run)
    assert [e.type for e in events] == ["start", "log", "result"]
    assert run.succeeded and run.result == {"answer": 42}


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("import sys; sys.exit(3)", "exit status 3"),
        ("print('not json', flush=True)", "not a pcdl event"),
        ("import os, signal; os.kill(os.getpid(), signal.SIGKILL)", "SIGKILL"),
        ("pass", "without reporting a result"),
    ],
)
async def test_a_broken_child_gets_our_error(
    monkeypatch, code: str, words: str
) -> None:
    fake(monkeypatch, code)
    run = DemoRun("hw")
    events = await collect(run)
    assert events[-1].type == "error" and words in events[-1].data["message"]
    assert not run.succeeded


async def test_stderr_is_captured_not_shown(monkeypatch, capfd) -> None:
    fake(monkeypatch, "import sys, warnings; warnings.warn('careful'); " + GOOD)
    run = DemoRun("hw")
    await collect(run)
    assert "careful" in run.stderr_text
    assert "careful" not in capfd.readouterr().err


async def test_stop_terminates_and_reaps(monkeypatch) -> None:
    fake(
        monkeypatch,
        "import time, json; print(json.dumps({'type': 'log', "
        "'data': {'text': 'x'}}), flush=True); time.sleep(60)",
    )
    run = DemoRun("dqn")
    events = run.events()
    first = await anext(events)
    assert first.type == "log"
    pid = run.process.pid
    await run.stop()
    rest = [event async for event in events]
    assert rest == [] and run.process.returncode is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


async def test_a_child_that_ignores_sigterm_is_killed(monkeypatch) -> None:
    fake(
        monkeypatch,
        "import signal, time, json; signal.signal(signal.SIGTERM, "
        "signal.SIG_IGN); print(json.dumps({'type': 'log', 'data': {'text': 'x'}}),"
        " flush=True); time.sleep(60)",
    )
    run = DemoRun("dqn")
    events = run.events()
    await anext(events)
    await asyncio.wait_for(run.stop(), 5)
    assert run.process.returncode is not None


async def test_an_hw_help_run_is_not_facts(monkeypatch) -> None:
    fake(monkeypatch, GOOD.replace('{"answer": 42}', '{"help": True}'))
    run = DemoRun("hw")
    await collect(run)
    assert run.succeeded and not run.measured_facts
    fake(monkeypatch, GOOD)
    measured = DemoRun("hw")
    await collect(measured)
    assert measured.measured_facts
