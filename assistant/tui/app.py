"""The chat app: the conversation, the question box, and the handlers owning state.

Widgets post messages (`QuestionBox.Asked`, `ActionList.Picked`,
`DemoPanel.Finished`); the handlers here answer them, start and stop demos,
and own the running demo, the conversation and the language. Nothing here
imports torch, scikit-learn or gymnasium: those run in the demo processes.
"""

from __future__ import annotations

import logging
from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import Footer, Input, Label

from assistant import facts, paths
from assistant.chat import Conversation, Reply
from assistant.core import Assistant
from assistant.i18n import t
from assistant.personal_answers import PersonalAnswers
from assistant.runner import DemoRun
from assistant.tui import keys, slash, wrapping
from assistant.tui.conversation_view import ConversationView
from assistant.tui.demo_panel import DemoPanel
from assistant.tui.demo_slot import DemoSlot
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

log = logging.getLogger("pcdl.tui")


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
    BINDINGS: ClassVar[list[BindingType]] = keys.BINDINGS

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
        self.demo_slot = DemoSlot(self, self._internal_error)
        self.pending_question: str | None = None

    @property
    def ui_lang(self) -> str:
        """The language pcdl speaks now: `/lang`, else the last question's."""
        return self.conversation.lang or self._asked_lang or keys.locale_lang()

    def compose(self) -> ComposeResult:
        """Lay out the conversation, the hint line, the question box, the footer."""
        yield ConversationView(WelcomeMessage(self.ui_lang), id="conversation")
        yield Label("", markup=False, id="hint")
        yield QuestionBox(id="question")
        yield Footer()

    def on_mount(self) -> None:
        """Label the keys, focus the question box, and build the matcher's index.

        The index is built in a thread once the first screen is painted (a
        thread started earlier slows the painting down, holding the GIL), and
        the first question, which waits for it if need be, finds it ready.
        """
        self._relabel()
        self.query_one("#hint").display = False
        self.query_one(QuestionBox).focus()
        self.call_after_refresh(self._warm_matcher)

    def _warm_matcher(self) -> None:
        self.run_worker(
            self.assistant.matcher.warm,
            name="matcher index",
            thread=True,
            exit_on_error=False,  # a failure shows on the first question instead
        )

    def _relabel(self) -> None:
        """Show the footer's keys and the box's placeholder in `ui_lang`."""
        lang = self.ui_lang
        if lang == self._labels_lang:
            return
        self._labels_lang = lang
        keys.relabel(self._bindings, lang)
        self.query_one(QuestionBox).placeholder = t("box.placeholder", lang)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer Escape only while a demo runs."""
        if action == "stop_demo":
            return self.demo_slot.busy
        return True

    # Messages and notes -------------------------------------------------

    @property
    def view(self) -> ConversationView:
        """The conversation's scrolling view."""
        return self.query_one(ConversationView)

    def say(
        self, widget: Widget, reveal: Widget | None = None, top: bool = False
    ) -> None:
        """Add `widget` to the conversation; see `ConversationView.say`."""
        self.view.say(widget, reveal, top)

    def note(
        self, markdown: str, tone: str = "info", actions: list[Action] | None = None
    ) -> None:
        """Add a note from pcdl itself."""
        self.say(NoteMessage(markdown, actions or [], tone))

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
        elif typed.name == "facts":
            await self.manage_facts(args[0] if args else "show")
        elif typed.name == "quit":
            await self.action_quit()
        else:
            plain = {"help": self.action_help, "topics": self.action_topics}
            plain.get(typed.name, self.action_clear)()

    async def manage_facts(self, action: str) -> None:
        """Show, refresh (run `hw` again) or forget the cached facts."""
        lang = self.ui_lang
        if action == "refresh":
            await self.start_demo("hw", [])
        elif action == "forget":
            self.note(t("facts.forgotten" if facts.forget() else "facts.nothing", lang))
        else:
            stored = facts.load()
            self.note(facts.describe(stored, lang) if stored else t("facts.none", lang))

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
        """Clear the conversation and its context, keeping a running demo's panel."""
        self.view.clear()
        self.conversation.reset()

    def action_scroll_conversation(self, pages: int) -> None:
        """Scroll the conversation by a page up (-1) or down (1)."""
        if pages < 0:
            self.view.scroll_page_up()
        else:
            self.view.scroll_page_down()

    def action_help_quit(self) -> None:
        """Answer ctrl+c, which people press to quit, with the key that does."""
        self.notify(t("quit.hint", self.ui_lang))

    async def action_quit(self) -> None:
        """Stop a running demo, then leave."""
        await self.demo_slot.stop()
        self.exit()

    # Demos ----------------------------------------------------------------

    async def start_demo(self, name: str, options: list[str]) -> None:
        """Run demo `name` in the conversation, unless one is already running."""
        lang = self.ui_lang
        refusal = self.demo_slot.refusal(name, lang)
        if refusal is not None:
            self.note(refusal, tone="error")
            return
        await self.demo_slot.start(name, options, lang, self.view)
        self.refresh_bindings()

    def measure_then_ask(self, question: str) -> None:
        """Measure this PC (``hw --quick``), then ask `question` again."""
        refusal = self.demo_slot.refusal("hw", self.ui_lang)
        if refusal is not None:
            self.note(refusal, tone="error")
            return
        self.pending_question = question
        self.call_later(self.start_demo, "hw", ["--quick"])

    async def action_stop_demo(self) -> None:
        """Stop the running demo (Escape, `/stop`)."""
        if not await self.demo_slot.stop():
            self.note(t("demo.none", self.ui_lang))

    @on(DemoPanel.Finished)
    def _demo_finished(self, event: DemoPanel.Finished) -> None:
        panel, run = event.panel, event.run
        if not self.demo_slot.end(panel, self.view):
            return
        self.refresh_bindings()
        lang = panel.lang
        if panel.state == "stopped":
            self.note(t("demo.stopped.note", lang, demo=run.name))
        elif panel.state == "failed":
            self.note(t("demo.failed.note", lang, demo=run.name), tone="error")
        if run.measured_facts:
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
        # Short follow-ups ("GPT-3は?") now mean "on this PC".
        self.conversation.previous_kind = "hw"
        question = t("action.after_hw", lang)
        offer = Action("ask", question, t("action.ask", lang, question=question), lang)
        self.note(t("facts.saved", lang), actions=[offer])
