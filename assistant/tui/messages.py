"""The conversation's messages: questions, answers with their actions, notes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from assistant.chat import Reply
from assistant.i18n import t
from assistant.tui import texts


@dataclass(frozen=True)
class Action:
    """Something one can do from a message.

    Args:
        kind: ``demo`` (run `value`), ``topic`` (read entry `value`) or ``ask``
            (ask `value` as a question).
        value: The demo name, entry id or question.
        label: What the list shows.
        lang: The language of the message it belongs to.
    """

    kind: str
    value: str
    label: str
    lang: str


class ActionList(OptionList):
    """The actions under a message, picked by mouse or keyboard."""

    class Picked(Message):
        """The user picked `action`."""

        def __init__(self, action: Action) -> None:
            super().__init__()
            self.action = action

    def __init__(self, actions: Iterable[Action], **kwargs: object) -> None:
        self.actions = list(actions)
        options = [Option(a.label, id=str(i)) for i, a in enumerate(self.actions)]
        super().__init__(*options, **kwargs)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        """Show no choice as picked until the user moves into the list."""
        self.highlighted = None

    def on_focus(self) -> None:
        """Highlight the first action when the keyboard arrives."""
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Picked(self.actions[event.option_index]))


def reply_actions(reply: Reply) -> list[Action]:
    """Return a reply's actions: its demos, then its alternatives or related topics."""
    lang = reply.lang
    actions = [
        Action(
            "demo",
            demo,
            t("action.demo", lang, demo=demo, description=t(f"demo.{demo}", lang)),
            lang,
        )
        for demo in reply.demos
        # The demo the reply starts by itself is not offered again.
        if demo != reply.run_demo and not (reply.needs_facts and demo == "hw")
    ]
    if reply.kind == "decline":
        key, topics = "action.alternative", reply.alternatives
    else:
        key, topics = "action.related", reply.related
    actions += [
        Action("topic", a.id, t(key, lang, title=a.title), lang) for a in topics
    ]
    return actions


class QuestionMessage(Static):
    """A question as the user asked it."""

    def __init__(self, question: str) -> None:
        super().__init__(question, markup=False, classes="message")


class AnswerMessage(Vertical):
    """An answer: its title, its Markdown, and the actions under it.

    Args:
        reply: What the conversation answered.
        reveal: The widget to keep at the top of the view while the answer
            lays itself out (its question), or None for the answer itself.
    """

    def __init__(self, reply: Reply, reveal: Widget | None = None) -> None:
        super().__init__(classes=f"message {reply.kind}")
        self.reply = reply
        self.reveal = reveal

    def on_resize(self) -> None:
        """Keep the start of the newest answer in view as its Markdown grows."""
        parent = self.parent
        if parent is None or not parent.children or parent.children[-1] is not self:
            return
        keep = getattr(parent, "keep_newest_in_view", None)
        if keep is not None:
            keep()

    def _title(self) -> str:
        reply = self.reply
        if reply.title:
            return reply.title
        fallback = {"decline": "answer.declined", "demo": "answer.demo"}
        return t(fallback.get(reply.kind, "answer.personal"), reply.lang)

    def _parts(self) -> tuple[str, str]:
        """Split the Markdown around where the actions go.

        A decline lists its suggestions, which the actions show already: the
        text before the list goes above them and the text after it below.
        """
        reply = self.reply
        listed = {f"- {a.title}" for a in reply.alternatives}
        lines = reply.answer.splitlines()
        marks = [i for i, line in enumerate(lines) if line in listed]
        if reply.kind != "decline" or not marks:
            return reply.answer, ""
        head = "\n".join(lines[: marks[0]]).strip()
        return head, "\n".join(lines[marks[-1] + 1 :]).strip()

    def compose(self) -> ComposeResult:
        """Lay out the title, the answer and its actions."""
        above, below = self._parts()
        yield Label(self._title(), markup=False, classes="title")
        yield Markdown(above)
        actions = reply_actions(self.reply)
        if actions:
            yield ActionList(actions)
        if below:
            yield Markdown(below)


class NoteMessage(Vertical):
    """A message from pcdl itself: help, a changed setting, a demo that ended.

    Args:
        markdown: The text.
        actions: Actions offered under it.
        tone: ``info`` or ``error``, for styling.
    """

    def __init__(
        self, markdown: str, actions: Iterable[Action] = (), tone: str = "info"
    ) -> None:
        super().__init__(classes=f"message note {tone}")
        self.markdown = markdown
        self.actions = list(actions)

    def compose(self) -> ComposeResult:
        """Lay out the text and its actions."""
        yield Markdown(self.markdown)
        if self.actions:
            yield ActionList(self.actions)


class WelcomeMessage(NoteMessage):
    """The first message: what pcdl does, example questions in both languages."""

    def __init__(self, lang: str) -> None:
        intro = "\n\n".join(
            [t("welcome", "ja"), t("welcome", "en"), t("welcome.commands", lang)]
        )
        examples = [
            Action("ask", question, t("action.ask", lang, question=question), lang)
            for question in texts.EXAMPLES
        ]
        super().__init__(intro, examples)
        self.add_class("welcome")
