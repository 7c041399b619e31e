"""`/topics`: a list of every entry, filtered as one types; picking one reads it."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from assistant.i18n import t
from assistant.kb import Entry, KnowledgeBase
from assistant.text import normalize
from assistant.tui import texts  # noqa: F401  (registers the strings used here)


def topic_order(kb: KnowledgeBase) -> list[Entry]:
    """Return the entries with the questions first and the terms after them."""
    return sorted(kb.entries, key=lambda entry: entry.id.startswith("term-"))


class TopicsScreen(ModalScreen[str | None]):
    """Lists the topics; returns the picked entry's id, or None on Escape.

    | Key | Action |
    | :- | :- |
    | escape | Close without picking. |
    | down | From the filter, move into the list. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close", show=False),
    ]

    def __init__(self, kb: KnowledgeBase, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self.entries = topic_order(kb)

    def compose(self) -> ComposeResult:
        """Lay out the title, the filter and the list."""
        with Vertical(id="topics"):
            yield Label(t("topics.title", self.lang), classes="title")
            yield Input(placeholder=t("topics.filter", self.lang), id="topic-filter")
            yield OptionList(*self._options(""), id="topic-list")

    def _options(self, typed: str) -> list[Option]:
        wanted = normalize(typed)
        return [
            Option(f"{entry.title[self.lang]}  ({entry.id})", id=entry.id)
            for entry in self.entries
            if not wanted
            or wanted
            in normalize(f"{entry.id} {entry.title['ja']} {entry.title['en']}")
        ]

    @on(Input.Changed, "#topic-filter")
    def _filter(self, event: Input.Changed) -> None:
        listing = self.query_one("#topic-list", OptionList)
        listing.clear_options()
        listing.add_options(self._options(event.value))
        if listing.option_count:
            listing.highlighted = 0

    @on(Input.Submitted, "#topic-filter")
    def _take_first(self) -> None:
        listing = self.query_one("#topic-list", OptionList)
        if listing.option_count:
            self.dismiss(listing.get_option_at_index(listing.highlighted or 0).id)

    def key_down(self) -> None:
        """Move from the filter into the list."""
        if self.query_one("#topic-filter", Input).has_focus:
            self.query_one("#topic-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#topic-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_none(self) -> None:
        """Close without picking a topic."""
        self.dismiss(None)
