"""The matcher: normalisation, language, declines, demo intents, follow-ups."""

from __future__ import annotations

import pytest

from assistant.chat import Conversation
from assistant.core import Assistant, load_assistant
from assistant.intents import demo_request
from assistant.matcher import DECLINE_BELOW, features
from assistant.text import cell_width, detect_language, normalize, truncate_cells


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    return load_assistant()


def ask(assistant: Assistant, *questions: str):
    conversation = Conversation(assistant.kb, assistant.matcher)
    return [conversation.ask(q) for q in questions][-1]


def test_normalize_folds_width_and_case() -> None:
    assert normalize("ＧＰＵ") == "gpu"
    assert normalize("ﾃﾞｨｰﾌﾟ") == "ディープ"
    assert normalize("  Deep   Learning ") == "deep learning"
    assert features("ＧＰＵって何?") == features("GPUって何?")


def test_language_detection() -> None:
    assert detect_language("GPUって何?") == "ja"
    assert detect_language("漢字") == "ja"
    assert detect_language("ﾊﾟｿｺﾝ") == "ja"
    assert detect_language("What is a GPU?") == "en"


def test_cells_count_wide_characters_twice() -> None:
    assert cell_width("GPU") == 3
    assert cell_width("学習") == 4
    assert cell_width(truncate_cells("ディープラーニング", 7)) <= 7


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("家庭用PCでディープラーニングはできる?", "home-pc-for-dl"),
        ("ＧＰＵって何ですか", "term-gpu"),
        ("what is a replay buffer", "term-replay-buffer"),
        ("ﾘﾌﾟﾚｲﾊﾞｯﾌｧって何?", "term-replay-buffer"),
        ("where does the network live, RAM or SSD?", "where-network-lives"),
    ],
)
def test_questions_reach_their_entry(assistant: Assistant, question, expected) -> None:
    reply = ask(assistant, question)
    assert reply.entry_id == expected
    assert reply.lang == detect_language(question)
    assert reply.title == assistant.kb.get(expected).title[reply.lang]


@pytest.mark.parametrize(
    "question",
    ["How do I bake bread?", "明日の天気は?", "qwertyuiop", "Tell me a joke"],
)
def test_unrelated_questions_are_declined_with_three_topics(
    assistant, question
) -> None:
    reply = ask(assistant, question)
    assert reply.entry_id is None and reply.kind == "decline"
    assert reply.score < DECLINE_BELOW
    assert len(reply.alternatives) == 3
    assert reply.lang == detect_language(question)


def test_decline_is_in_the_askers_language(assistant: Assistant) -> None:
    assert "すみません" in ask(assistant, "カレーの作り方は?").answer
    assert "Sorry" in ask(assistant, "How do I bake bread?").answer


@pytest.mark.parametrize(
    ("question", "demo"),
    [
        ("DQNのデモを動かして", "dqn"),
        ("run the hardware check", "hw"),
        ("check my PC's specs", "hw"),
        ("MLPのメモリを調べて", "mlp"),
    ],
)
def test_demo_requests_offer_the_demo(assistant, question, demo) -> None:
    assert demo_request(question) == demo
    reply = ask(assistant, question)
    assert reply.kind == "demo" and reply.demos == [demo] and reply.entry_id is None


def test_a_yes_no_question_about_running_is_a_topic(assistant: Assistant) -> None:
    assert demo_request("Can DQN run on a laptop?") is None
    assert ask(assistant, "Can DQN run on a laptop?").entry_id is not None


def test_followup_leans_on_the_previous_topic(assistant: Assistant) -> None:
    reply = ask(
        assistant, "Can a home PC be used for deep learning?", "and without a GPU?"
    )
    assert reply.entry_id in {"home-pc-for-dl", "term-gpu"}
    first = ask(assistant, "それは何?")
    assert first.entry_id is None


def test_lang_override(assistant: Assistant) -> None:
    conversation = Conversation(assistant.kb, assistant.matcher, lang="en")
    reply = conversation.ask("GPUって何?")
    assert reply.lang == "en" and reply.entry_id == "term-gpu"
    assert reply.title == assistant.kb.get("term-gpu").title["en"]


def test_empty_question_is_a_decline_with_a_hint(assistant: Assistant) -> None:
    reply = ask(assistant, "   ")
    assert reply.entry_id is None and reply.kind == "decline" and reply.answer


@pytest.mark.parametrize("question", ["こんにちは", "hello!", "help", "ありがとう!"])
def test_small_talk_gets_a_friendly_hint_not_a_refusal(assistant, question) -> None:
    reply = ask(assistant, question)
    assert reply.entry_id is None and reply.kind == "decline"
    assert "Sorry" not in reply.answer and "すみません" not in reply.answer


def test_a_bare_name_keeps_the_conversations_language(assistant: Assistant) -> None:
    conversation = Conversation(assistant.kb, assistant.matcher)
    assert conversation.ask("CIFAR-10ってどんなデータセット?").lang == "ja"
    reply = conversation.ask("MountainCar")
    assert reply.lang == "ja" and reply.entry_id == "term-mountaincar"
    assert conversation.ask("what is bert").lang == "en"
    assert Conversation(assistant.kb, assistant.matcher).ask("CIFAR-10").lang == "en"
