"""Recognise what a question asks for besides a topic.

- A demo request ("DQNのデモを動かして", "run the hardware check"): a word that
  asks to run something together with a word that names a demo.
- A follow-up ("それはどのくらい時間がかかる?", "and without a GPU?"): a short
  question that leans on the previous one.
- A personal question ("私のPCで…", "can my PC…"): it asks about this PC.

These are word lists, kept here beside the rules that use them; every form is
compared after `assistant.text.normalize`.
"""

from __future__ import annotations

import re

from assistant.text import cell_width, normalize

DEMO_NAMES = ("hw", "mlp", "dqn")

# Words that name each demo's subject. The hardware words are specific: "PC"
# alone names the subject of most questions, not the hardware check.
DEMO_TARGETS: dict[str, tuple[str, ...]] = {
    "hw": (
        "hardware",
        "hw",
        "spec",
        "specs",
        "specification",
        "benchmark",
        "ハードウェア",
        "ハード",
        "スペック",
        "性能",
        "構成",
        "ベンチマーク",
        "マシン",
    ),
    "mlp": (
        "mlp",
        "perceptron",
        "sklearn",
        "scikit",
        "neural network memory",
        "多層パーセプトロン",
        "パーセプトロン",
        "ニューラルネット",
        "メモリ",
    ),
    "dqn": (
        "dqn",
        "cartpole",
        "cart pole",
        "deep q",
        "reinforcement",
        "カートポール",
        "強化学習",
    ),
}

RUN_WORDS = (
    "run",
    "start",
    "launch",
    "execute",
    "demo",
    "try",
    "show me",
    "check my",
    "test my",
    "measure",
    "inspect",
    "benchmark my",
    "let's see",
    "go ahead",
    "デモ",
    "動かし",
    "動かせ",
    "実行",
    "見せて",
    "やってみ",
    "試し",
    "走らせ",
    "てみて",
    "調べて",
    "測って",
    "計測",
    "確認して",
    "チェックして",
    "起動",
)
SPEC_WORDS = (
    "spec",
    "スペック",
    "構成",
    "have a gpu",
    "have a graphics",
    "gpuある",
    "gpuは載",
    "gpuがある",
    "gpuはある",
    "how much ram do i have",
    "how many cores",
    "メモリはどのくらい",
    "メモリは何",
    "コア数",
)
REQUEST_STARTS = ("can you", "could you", "would you", "will you", "please")
QUESTION_STARTS = (
    "can ",
    "could ",
    "does ",
    "do ",
    "is ",
    "are ",
    "will ",
    "would ",
    "should ",
    "how ",
    "what ",
    "why ",
    "when ",
    "where ",
    "which ",
)

FOLLOWUP_STARTS = (
    "and ",
    "what about",
    "how about",
    "also",
    "then ",
    "so ",
    "but ",
    "or ",
    "without",
    "with a",
    "with an",
    "on a",
    "it ",
    "that ",
    "those ",
    "それ",
    "その",
    "じゃあ",
    "では",
    "なら",
    "あと",
    "ちなみに",
    "でも",
    "じゃ",
    "これ",
    "あれ",
    "もし",
)
FOLLOWUP_MAX_CELLS = 40

PERSONAL_WORDS = (
    "my pc",
    "my computer",
    "my laptop",
    "my machine",
    "my notebook",
    "my desktop",
    "my mac",
    "my gpu",
    "my cpu",
    "this pc",
    "this computer",
    "this machine",
    "this laptop",
    "here",
    "on mine",
    "i train",
    "can i train",
    "could i train",
    "私の",
    "僕の",
    "ぼくの",
    "俺の",
    "自分の",
    "うちの",
    "このpc",
    "このパソコン",
    "このマシン",
    "手元",
    "ここで",
    "わたしの",
)


def demo_request(question: str) -> str | None:
    """Return the demo a question asks to run, or None.

    "demo" itself is a request; another run word counts unless the sentence
    is a yes/no question ("can DQN run on a laptop?"), which is a topic.
    """
    text = normalize(question)
    if is_personal(question) and any(word in text for word in SPEC_WORDS):
        return "hw"  # "what are my PC's specs?": the hardware check answers it
    named = "demo" in text or "デモ" in text
    if not named and (_is_question(text) or not any(w in text for w in RUN_WORDS)):
        return None
    found = [
        (position, name)
        for name, words in DEMO_TARGETS.items()
        for word in words
        if (position := find_word(text, word)) >= 0
    ]
    return min(found)[1] if found else None


def _is_question(text: str) -> bool:
    """Return True for a question about something, as opposed to a request."""
    if text.startswith(REQUEST_STARTS):
        return False
    if text.startswith(QUESTION_STARTS):
        return True
    return text.rstrip("?!。 ").endswith(("か", "る", "の", "できる", "可能"))


def find_word(text: str, word: str) -> int:
    """Find `word` in `text`; Latin words must stand alone, not inside another.

    A hyphen joins words: "bert" is not found in "bert-large".
    """
    if word.isascii():
        pattern = rf"(?<![a-z])(?<![a-z0-9]-){re.escape(word)}(?![a-z]|-[a-z0-9])"
        match = re.search(pattern, text)
        return match.start() if match else -1
    return text.find(word)


def looks_like_followup(question: str) -> bool:
    """Return True for a short question that may lean on the previous one."""
    return followup_strength(question) is not None


def followup_strength(question: str) -> str | None:
    """Say how surely a question leans on the previous one.

    ``"strong"``: it opens with a word that points back ("and …", "それは…",
    "じゃあ…"); ``"weak"``: it is merely short ("GPT-3は?"); None: it stands on
    its own.
    """
    text = normalize(question)
    if cell_width(text) > FOLLOWUP_MAX_CELLS:
        return None
    if text.startswith(FOLLOWUP_STARTS):
        return "strong"
    if len(text.split()) <= 3 and text.endswith(("は?", "は", "?")):
        return "weak"
    return None


def is_personal(question: str) -> bool:
    """Return True when the question asks about the user's own PC."""
    text = normalize(question)
    return any(find_word(text, word) >= 0 for word in PERSONAL_WORDS)


# "What can this PC do?": a personal question that names no workload but asks
# for all of them.
CATALOGUE_WORDS = (
    "what can",
    "what else can",
    "which models",
    "what models",
    "which jobs",
    "what could",
    "何ができ",
    "なにができ",
    "何が学習でき",
    "できること",
    "どこまででき",
    "何を学習でき",
    "どれが学習でき",
)


def asks_for_catalogue(question: str) -> bool:
    """Return True for "what can this PC do?" and its kin."""
    text = normalize(question)
    return is_personal(question) and any(word in text for word in CATALOGUE_WORDS)


TRAIN_WORDS = (
    "train",
    "fine-tune",
    "finetune",
    "learn",
    "学習",
    "訓練",
    "ファインチューニング",
)


def asks_to_train(question: str) -> bool:
    """Return True when a question asks whether something can be trained."""
    text = normalize(question)
    return any(word in text for word in TRAIN_WORDS)


SMALL_TALK = (
    "hello",
    "hi",
    "hey",
    "good morning",
    "good evening",
    "thanks",
    "thank you",
    "help",
    "こんにちは",
    "こんばんは",
    "おはよう",
    "おはようございます",
    "ありがとう",
    "ありがとうございます",
    "どうも",
    "ヘルプ",
    "使い方",
    "はじめまして",
)


def is_small_talk(question: str) -> bool:
    """Return True for a greeting, a thank-you or a bare call for help."""
    text = re.sub(r"[\s!?.。、,~〜ー]+", " ", normalize(question)).strip()
    return text in SMALL_TALK
