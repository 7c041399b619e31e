"""The scrolling conversation: adds messages, keeps it bounded, clears it."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget

MAX_MESSAGES = 80


class ConversationView(VerticalScroll):
    """The messages, oldest first; the oldest go once there are `MAX_MESSAGES`.

    `kept` names a message that stays whatever happens (a running demo's
    panel), so neither pruning nor `clear` takes it away. The view itself
    takes no focus: focus on it shows nothing, so Tab goes straight to the
    actions (Page Up/Down and the mouse scroll it).
    """

    can_focus = False

    def __init__(self, *children: Widget, id: str | None = None) -> None:
        super().__init__(*children, id=id)
        self.kept: Widget | None = None
        self.limit = MAX_MESSAGES

    def say(
        self, widget: Widget, reveal: Widget | None = None, top: bool = False
    ) -> None:
        """Add `widget` and scroll `reveal` (or `widget`) into view.

        With `top`, the revealed widget goes to the top of the view (an answer
        under its question); otherwise the view moves just enough, so that what
        came before a short note stays in sight.
        """
        self.mount(widget)
        self._prune()
        widget.reveal_top = top  # type: ignore[attr-defined]
        widget.reveal = reveal  # type: ignore[attr-defined]
        self.keep_newest_in_view()

    def keep_newest_in_view(self) -> None:
        """Scroll the newest message back into view, as `say` placed it.

        A running demo's panel grows above the messages said after it (a
        refusal, an answer), pushing them out of sight, and an answer grows as
        its Markdown lays out; both call this.
        """
        if self.children:
            self.call_after_refresh(self._reveal, self.children[-1])

    def _reveal(self, newest: Widget) -> None:
        """Scroll to what `newest` reveals (its question), unless that is so
        tall (a pasted page) that the answer under it would stay out of sight."""
        reveal = getattr(newest, "reveal", None)
        top = bool(getattr(newest, "reveal_top", False))
        target = reveal or newest
        if reveal is not None and reveal.outer_size.height > self.size.height // 3:
            target = newest
        target.scroll_visible(top=top, animate=False)

    def _prune(self) -> None:
        """Drop the oldest messages past the limit, never the kept one."""
        excess = len(self.children) - self.limit
        if excess <= 0:
            return
        old = [child for child in self.children if child is not self.kept]
        for child in old[:excess]:
            child.remove()

    def clear(self) -> None:
        """Remove every message but the kept one."""
        for child in list(self.children):
            if child is not self.kept:
                child.remove()
