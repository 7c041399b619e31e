"""Demos in the chat, with fake children: streaming, stopping, failures, a flood."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import psutil
import pytest
from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import Collapsible, DataTable, Log, ProgressBar

from assistant import facts, runner
from assistant.chat import Reply
from assistant.core import Assistant, load_assistant
from assistant.text import cell_width
from assistant.tui import demo_slot
from assistant.tui.app import ChatApp
from assistant.tui.demo_panel import LOG_KEEP, DemoPanel
from assistant.tui.messages import ActionList, AnswerMessage, NoteMessage
from assistant.tui.question_box import QuestionBox

EMIT = """
import json, sys, time
def emit(type, **data):
    print(json.dumps({"type": type, "data": data}), flush=True)
"""

STREAM = (
    EMIT
    + """
emit('start', demo='fake', options={})
for i in range(5):
    emit('log', text=f'step {i}')
    emit('progress', fraction=(i + 1) / 5, label='training')
    emit('metric', series='return', x=i, y=10.0 * i)
    emit('metric', series='epsilon', x=i, y=1.0 - i / 10)
emit('table', title='Summary', columns=['Item', 'Value'], rows=[['episodes', 5]])
emit('result', episodes=5, solved=True)
"""
)

SLOW = (
    EMIT
    + """
emit('start', demo='slow', options={})
i = 0
while True:
    emit('log', text=f'tick {i}')
    i += 1
    time.sleep(0.05)
"""
)

CRASH = (
    EMIT
    + """
emit('start', demo='crash', options={})
raise RuntimeError('the fake demo broke')
"""
)

GARBLED = (
    EMIT
    + """
emit('start', demo='garbled', options={})
print('this is not an event', flush=True)
time.sleep(30)
"""
)

FLOOD = (
    EMIT
    + """
emit('start', demo='flood', options={})
for i in range(20000):
    emit('log', text=f'line {i}')
emit('result', lines=20000)
"""
)

LONG = (
    EMIT
    + """
emit('start', demo='long', options={})
emit('log', text='word ' * 60)
emit('log', text='学習曲線が伸びていく様子を見せます。' * 8)
emit('result', done=True)
"""
)

HW = (
    EMIT
    + """
emit('start', demo='hw', options={})
emit('table', title='This PC', columns=['Item', 'Value'], rows=[['Cores', 2]])
emit('result', cores_usable=2, ram_total_gb=8.0, disk_free_gb=50.0, gpu=None)
"""
)


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    """The real knowledge base, loaded once for the module."""
    return load_assistant()


@pytest.fixture(autouse=True)
def english_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's folders in tmp_path and the locale English."""
    monkeypatch.setenv("PCDL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PCDL_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Run fake children: the test maps each demo name to a script."""
    scripts: dict[str, str] = {}

    def command(name: str, options: Sequence[str], lang: str) -> list[str]:
        return [sys.executable, "-c", scripts[name], *options]

    monkeypatch.setattr(runner, "demo_command", command)
    monkeypatch.setattr(demo_slot, "demo_available", lambda name: True)
    return scripts


async def ask(pilot: Pilot, text: str) -> None:
    """Put `text` in the question box and press Enter."""
    pilot.app.query_one(QuestionBox).value = text
    await pilot.press("enter")
    await pilot.pause()


async def until(pilot: Pilot, condition: Callable[[], bool]) -> None:
    """Let the app run until `condition` holds (a bounded number of turns)."""
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the condition never held")


async def finished(pilot: Pilot) -> None:
    """Wait for the demo worker, then for its messages to be handled."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def log_lines(panel: DemoPanel) -> list[str]:
    """Return the panel's log as it shows it, one entry per screen line."""
    return list(panel.query_one(Log).lines)


def notes(app: ChatApp) -> list[str]:
    """Return the Markdown of pcdl's notes, oldest first (the welcome included)."""
    return [note.markdown for note in app.query(NoteMessage)]


async def test_demo_streams_into_the_chat(
    assistant: Assistant, children: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    children["dqn"] = STREAM
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/demo dqn --seed 3")
        await finished(pilot)

        panel = app.query_one(DemoPanel)
        assert panel.state == "finished" and panel.options == ["--seed", "3"]
        assert log_lines(panel) == [f"step {i}" for i in range(5)]
        assert panel.query_one(ProgressBar).progress == 1.0
        assert panel.metrics.plotted() == ["return"]
        assert panel.query_one("#plot").display
        assert "epsilon 0.6" in str(panel.query_one("#latest").render())
        (table,) = panel.query(DataTable)
        assert table.get_row_at(0) == ["episodes", "5"]
        assert not app.demo_slot.busy
        assert not notes(app)[1:]
    assert capsys.readouterr().out == ""


async def test_long_log_lines_wrap_inside_the_panel(
    assistant: Assistant, children: dict[str, str]
) -> None:
    children["mlp"] = LONG
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/demo mlp")
        await finished(pilot)

        panel = app.query_one(DemoPanel)
        width = panel.query_one(Log).scrollable_content_region.width
        lines = log_lines(panel)
        assert len(lines) > 2
        assert all(cell_width(line) <= width for line in lines)
        shown = "".join(lines).replace(" ", "")
        assert shown == ("word" * 60) + "学習曲線が伸びていく様子を見せます。" * 8


async def test_the_log_shows_twelve_lines_while_running_and_all_at_the_end(
    assistant: Assistant, children: dict[str, str]
) -> None:
    children["dqn"] = SLOW
    children["mlp"] = EMIT + (
        "\nfor i in range(30):\n    emit('log', text=f'n {i}')\nemit('result', n=30)\n"
    )
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/demo dqn")
        running = app.query_one(DemoPanel)
        await until(pilot, lambda: len(log_lines(running)) > 20)
        await pilot.pause()
        assert running.query_one(Log).region.height == 12
        await ask(pilot, "/stop")
        await finished(pilot)

        await ask(pilot, "/demo mlp")
        await finished(pilot)
        ended = app.query(DemoPanel).last()
        assert len(log_lines(ended)) == 30
        assert ended.state == "finished"
        assert ended.query_one(Log).max_scroll_y == 0  # every line in sight


async def test_the_log_is_wrapped_again_when_the_window_narrows(
    assistant: Assistant, children: dict[str, str]
) -> None:
    children["mlp"] = LONG
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/demo mlp")
        await finished(pilot)
        panel = app.query_one(DemoPanel)
        wide = log_lines(panel)

        await pilot.resize_terminal(50, 24)
        await pilot.pause()
        await pilot.pause()
        width = panel.query_one(Log).scrollable_content_region.width
        narrow = log_lines(panel)
        assert width < 50 and len(narrow) > len(wide)
        assert all(cell_width(line) <= width for line in narrow)
        assert "".join(narrow).replace(" ", "") == "".join(wide).replace(" ", "")


async def test_a_demo_request_starts_that_demo(
    assistant: Assistant, children: dict[str, str]
) -> None:
    children["dqn"] = STREAM
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "DQNを動かして")
        await finished(pilot)

        assert app.query(AnswerMessage).last().reply.run_demo == "dqn"
        panel = app.query_one(DemoPanel)
        assert (panel.demo, panel.lang, panel.state) == ("dqn", "ja", "finished")


async def test_escape_stops_the_demo_and_leaves_no_child(
    assistant: Assistant, children: dict[str, str]
) -> None:
    children["dqn"] = SLOW
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/demo dqn")
        panel = app.query_one(DemoPanel)
        await until(pilot, lambda: bool(log_lines(panel)))
        run = app.demo_slot.run
        assert run is not None and run.process is not None
        pid = run.process.pid

        await pilot.press("escape")
        await finished(pilot)

        assert run.process.returncode is not None
        assert not psutil.pid_exists(pid)
        assert panel.state == "stopped"
        assert notes(app)[-1] == "The **dqn** demo was stopped."
        assert not app.demo_slot.busy


async def test_asking_for_a_second_demo_while_one_runs_says_so(
    assistant: Assistant, children: dict[str, str]
) -> None:
    children["dqn"] = SLOW
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/demo dqn")
        await ask(pilot, "/demo hw")
        assert "still running" in notes(app)[-1]
        assert len(app.query(DemoPanel)) == 1

        # The panel grows above the refusal as lines arrive; the refusal stays
        # in sight.
        panel = app.query_one(DemoPanel)
        await until(pilot, lambda: len(log_lines(panel)) > 15)
        await pilot.pause()
        refusal = app.query(NoteMessage).last()
        assert app.view.region.contains_region(refusal.region)

        await ask(pilot, "/stop")
        await finished(pilot)
        assert app.query_one(DemoPanel).state == "stopped"


async def test_clear_keeps_the_running_demo(
    assistant: Assistant, children: dict[str, str]
) -> None:
    children["dqn"] = SLOW
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/demo dqn")
        await ask(pilot, "/clear")
        assert list(app.view.children) == [app.demo_slot.panel]

        await pilot.press("escape")
        await finished(pilot)
        assert app.query_one(DemoPanel).state == "stopped"


async def test_a_child_killed_from_outside_leaves_a_message_and_the_next_runs(
    assistant: Assistant, children: dict[str, str]
) -> None:
    children["dqn"] = SLOW
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/demo dqn")
        panel = app.query_one(DemoPanel)
        await until(pilot, lambda: bool(log_lines(panel)))
        assert app.demo_slot.run is not None and app.demo_slot.run.process is not None
        os.kill(app.demo_slot.run.process.pid, signal.SIGKILL)
        await finished(pilot)

        assert panel.state == "failed"
        assert "killed (signal SIGKILL)" in " ".join(panel.errors)
        assert "did not finish" in notes(app)[-1]

        children["mlp"] = STREAM
        await ask(pilot, "/demo mlp")
        await finished(pilot)
        assert app.query(DemoPanel).last().state == "finished"


async def test_a_crash_shows_the_exit_status_and_the_stderr(
    assistant: Assistant, children: dict[str, str]
) -> None:
    children["mlp"] = CRASH
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/demo mlp")
        await finished(pilot)

        panel = app.query_one(DemoPanel)
        assert panel.state == "failed"
        assert "exit status 1" in " ".join(panel.errors)
        stderr = panel.query_one(Collapsible)
        assert not stderr.collapsed
        assert "the fake demo broke" in str(stderr.query_one(".stderr").render())

        await ask(pilot, "Can a home PC do deep learning?")
        assert app.query(AnswerMessage).last().reply.entry_id == "home-pc-for-dl"


async def test_a_child_printing_non_json_is_stopped_with_a_message(
    assistant: Assistant, children: dict[str, str]
) -> None:
    children["mlp"] = GARBLED
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/demo mlp")
        await finished(pilot)

        panel = app.query_one(DemoPanel)
        assert panel.state == "failed"
        assert "this is not an event" in " ".join(panel.errors)
        assert not app.demo_slot.busy and app.demo_slot.run is None


async def test_a_flood_of_lines_is_batched_and_the_ui_keeps_answering(
    assistant: Assistant, children: dict[str, str]
) -> None:
    children["dqn"] = FLOOD
    batches: list[int] = []

    def count(message: Message) -> None:
        if isinstance(message, DemoPanel.EventsArrived):
            batches.append(len(message.events))

    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24), message_hook=count) as pilot:
        await ask(pilot, "/demo dqn")
        panel = app.query_one(DemoPanel)
        await until(pilot, lambda: bool(log_lines(panel)))
        await ask(pilot, "Can a home PC do deep learning?")
        assert app.query(AnswerMessage).last().reply.entry_id == "home-pc-for-dl"
        await finished(pilot)

        assert panel.state == "finished"
        lines = log_lines(panel)
        assert len(lines) == LOG_KEEP and lines[-1] == "line 19999"
        assert sum(batches) == 20002
        assert len(batches) < 20002 / 20


async def test_quitting_during_a_demo_stops_the_child(
    assistant: Assistant, children: dict[str, str]
) -> None:
    children["dqn"] = SLOW
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/demo dqn")
        panel = app.query_one(DemoPanel)
        await until(pilot, lambda: bool(log_lines(panel)))
        assert app.demo_slot.run is not None and app.demo_slot.run.process is not None
        process = app.demo_slot.run.process
        await pilot.press("ctrl+q")
    assert process.returncode is not None
    assert not psutil.pid_exists(process.pid)


async def test_hw_result_is_saved_and_offers_what_this_pc_can_do(
    assistant: Assistant, children: dict[str, str]
) -> None:
    children["hw"] = HW
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/demo hw")
        await finished(pilot)

        stored = facts.load_fresh()
        assert stored is not None and stored.result["cores_usable"] == 2
        offer = app.query(NoteMessage).last().query_one(ActionList)
        assert offer.actions[0].value == "What can this PC do?"

        offer.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.query(AnswerMessage).last().reply.query == "What can this PC do?"


async def test_a_personal_question_without_facts_measures_then_answers(
    assistant: Assistant, children: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    children["hw"] = HW
    measured: list[list[str]] = []
    original = runner.demo_command

    def recording(name: str, options: Sequence[str], lang: str) -> list[str]:
        measured.append([name, *options])
        return original(name, options, lang)

    monkeypatch.setattr(runner, "demo_command", recording)

    def personal(conversation: object, reply: Reply) -> Reply:
        stored = facts.load_fresh()
        if stored is None:
            return replace(reply, kind="personal", answer="measuring", needs_facts=True)
        cores = stored.result["cores_usable"]
        return replace(reply, kind="personal", answer=f"This PC has {cores} cores.")

    app = ChatApp(assistant)
    app.conversation.personal = personal
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "Can my PC train BERT?")
        await until(pilot, lambda: len(app.query(AnswerMessage)) == 2)
        await finished(pilot)

        assert measured == [["hw", "--quick"]]
        first, second = (a.reply for a in app.query(AnswerMessage))
        assert first.needs_facts and not second.needs_facts
        assert second.answer == "This PC has 2 cores."
