"""Readable text for the CLI: answers as rendered Markdown, demo events as lines.

Rich renders the Markdown; when stdout is not a terminal it writes plain text
without colour codes, so the output can be piped.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from rich.console import Console
from rich.markdown import Markdown
from rich.table import Table

from assistant.chat import Reply
from assistant.demos.protocol import Event
from assistant.i18n import add, t
from assistant.tui import wrapping

add(
    {
        "en": {
            "cli.alternatives": "Did you mean",
            "cli.demos": "Demos",
            "cli.result": "Result",
            "cli.error": "Error",
            "cli.stderr": "The demo also wrote to stderr:",
            "cli.series": "{series}: {count} points, last {last}",
            "cli.start": "▶ Running the {demo} demo{options}.",
            "cli.start.options": " with {options}",
            "cli.rows": "{count} rows (in the table above)",
            "cli.yes": "yes",
            "cli.no": "no",
        },
        "ja": {
            "cli.alternatives": "ほかの候補",
            "cli.demos": "デモ",
            "cli.result": "結果",
            "cli.error": "エラー",
            "cli.stderr": "デモが stderr に出力した内容:",
            "cli.series": "{series}: {count} 点、最後の値 {last}",
            "cli.start": "▶ {demo} デモを実行します{options}。",
            "cli.start.options": " ({options})",
            "cli.rows": "{count} 行 (上の表のとおり)",
            "cli.yes": "はい",
            "cli.no": "いいえ",
        },
    }
)

PROGRESS_EVERY_S = 1.0


def _console(stream: Any = None) -> Console:
    # The same Japanese line breaking as the chat: Rich alone breaks only at
    # spaces, which Japanese does not have.
    wrapping.install()
    return Console(file=stream or sys.stdout, soft_wrap=False, highlight=False)


def print_markdown(text: str) -> None:
    """Print Markdown as terminal text."""
    _console().print(Markdown(text))


def print_reply(reply: Reply) -> None:
    """Print a reply: its title, its answer and what it offers."""
    console = _console()
    if reply.title:
        console.print(f"[bold]{reply.title}[/bold]\n")
    console.print(Markdown(reply.answer))
    if reply.demos:
        names = ", ".join(f"pcdl demo {name}" for name in reply.demos)
        console.print(f"\n{t('cli.demos', reply.lang)}: {names}")
    if reply.kind != "decline" and reply.alternatives:
        titles = " / ".join(a.title for a in reply.alternatives)
        console.print(f"{t('cli.alternatives', reply.lang)}: {titles}")
    console.print()


class EventPrinter:
    """Prints demo events as they come, as readable lines.

    Metric points are too many to print one by one: each series is summarised
    once at the end. Progress is printed at most once a second.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.console = _console()
        self.errors = _console(sys.stderr)
        self.series: dict[str, list[float]] = {}
        self._last_progress = 0.0

    def show(self, event: Event) -> None:
        """Print one event."""
        data = event.data
        if event.type == "start":
            self.console.print(_start_line(data, self.lang), markup=False)
        elif event.type == "log":
            self.console.print(str(data["text"]), markup=False)
        elif event.type == "progress":
            self._progress(float(data["fraction"]), str(data.get("label", "")))
        elif event.type == "metric":
            self.series.setdefault(str(data["series"]), []).append(data["y"])
        elif event.type == "table":
            self.console.print(_table(data, self.lang))
        elif event.type == "result":
            self._result(data)
        elif event.type == "error":
            self.errors.print(
                f"{t('cli.error', self.lang)}: {data['message']}", markup=False
            )

    def _progress(self, fraction: float, label: str) -> None:
        now = time.monotonic()
        if now - self._last_progress < PROGRESS_EVERY_S and fraction < 1:
            return
        self._last_progress = now
        self.console.print(f"[{fraction:4.0%}] {label}", markup=False)

    def _result(self, data: dict[str, Any]) -> None:
        if data == {"help": True}:
            return  # a demo's --help: its table of options said it all
        for series, values in self.series.items():
            last = values[-1] if values else None
            shown = f"{last:.4g}" if isinstance(last, float) else str(last)
            self.console.print(
                t("cli.series", self.lang, series=series, count=len(values), last=shown)
            )
        table = Table(title=t("cli.result", self.lang), show_header=False)
        for key, value in data.items():
            table.add_row(key, _value(value, self.lang))
        self.console.print(table)

    def show_stderr(self, text: str) -> None:
        """Print what the demo wrote to stderr, once, after it ended."""
        self.errors.print(t("cli.stderr", self.lang))
        self.errors.print(text, markup=False)


def _start_line(data: dict[str, Any], lang: str) -> str:
    """Return the sentence that a demo starts, with the options that matter:
    the language is implied, and options left unset or off are not shown."""
    shown = []
    for key, value in dict(data.get("options") or {}).items():
        if key == "lang" or value is None or value is False:
            continue
        option = "--" + key.replace("_", "-")
        if isinstance(value, list):
            value = ",".join(map(str, value))  # as typed: --hidden 256,128
        shown.append(
            option
            if value is True
            else f"{option} {value:g}"
            if isinstance(value, float)
            else f"{option} {value}"
        )
    separator = "、" if lang == "ja" else ", "
    options = t("cli.start.options", lang, options=separator.join(shown))
    return t("cli.start", lang, demo=data["demo"], options=options if shown else "")


def _value(value: Any, lang: str) -> str:
    """Return a table cell or result value as short text: big numbers with
    thousands separators, rows of a nested table as their count."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return t("cli.yes" if value else "cli.no", lang)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 10_000 else f"{value:.4g}"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_value(v, lang)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        if value and all(isinstance(item, dict) for item in value):
            return t("cli.rows", lang, count=len(value))
        return ", ".join(_value(item, lang) for item in value)
    return str(value)


def _table(data: dict[str, Any], lang: str) -> Table:
    table = Table(title=str(data["title"]))
    for column in data["columns"]:
        table.add_column(str(column))
    for row in data["rows"]:
        table.add_row(*(_value(cell, lang) for cell in row))
    return table
