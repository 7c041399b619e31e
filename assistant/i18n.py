"""Every user-visible string of the UI process, in Japanese and English.

Look strings up with `t(key, lang, **values)`; a test checks that both
languages define the same keys.
"""

from __future__ import annotations

from typing import Any

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "decline": (
            "Sorry, I can't answer that one: I only know about doing deep "
            "learning on your own PC."
        ),
        "decline.near": "Perhaps one of these is what you meant:",
        "small_talk": (
            "Hello! Ask me whether your own PC can do deep learning, for "
            "example *Can a laptop train a neural network?*, *Where does the "
            "network live, RAM or SSD?* or *Can my PC train BERT?*"
        ),
        "decline.hint": "Type `/topics` to browse everything I know.",
        "decline.hint.cli": "Run `pcdl kb list` to see everything I know.",
        "ask.stdin": (
            "Reading questions, one per line; end with ctrl+d (ctrl+z on Windows)."
        ),
        "empty": (
            "Please type a question, for example: *Can a home PC do deep learning?*"
        ),
        "demo.offer": "I can run the **{demo}** demo on this PC: {description}",
        "demo.offer.cli": "Run it with `pcdl demo {demo}`.",
        "demo.unknown": "There is no demo called `{name}`. The demos are: {names}.",
        "demo.busy": (
            "The **{demo}** demo is still running. Press Escape or type `/stop` first."
        ),
        "demo.hw": "what this PC has (CPU, memory, disk, GPU) and how fast it computes",
        "demo.mlp": "a scikit-learn network, measured in memory and on disk",
        "demo.dqn": "a short DQN learning CartPole, with a live learning curve",
        "followup.about": "(Taking this as a follow-up on *{title}*.)",
        "sources": "Sources",
        "related": "Related",
        "lang.set": "I'll answer in English from now on.",
        "lang.auto": "I'll answer in the language of each question again.",
        "lang.bad": "Usage: `/lang ja`, `/lang en` or `/lang auto`.",
        "kb.invalid": "The knowledge base has problems; pcdl cannot start:",
        "kb.invalid.hint": "Fix them and run `pcdl kb check` again.",
        "error.internal": (
            "Something went wrong inside pcdl ({error}). The details are in the "
            "log: {log}"
        ),
    },
    "ja": {
        "decline": (
            "すみません、その質問にはお答えできません。お答えできるのは、"
            "自分のPCでディープラーニングをすることについてだけです。"
        ),
        "decline.near": "もしかして、次のどれかでしょうか:",
        "small_talk": (
            "こんにちは。自分のPCでディープラーニングができるかを聞いてください。"
            "たとえば *ノートPCでニューラルネットは学習できる?*、*ネットワークは"
            "RAMとSSDのどちらにある?*、*私のPCでBERTは学習できる?* など。"
        ),
        "decline.hint": "`/topics` と入力すると、答えられる話題の一覧が出ます。",
        "decline.hint.cli": "`pcdl kb list` で、答えられる話題の一覧が出ます。",
        "ask.stdin": (
            "質問を1行に1つずつ読みます。ctrl+d(Windows は ctrl+z)で終わります。"
        ),
        "empty": "質問を入力してください。例: *家庭用PCでディープラーニングはできる?*",
        "demo.offer": "このPCで **{demo}** デモを実行できます: {description}",
        "demo.offer.cli": "`pcdl demo {demo}` で実行できます。",
        "demo.unknown": (
            "`{name}` というデモはありません。デモは次のとおりです: {names}。"
        ),
        "demo.busy": (
            "**{demo}** デモがまだ実行中です。先に Escape を押すか `/stop` と"
            "入力してください。"
        ),
        "demo.hw": "このPCの構成(CPU・メモリ・ディスク・GPU)と計算速度を測ります",
        "demo.mlp": (
            "scikit-learn のネットワークがメモリとディスクにどう載るかを測ります"
        ),
        "demo.dqn": "短いDQNがCartPoleを学習する様子を、学習曲線付きで見せます",
        "followup.about": "(「{title}」の続きの質問として答えます。)",
        "sources": "出典",
        "related": "関連",
        "lang.set": "これからは日本語で答えます。",
        "lang.auto": "質問の言語に合わせて答えるように戻しました。",
        "lang.bad": "使い方: `/lang ja`、`/lang en`、`/lang auto`",
        "kb.invalid": "知識ベースに問題があるため、pcdl を起動できません:",
        "kb.invalid.hint": (
            "直してから、もう一度 `pcdl kb check` を実行してください。"
        ),
        "error.internal": (
            "pcdl の内部でエラーが起きました ({error})。"
            "詳しくはログを見てください: {log}"
        ),
    },
}


def t(key: str, lang: str, **values: Any) -> str:
    """Return the string `key` in `lang` (English if unknown), formatted."""
    table = STRINGS.get(lang, STRINGS["en"])
    return table[key].format(**values)


def add(strings: dict[str, dict[str, str]]) -> None:
    """Register more strings (used by the TUI and the CLI modules)."""
    for lang, table in strings.items():
        STRINGS[lang].update(table)
