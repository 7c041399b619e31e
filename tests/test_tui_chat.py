"""The chat TUI, driven by a Pilot: questions, answers, actions, history, commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, OptionList

from assistant import paths
from assistant.core import Assistant, load_assistant
from assistant.tui.app import ChatApp
from assistant.tui.messages import (
    ActionList,
    AnswerMessage,
    NoteMessage,
    QuestionMessage,
    WelcomeMessage,
)
from assistant.tui.question_box import QuestionBox
from assistant.tui.slash import COMMANDS
from assistant.tui.topics import TopicsScreen

HOME_PC_JA = "家庭用PCでディープラーニングはできる?"


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    """The real knowledge base, loaded once for the module."""
    loaded = load_assistant()
    assert not loaded.problems
    return loaded


@pytest.fixture(autouse=True)
def english_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the user's folders in tmp_path and the locale English."""
    monkeypatch.setenv("PCDL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PCDL_STATE_DIR", str(tmp_path / "state"))
    for variable in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")


async def ask(pilot: Pilot, text: str) -> None:
    """Put `text` in the question box and press Enter."""
    pilot.app.query_one(QuestionBox).value = text
    await pilot.press("enter")
    await pilot.pause()


def answers(app: ChatApp) -> list[AnswerMessage]:
    """Return the answers shown, oldest first."""
    return list(app.query(AnswerMessage))


def notes(app: ChatApp) -> list[str]:
    """Return the Markdown of pcdl's own notes, oldest first (not the welcome)."""
    return [
        n.markdown for n in app.query(NoteMessage) if not isinstance(n, WelcomeMessage)
    ]


def labels(listing: ActionList) -> list[str]:
    """Return the labels of an action list."""
    return [
        str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)
    ]


def above_text(answer: AnswerMessage) -> str:
    """Return the Markdown shown above an answer's actions."""
    return answer.query(Markdown).first().source


async def test_welcome_offers_examples_in_both_languages(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)):
        welcome = app.query_one(WelcomeMessage)
        examples = labels(welcome.query_one(ActionList))
        assert any("家庭用PC" in label for label in examples)
        assert any("laptop" in label for label in examples)
        for command in ("/topics", "/demo", "/facts"):
            assert command in welcome.markdown
        assert app.focused is app.query_one(QuestionBox)


async def test_japanese_question_gets_the_japanese_answer(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, HOME_PC_JA)

        assert [q.content for q in app.query(QuestionMessage)] == [HOME_PC_JA]
        (answer,) = answers(app)
        entry = assistant.kb.get("home-pc-for-dl")
        assert entry is not None
        assert answer.reply.entry_id == "home-pc-for-dl"
        assert answer.reply.lang == "ja"
        title = answer.query_one(".title")
        assert str(title.render()) == entry.title["ja"]
        assert answer.query_one(Markdown).source.startswith(entry.answer["ja"][:20])
        # The footer now speaks Japanese too.
        descriptions = {b.description for _, b, *_ in app.active_bindings.values()}
        assert "終了" in descriptions


async def test_english_question_gets_the_english_answer(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "Can a home PC do deep learning?")

        (answer,) = answers(app)
        entry = assistant.kb.get("home-pc-for-dl")
        assert entry is not None
        assert answer.reply.lang == "en"
        assert str(answer.query_one(".title").render()) == entry.title["en"]
        actions = labels(answer.query_one(ActionList))
        assert any(label.startswith("▶ Run the hw demo") for label in actions)
        related = [assistant.kb.get(i) for i in entry.related]
        assert f"→ {related[0].title['en']}" in actions


async def test_off_topic_question_is_declined_with_suggestions(
    assistant: Assistant,
) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"How do I bake bread?")
        await pilot.press("enter")
        await pilot.pause()

        (answer,) = answers(app)
        assert answer.reply.kind == "decline" and answer.reply.entry_id is None
        assert str(answer.query_one(".title").render()) == "Outside what I know"
        suggestions = labels(answer.query_one(ActionList))
        assert len(suggestions) == 3
        # The text above asks "perhaps one of these?" once; the labels don't.
        titles = [f"? {a.title}" for a in answer.reply.alternatives]
        assert suggestions == titles
        assert "Perhaps one of these" in above_text(answer)
        # The suggestions are listed once, as actions, with the hint below them.
        above, below = (md.source for md in answer.query(Markdown))
        assert not any(a.title in above + below for a in answer.reply.alternatives)
        assert "/topics" in below


async def test_picking_a_suggestion_by_keyboard_reads_it(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "How do I bake bread?")
        declined = answers(app)[0]
        first = declined.reply.alternatives[0]

        declined.query_one(ActionList).focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

        assert answers(app)[-1].reply.entry_id == first.id
        assert app.focused is app.query_one(QuestionBox)


async def test_picking_a_related_topic_keeps_the_language(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, HOME_PC_JA)
        listing = answers(app)[0].query_one(ActionList)
        topics = [i for i, a in enumerate(listing.actions) if a.kind == "topic"]
        wanted = listing.actions[topics[0]].value

        listing.focus()
        await pilot.pause()
        await pilot.press(*["down"] * topics[0], "enter")
        await pilot.pause()

        latest = answers(app)[-1].reply
        assert (latest.entry_id, latest.lang) == (wanted, "ja")


async def test_picking_an_example_by_mouse_asks_it(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        listing = app.query_one(WelcomeMessage).query_one(ActionList)
        assert await pilot.click(listing, offset=(4, 0))
        await pilot.pause()

        assert [q.content for q in app.query(QuestionMessage)] == [HOME_PC_JA]
        assert answers(app)[0].reply.entry_id == "home-pc-for-dl"


async def test_up_and_down_recall_questions_and_survive_a_restart(
    assistant: Assistant,
) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "first question")
        await ask(pilot, "second question")
        box = app.query_one(QuestionBox)
        box.value = "draft"

        await pilot.press("up")
        assert box.value == "second question"
        await pilot.press("up", "up")
        assert box.value == "first question"
        await pilot.press("down")
        assert box.value == "second question"
        await pilot.press("down")
        assert box.value == "draft"

    saved = paths.history_path().read_text(encoding="utf-8").splitlines()
    assert saved == ["first question", "second question"]
    again = ChatApp(assistant)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("up")
        assert again.query_one(QuestionBox).value == "second question"


async def test_help_lists_every_command(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/help")

        (text,) = notes(app)
        for command in COMMANDS:
            assert f"`{command.usage_line()}`" in text


async def test_topics_lists_every_entry_and_reads_the_one_picked(
    assistant: Assistant,
) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/topics")
        assert isinstance(app.screen, TopicsScreen)
        listing = app.screen.query_one("#topic-list", OptionList)
        assert listing.option_count == len(assistant.kb)

        await pilot.press(*"cartpole")
        await pilot.pause()
        assert listing.option_count == 1
        await pilot.press("enter")
        await pilot.pause()

        assert not isinstance(app.screen, TopicsScreen)
        assert answers(app)[-1].reply.entry_id == "term-cartpole"


async def test_escape_closes_topics_without_an_answer(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, TopicsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TopicsScreen)
        assert answers(app) == []


async def test_lang_fixes_then_frees_the_answer_language(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/lang ja")
        assert notes(app)[-1] == "これからは日本語で答えます。"
        await ask(pilot, "Can a home PC do deep learning?")
        assert answers(app)[-1].reply.lang == "ja"

        await ask(pilot, "/lang auto")
        await ask(pilot, "Can a home PC do deep learning?")
        assert answers(app)[-1].reply.lang == "en"

        await ask(pilot, "/lang fr")
        assert notes(app)[-1] == "Usage: `/lang ja|en|auto`"


async def test_clear_empties_the_conversation(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, HOME_PC_JA)
        await ask(pilot, "/clear")
        assert list(app.query_one("#conversation").children) == []
        assert app.conversation.previous is None


async def test_old_messages_go_past_the_limit(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        app.view.limit = 6
        for number in range(5):
            await ask(pilot, f"question {number}")
        children = list(app.view.children)
        assert len(children) == 6
        assert not app.query(WelcomeMessage)
        assert [q.content for q in app.query(QuestionMessage)][-1] == "question 4"


async def test_shift_tab_reaches_the_newest_answers_actions(
    assistant: Assistant,
) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, HOME_PC_JA)
        await pilot.press("shift+tab")
        assert app.focused is answers(app)[-1].query_one(ActionList)


async def test_tab_reaches_the_newest_answers_actions_then_the_box(
    assistant: Assistant,
) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "What is MNIST?")
        await ask(pilot, "GPUって何?")
        older, newest = (a.query_one(ActionList) for a in answers(app)[-2:])
        box = app.query_one(QuestionBox)

        await pilot.press("tab")
        assert app.focused is newest and newest.highlighted == 0
        await pilot.press("tab")
        assert app.focused is box
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is older
        assert app.view not in app.screen.focus_chain


async def test_quit_leaves_the_app(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/quit")
        await pilot.pause()
        assert app._exit


async def test_unknown_command_and_bad_arguments_say_what_is_wrong(
    assistant: Assistant,
) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/bake bread")
        assert "There is no command `/bake`" in notes(app)[-1]
        await ask(pilot, "/clear everything")
        assert notes(app)[-1] == "`/clear` takes no arguments."
        await ask(pilot, "/demo cake")
        assert "There is no demo called `cake`" in notes(app)[-1]
        await ask(pilot, "/stop")
        assert notes(app)[-1] == "No demo is running."

        await ask(pilot, HOME_PC_JA)
        await ask(pilot, "/bake")
        assert "`/bake` というコマンドはありません" in notes(app)[-1]


async def test_slash_commands_complete_as_one_types(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        box = app.query_one(QuestionBox)
        await pilot.press(*"/de")
        await pilot.pause()
        hint = app.query_one("#hint")
        assert hint.display and "/demo hw|mlp|dqn [options]" in str(hint.render())

        await pilot.press("tab")
        assert box.value == "/demo"
        await pilot.press("space", "d")
        await pilot.pause()
        await pilot.press("right")
        assert box.value == "/demo dqn"
        assert app.focused is box


async def test_palette_finds_topics_and_demos(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"cartpole")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one(OptionList)
        prompts = [
            str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)
        ]
        cartpole = assistant.kb.get("term-cartpole")
        assert cartpole is not None
        assert prompts[0].startswith(cartpole.title["en"])

        await pilot.press("enter")
        await pilot.pause()
        assert answers(app)[-1].reply.entry_id == "term-cartpole"

        await pilot.press("ctrl+p")
        await pilot.press(*"demo: dqn")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one(OptionList)
        prompts = [
            str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)
        ]
        assert any(prompt.startswith("Demo: dqn") for prompt in prompts)


async def test_the_box_and_footer_fit_at_80_by_24(assistant: Assistant) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, HOME_PC_JA)
        screen = app.screen.region
        box = app.query_one(Input).region
        assert screen.contains_region(box) and box.height == 3
        assert app.query_one("#conversation").region.height >= 16


async def test_palette_finds_demos_by_their_english_name_in_japanese(
    assistant: Assistant,
) -> None:
    app = ChatApp(assistant, lang="ja")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"demo hw")
        await app.workers.wait_for_complete()
        await pilot.pause()
        hits = app.screen.query_one(OptionList)
        first = str(hits.get_option_at_index(0).prompt)
        assert first.startswith("デモ: hw")


async def test_facts_show_and_forget(assistant: Assistant) -> None:
    from assistant import facts

    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        await ask(pilot, "/facts")
        assert "/facts refresh" in notes(app)[-1]

        facts.save({"cpu_model": "Test CPU", "ram_total_gb": 16.0})
        await ask(pilot, "/facts show")
        assert "Test CPU" in notes(app)[-1]

        await ask(pilot, "/facts forget")
        assert facts.load() is None
        assert notes(app)[-1] == "The facts about this PC were deleted."

        await ask(pilot, "/facts later")
        assert "/facts" in notes(app)[-1]


async def test_a_very_long_question_still_shows_its_answer(
    assistant: Assistant,
) -> None:
    app = ChatApp(assistant)
    async with app.run_test(size=(80, 24)) as pilot:
        question = "What is CartPole? " + "Please explain it in detail. " * 120
        await ask(pilot, question)
        await pilot.pause()
        (answer,) = answers(app)
        view = app.query_one("#conversation")
        top = answer.region.y - view.region.y
        assert 0 <= top < view.size.height
