"""The chat app: the conversation, the question box, and the handlers owning state.

Widgets post messages (`QuestionBox.Asked`, `ActionList.Picked`,
`DemoPanel.Finished`); the handlers here answer them, start and stop demos,
and own the running demo, the conversation and the language. Nothing here
imports torch, scikit-learn or gymnasium: those run in the demo processes.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import replace
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Footer, Input, Label

from assistant import facts, paths
from assistant.chat import Conversation, Reply
from assistant.core import Assistant
from assistant.i18n import add, t
from assistant.personal_answers import PersonalAnswers
from assistant.runner import DEMOS, DemoRun
from assistant.tui import slash, wrapping
from assistant.tui.demo_panel import DemoPanel, relay
from assistant.tui.messages import (
    Action,
    ActionList,
    AnswerMessage,
    NoteMessage,
    QuestionMessage,
    WelcomeMessage,
)
from assistant.tui.palette import TopicsAndDemos
from assistant.tui.question_box import QuestionBox
from assistant.tui.topics import TopicsScreen

MAX_MESSAGES = 80
LABELLED_KEYS = ("quit", "stop", "help", "topics", "clear")

add(
    {
        "en": {
            "quit.hint": "Press ctrl+q to quit pcdl.",
            "facts.saved": "I'll use these figures when you ask about this PC.",
        },
        "ja": {
            "quit.hint": "pcdl を終了するには ctrl+q を押してください。",
            "facts.saved": "この値は、このPCについての質問に答えるときに使います。",
        },
    }
)

log = logging.getLogger("pcdl.tui")


def default_lang() -> str:
    """Return ``ja`` when the user's locale is Japanese, else ``en``."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "ja" if value.casefold().startswith("ja") else "en"
    return "en"


def demo_available(name: str) -> bool:
    """Return True when the demo program `name` is installed."""
    return (paths.demos_dir() / f"{name}.py").is_file()


class ChatApp(App[None]):
    """Ask about deep learning on your own PC, and watch demos run on it.

    | Key | Action |
    | :- | :- |
    | ctrl+q | Quit (stopping a running demo first). |
    | escape | Stop the running demo. |
    | f1 | Show the commands and keys. |
    | ctrl+t | Browse the topics. |
    | ctrl+l | Clear the conversation. |
    | pageup / pagedown | Scroll the conversation. |

    Args:
        assistant: The loaded knowledge base and matcher.
        lang: Answer in this language, or None to follow each question.
    """

    CSS_PATH = "app.tcss"
    TITLE = "pcdl"
    COMMANDS = App.COMMANDS | {TopicsAndDemos}
    inherit_bindings = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("escape", "stop_demo", "Stop demo", id="stop"),
        Binding("f1", "help", "Help", id="help"),
        Binding("ctrl+t", "topics", "Topics", id="topics"),
        Binding("ctrl+l", "clear", "Clear", id="clear"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
        Binding("pageup", "scroll_conversation(-1)", show=False),
        Binding("pagedown", "scroll_conversation(1)", show=False),
    ]

    def __init__(self, assistant: Assistant, lang: str | None = None) -> None:
        super().__init__()
        wrapping.install()
        self.assistant = assistant
        personal = PersonalAnswers(assistant.kb, gather=None)
        self.conversation = Conversation(
            assistant.kb, assistant.matcher, lang, personal=personal
        )
        self._asked_lang: str | None = None
        self._labels_lang = ""
        self.demo: DemoPanel | None = None
        self.demo_run: DemoRun | None = None
        self.demo_stop = asyncio.Event()
        self.pending_question: str | None = None

    @property
    def ui_lang(self) -> str:
        """The language pcdl speaks now: `/lang`, else the last question's."""
        return self.conversation.lang or self._asked_lang or default_lang()

    def compose(self) -> ComposeResult:
        """Lay out the conversation, the hint line, the question box, the footer."""
        with VerticalScroll(id="conversation"):
            yield WelcomeMessage(self.ui_lang)
        yield Label("", markup=False, id="hint")
        yield QuestionBox(id="question")
        yield Footer()

    def on_mount(self) -> None:
        """Label the keys in the user's language and focus the question box."""
        self._relabel()
        self.query_one("#hint").display = False
        self.query_one(QuestionBox).focus()

    def _relabel(self) -> None:
        """Show the footer's keys and the box's placeholder in `ui_lang`."""
        lang = self.ui_lang
        if lang == self._labels_lang:
            return
        self._labels_lang = lang
        # Binding descriptions are fixed when the class is made; the footer
        # reads them from this map, so relabelling means replacing them here.
        table = self._bindings.key_to_bindings
        for key, bindings in table.items():
            table[key] = [
                replace(b, description=t(f"key.{b.id}", lang))
                if b.id in LABELLED_KEYS
                else b
                for b in bindings
            ]
        self.query_one(QuestionBox).placeholder = t("box.placeholder", lang)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer Escape only while a demo runs."""
        if action == "stop_demo":
            return self.demo is not None
        return True

    # Messages and notes -------------------------------------------------

    def say(
        self, widget: Widget, reveal: Widget | None = None, top: bool = False
    ) -> None:
        """Add `widget` to the conversation and scroll `reveal` (or it) into view.

        With `top`, the revealed widget goes to the top of the view (an answer
        under its question); otherwise the view moves just enough, so that what
        came before a short note stays in sight.
        """
        view = self.query_one("#conversation", VerticalScroll)
        view.mount(widget)
        self._prune_messages(view)
        target = reveal or widget
        self.call_after_refresh(target.scroll_visible, top=top, animate=False)

    def note(
        self, markdown: str, tone: str = "info", actions: list[Action] | None = None
    ) -> None:
        """Add a note from pcdl itself."""
        self.say(NoteMessage(markdown, actions or [], tone))

    def _prune_messages(self, view: VerticalScroll) -> None:
        """Drop the oldest messages past `MAX_MESSAGES`, never a running demo."""
        old = [child for child in view.children if child is not self.demo]
        for child in old[: max(0, len(view.children) - MAX_MESSAGES)]:
            child.remove()

    # Questions ------------------------------------------------------------

    @on(Input.Changed, "#question")
    def _typed(self, event: Input.Changed) -> None:
        hint = self.query_one("#hint", Label)
        text = (
            slash.hint(event.value, self.ui_lang) if event.value.startswith("/") else ""
        )
        hint.update(text)
        hint.display = bool(text)

    @on(QuestionBox.Asked)
    async def _asked(self, event: QuestionBox.Asked) -> None:
        if slash.parse(event.text) is not None:
            await self.run_slash(event.text)
        else:
            self.ask(event.text)

    def ask(self, question: str, echo: bool = True, measure: bool = True) -> None:
        """Answer `question` in the conversation, starting any demo it asks for."""
        shown = QuestionMessage(question) if echo else None
        if shown is not None:
            self.say(shown)
        try:
            reply = self.conversation.ask(question)
        except Exception as error:  # a bug must not end the chat
            log.exception("answering %r failed", question)
            self.note(self._internal_error(error), tone="error")
            return
        self._asked_lang = reply.lang
        self._relabel()
        self.show_reply(reply, reveal=shown)
        if reply.run_demo:
            self.call_later(self.start_demo, reply.run_demo, [])
        elif reply.needs_facts and measure:
            self.measure_then_ask(question)

    def _internal_error(self, error: Exception) -> str:
        return t(
            "error.internal", self.ui_lang, error=error, log=paths.debug_log_path()
        )

    def show_reply(self, reply: Reply, reveal: Widget | None = None) -> None:
        """Add an answer, with its actions, to the conversation."""
        self.say(AnswerMessage(reply, reveal), reveal=reveal, top=True)

    def read_topic(self, entry_id: str, lang: str | None = None) -> None:
        """Show the answer of entry `entry_id`, as when a topic is picked."""
        chosen = self.conversation.lang or lang or self.ui_lang
        reply = self.conversation.answer_entry(entry_id, chosen)
        if reply is not None:
            self.show_reply(reply)

    @on(ActionList.Picked)
    async def _picked(self, event: ActionList.Picked) -> None:
        action = event.action
        if action.kind == "demo":
            await self.start_demo(action.value, [])
        elif action.kind == "topic":
            self.read_topic(action.value, action.lang)
        else:
            self.ask(action.value)
        self.query_one(QuestionBox).focus()

    # Slash commands -------------------------------------------------------

    async def run_slash(self, text: str) -> None:
        """Run a typed slash command, or say what is wrong with it."""
        typed = slash.parse(text)
        assert typed is not None
        problem = slash.check(typed, self.ui_lang)
        if typed.name not in ("clear", "quit"):
            self.say(QuestionMessage(text))
        if problem is not None:
            self.note(problem, tone="error")
            return
        args = list(typed.args)
        if typed.name == "demo":
            await self.start_demo(args[0], args[1:])
        elif typed.name == "lang":
            self.set_lang(args[0])
        elif typed.name == "stop":
            await self.action_stop_demo()
        elif typed.name == "quit":
            await self.action_quit()
        else:
            plain = {"help": self.action_help, "topics": self.action_topics}
            plain.get(typed.name, self.action_clear)()

    def set_lang(self, choice: str) -> None:
        """Answer in `choice` (``ja``, ``en``) or, with ``auto``, in the question's."""
        self.conversation.lang = None if choice == "auto" else choice
        self._relabel()
        self.note(t("lang.auto" if choice == "auto" else "lang.set", self.ui_lang))

    def action_help(self) -> None:
        """Show the commands and keys."""
        self.note(slash.help_markdown(self.ui_lang))

    def action_topics(self) -> None:
        """Open the list of topics; the one picked is read."""

        def picked(entry_id: str | None) -> None:
            if entry_id is not None:
                self.read_topic(entry_id)
            self.query_one(QuestionBox).focus()

        self.push_screen(TopicsScreen(self.assistant.kb, self.ui_lang), picked)

    def action_clear(self) -> None:
        """Clear the conversation, keeping a running demo's panel."""
        view = self.query_one("#conversation", VerticalScroll)
        for child in list(view.children):
            if child is not self.demo:
                child.remove()

    def action_scroll_conversation(self, pages: int) -> None:
        """Scroll the conversation by a page up (-1) or down (1)."""
        view = self.query_one("#conversation", VerticalScroll)
        if pages < 0:
            view.scroll_page_up()
        else:
            view.scroll_page_down()

    def action_help_quit(self) -> None:
        """Answer ctrl+c, which people press to quit, with the key that does."""
        self.notify(t("quit.hint", self.ui_lang))

    async def action_quit(self) -> None:
        """Stop a running demo, then leave."""
        await self._stop_demo()
        self.exit()

    # Demos ----------------------------------------------------------------

    async def start_demo(self, name: str, options: list[str]) -> None:
        """Run demo `name` in the conversation, unless one is already running."""
        lang = self.ui_lang
        if self.demo is not None:
            self.note(t("demo.busy", lang, demo=self.demo.demo), tone="error")
            return
        if name not in DEMOS:
            self.note(
                t("demo.unknown", lang, name=name, names=", ".join(DEMOS)), "error"
            )
            return
        if not demo_available(name):
            self.note(t("demo.missing", lang, demo=name), tone="error")
            return
        panel = DemoPanel(name, options, lang)
        run = DemoRun(name, options, lang)
        self.demo, self.demo_run, self.demo_stop = panel, run, asyncio.Event()
        self.refresh_bindings()
        await self.query_one("#conversation", VerticalScroll).mount(panel)
        self.call_after_refresh(panel.scroll_visible, top=True, animate=False)
        self.read_demo(run, panel)

    @work(group="demo", exit_on_error=False)
    async def read_demo(self, run: DemoRun, panel: DemoPanel) -> None:
        """Relay the run's events to its panel, then say that it finished."""
        failure = ""
        try:
            await relay(run, panel, self.demo_stop)
        except Exception as error:  # reported in the panel; the chat goes on
            log.exception("reading the %s demo failed", run.name)
            failure = self._internal_error(error)
        panel.post_message(DemoPanel.Finished(panel, run, failure))

    def measure_then_ask(self, question: str) -> None:
        """Measure this PC (``hw --quick``), then ask `question` again."""
        if self.demo is not None:
            self.note(t("demo.busy", self.ui_lang, demo=self.demo.demo), tone="error")
            return
        self.pending_question = question
        self.call_later(self.start_demo, "hw", ["--quick"])

    async def action_stop_demo(self) -> None:
        """Stop the running demo (Escape, `/stop`)."""
        if self.demo is None:
            self.note(t("demo.none", self.ui_lang))
            return
        await self._stop_demo()

    async def _stop_demo(self) -> None:
        panel, run = self.demo, self.demo_run
        if panel is None or run is None:
            return
        panel.set_state("stopping")
        self.demo_stop.set()
        await run.stop()

    @on(DemoPanel.Finished)
    def _demo_finished(self, event: DemoPanel.Finished) -> None:
        panel, run = event.panel, event.run
        if panel is not self.demo:
            return
        self.demo = self.demo_run = None
        self.refresh_bindings()
        lang = panel.lang
        if panel.state == "stopped":
            self.note(t("demo.stopped.note", lang, demo=run.name))
        elif panel.state == "failed":
            self.note(t("demo.failed.note", lang, demo=run.name), tone="error")
        if run.name == "hw" and run.result is not None:
            self._facts_measured(run, lang)
        question, self.pending_question = self.pending_question, None
        if question is not None:
            if run.name == "hw" and run.succeeded:
                self.ask(question, echo=False, measure=False)
            else:
                self.note(t("facts.failed", lang), tone="error")

    def _facts_measured(self, run: DemoRun, lang: str) -> None:
        """Keep an hw result as this PC's facts and offer what they answer."""
        assert run.result is not None
        try:
            facts.save(run.result)
        except OSError as error:
            log.warning("cannot save the facts about this PC: %s", error)
            return
        question = t("action.after_hw", lang)
        offer = Action("ask", question, t("action.ask", lang, question=question), lang)
        self.note(t("facts.saved", lang), actions=[offer])
