"""The question box: Enter asks, ↑/↓ recall earlier questions, / completes commands."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import ClassVar

from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from assistant import paths
from assistant.tui.messages import ActionList
from assistant.tui.slash import SlashSuggester

HISTORY_KEEP = 500

log = logging.getLogger("pcdl.tui")


class History:
    """Questions asked before, oldest first, kept in a text file, one a line.

    Args:
        path: The file; None keeps the history in memory only.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.items: list[str] = self._read()

    def _read(self) -> list[str]:
        if self.path is None:
            return []
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []
        return [line for line in lines if line.strip()][-HISTORY_KEEP:]

    def add(self, question: str) -> None:
        """Remember `question` (not twice in a row) and append it to the file."""
        if not question.strip() or (self.items and self.items[-1] == question):
            return
        self.items.append(question)
        del self.items[:-HISTORY_KEEP]
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as file:
                file.write(question.replace("\n", " ") + "\n")
        except OSError as error:
            # Losing the history must not interrupt the chat; say so in the log.
            log.warning("cannot save the question history: %s", error)


class QuestionBox(Input):
    """A one-line box for questions and slash commands.

    | Key | Action |
    | :- | :- |
    | enter | Ask the question (posts `QuestionBox.Asked`). |
    | up | Recall the previous question. |
    | down | Recall the next question, then what was being typed. |
    | tab | Accept the suggested completion; without one, go to the newest actions. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "history(-1)", "Previous question", show=False),
        Binding("down", "history(1)", "Next question", show=False),
        Binding("tab", "complete", "Complete", show=False),
    ]

    class Asked(Message):
        """The user pressed Enter on a question or command that is not blank."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, history_file: Path | None = None, **kwargs: object) -> None:
        super().__init__(suggester=SlashSuggester(), **kwargs)  # type: ignore[arg-type]
        self.history = History(history_file or paths.history_path())
        self._recalled = len(self.history.items)
        self._draft = ""

    async def action_submit(self) -> None:
        """Post the text as `Asked`, remember it and empty the box."""
        text = self.value.strip()
        if not text:
            return
        self.history.add(text)
        self._recalled, self._draft = len(self.history.items), ""
        self.value = ""
        self.post_message(self.Asked(text))

    def action_history(self, step: int) -> None:
        """Move through the history by `step` (-1 earlier, +1 later)."""
        items = self.history.items
        if self._recalled == len(items):
            self._draft = self.value
        target = min(max(self._recalled + step, 0), len(items))
        if target == self._recalled:
            return
        self._recalled = target
        self.value = items[target] if target < len(items) else self._draft
        self.cursor_position = len(self.value)

    def action_complete(self) -> None:
        """Take the suggestion; without one, focus the newest actions.

        The box comes last in the focus chain, so Tab would wrap to the oldest
        actions (the welcome's); the newest ones, under the latest answer, are
        the ones wanted, as Shift+Tab already finds them.
        """
        suggestion = self._suggestion
        if suggestion and len(suggestion) > len(self.value):
            self.value = suggestion
            self.cursor_position = len(self.value)
            return
        newest = [w for w in self.screen.focus_chain if isinstance(w, ActionList)]
        if not newest:
            raise SkipAction()
        newest[-1].focus()
