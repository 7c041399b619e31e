"""Tests of what every demo shares: ``--help`` and the wording of bad options."""

from __future__ import annotations

import argparse
import io
import subprocess

import pytest
from assistant.demos._common import OptionParser, bounded
from assistant.demos.protocol import Emitter, Event, decode

from tests.conftest import pcdl_command, run_demo

DEMO_TEXT = {
    "en": {"opt_width": "how wide", "err_odd": "{value} is not odd"},
    "ja": {"opt_width": "幅", "err_odd": "{value} は奇数ではありません"},
}


def odd(text: str) -> int:
    """An option type with its own message, raised in English."""
    if int(text) % 2 == 0:
        raise argparse.ArgumentTypeError(f"{text} is not odd")
    return int(text)


def parse(*argv: str) -> tuple[int | None, list[Event]]:
    """Parse `argv` with a small demo's parser; return the exit code and events."""
    stream = io.StringIO()
    parser = OptionParser("toy", Emitter(stream), DEMO_TEXT)
    parser.add_argument("--seed", type=bounded(int, 0, 10_000), default=3)
    parser.add_argument("--width", type=odd, default=5, metavar="W", help="opt_width")
    parser.add_argument("--mode", choices=("a", "b"), default="a")
    parser.add_argument("--steps", type=int, default=None)
    code = None
    try:
        parser.parse_args(list(argv))
    except SystemExit as stop:
        code = stop.code
    return code, [decode(line) for line in stream.getvalue().splitlines()]


def message(*argv: str) -> str:
    """Return the error message a bad command line gets."""
    code, events = parse(*argv)
    assert code == 2 and [e.type for e in events] == ["error"]
    return events[0].data["message"]


def test_help_lists_the_options_and_ends_in_a_help_result() -> None:
    code, events = parse("--help", "--lang", "ja")
    assert code == 0
    assert [e.type for e in events] == ["log", "table", "result"]
    table = events[1].data
    assert table["columns"] == ["オプション", "既定値", "意味"]
    rows = {row[0]: row for row in table["rows"]}
    assert rows["--width W"][1:] == ["5", "幅"]
    assert rows["--seed VALUE"][2].endswith("(0 から 10,000)")
    assert "a, b" in rows["--mode VALUE"][2]
    assert rows["--steps VALUE"][1] == "なし"
    assert events[-1].data == {"help": True}


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--seed", "-1"], "--seed は 0 から 10000 の範囲で指定してください"),
        (["--seed", "x"], "--seed には数値を指定してください"),
        (["--steps", "x"], "--steps には数値を指定してください"),
        (
            ["--mode", "c"],
            "--mode に c は指定できません。次のどれかにしてください: a, b",
        ),
        (["--seed"], "--seed の後に値を指定してください"),
        (["--bogus"], "このデモに --bogus というオプションはありません"),
        (["--width", "4"], "--width: 4 は奇数ではありません"),
    ],
)
def test_bad_options_are_worded_in_japanese(argv: list[str], expected: str) -> None:
    text = message(*argv, "--lang", "ja")
    assert expected in text
    assert "argument" not in text and "invalid" not in text


def test_bad_options_are_worded_in_english_too() -> None:
    assert "--seed must be from 0 to 10000, not -1" in message("--seed", "-1")
    assert "--mode cannot be c; choose one of a, b" in message("--mode", "c")


@pytest.mark.slow
@pytest.mark.parametrize("demo", ["hw", "mlp", "dqn"])
def test_every_demo_explains_its_options(demo: str) -> None:
    code, events, stderr = run_demo(demo, "--help", "--lang", "en")
    assert code == 0 and not stderr
    assert [e.type for e in events] == ["log", "table", "result"]
    options = [row[0].split()[0] for row in events[1].data["rows"]]
    assert "--lang" in options and all(row[2] for row in events[1].data["rows"])


@pytest.mark.slow
def test_pcdl_demo_name_help_reaches_the_demo(pcdl_env: dict[str, str]) -> None:
    done = subprocess.run(
        pcdl_command("demo", "dqn", "--help"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=pcdl_env,
        timeout=60,
    )
    assert done.returncode == 0
    assert "--time-budget" in done.stdout and "--checkpoint" in done.stdout
    assert "usage: pcdl" not in done.stdout


@pytest.mark.slow
def test_pcdl_demo_help_without_a_name_is_pcdls(pcdl_env: dict[str, str]) -> None:
    done = subprocess.run(
        pcdl_command("demo", "--help"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=pcdl_env,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.startswith("usage: pcdl demo")
