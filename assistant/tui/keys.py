"""The chat's key bindings, and their footer labels in the user's language."""

from __future__ import annotations

import os
from dataclasses import replace

from textual.binding import Binding, BindingsMap, BindingType

from assistant.i18n import t
from assistant.tui import texts  # noqa: F401  (registers the strings used here)

BINDINGS: list[BindingType] = [
    Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    Binding("escape", "stop_demo", "Stop demo", id="stop"),
    Binding("f1", "help", "Help", id="help"),
    Binding("ctrl+t", "topics", "Topics", id="topics"),
    Binding("ctrl+l", "clear", "Clear", id="clear"),
    Binding("ctrl+c", "help_quit", show=False, system=True),
    Binding("pageup", "scroll_conversation(-1)", show=False),
    Binding("pagedown", "scroll_conversation(1)", show=False),
]
"""The app's bindings; those with an id have a label ``key.<id>`` in i18n."""

LABELLED = ("quit", "stop", "help", "topics", "clear")


def relabel(bindings: BindingsMap, lang: str) -> None:
    """Give the labelled bindings in `bindings` their description in `lang`.

    A binding's description is fixed when its class is made, and the footer
    reads it from the node's map, so relabelling means replacing it there.
    """
    table = bindings.key_to_bindings
    for key, found in table.items():
        table[key] = [
            replace(b, description=t(f"key.{b.id}", lang)) if b.id in LABELLED else b
            for b in found
        ]


def locale_lang() -> str:
    """Return ``ja`` when the user's locale is Japanese, else ``en``."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "ja" if value.casefold().startswith("ja") else "en"
    return "en"
