"""Tests of the CLI's text printer of demo events."""

from __future__ import annotations

import io

from assistant.demos.protocol import Event
from rich.console import Console

from assistant.render import EventPrinter


def printed(lang: str, *events: Event) -> str:
    """Return what an `EventPrinter` prints for `events`."""
    printer = EventPrinter(lang)
    out = io.StringIO()
    printer.console = Console(file=out, width=100, highlight=False)
    for event in events:
        printer.show(event)
    return out.getvalue()


def test_start_reads_as_a_sentence_with_the_options_that_matter() -> None:
    options = {"lang": "ja", "hidden": [256, 128], "seed": 0, "sweep": True}
    start = Event("start", {"demo": "mlp", "options": options | {"steps": None}})
    assert printed("ja", start).strip() == (
        "▶ mlp デモを実行します (--hidden 256,128、--seed 0、--sweep)。"
    )
    quick = Event("start", {"demo": "hw", "options": {"lang": "en", "quick": False}})
    assert printed("en", quick).strip() == "▶ Running the hw demo."


def test_result_groups_thousands_and_counts_nested_rows() -> None:
    rows = [{"width": 16}, {"width": 32}]
    text = printed(
        "en",
        Event("result", {"param_bytes": 1234567, "sweep": rows, "solved": True}),
    )
    assert "1,234,567" in text and "2 rows (in the table above)" in text
    assert "{'width'" not in text and "yes" in text


def test_help_result_prints_no_result_table() -> None:
    text = printed("en", Event("result", {"help": True}))
    assert text == ""
