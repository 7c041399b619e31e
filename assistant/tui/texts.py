"""The chat TUI's own strings, in Japanese and English, registered with i18n.

Importing this module adds them; every widget of the TUI imports it (directly
or through `assistant.tui.slash`) before it looks a string up.
"""

from __future__ import annotations

from assistant.i18n import add

add(
    {
        "en": {
            "welcome": (
                "**pcdl** answers one question well: *can my own PC do deep "
                "learning, and what happens inside it when it does?* Ask in "
                "English or Japanese, or pick an example below."
            ),
            "welcome.commands": (
                "Commands: `/help` `/topics` `/demo hw|mlp|dqn` `/stop` "
                "`/facts` `/lang ja|en|auto` `/clear` `/quit` · **ctrl+p** "
                "searches topics and demos"
            ),
            "box.placeholder": "Ask a question, or type / for commands",
            "key.quit": "Quit",
            "key.stop": "Stop demo",
            "key.help": "Help",
            "key.topics": "Topics",
            "key.clear": "Clear",
            "action.demo": "▶ Run the {demo} demo: {description}",
            "action.related": "→ {title}",
            "action.alternative": "? {title}",
            "action.ask": "» {question}",
            "action.after_hw": "What can this PC do?",
            "answer.declined": "Outside what I know",
            "answer.demo": "Demo",
            "answer.personal": "For this PC",
            "demo.running": "running",
            "demo.stopping": "stopping…",
            "demo.finished": "finished",
            "demo.stopped": "stopped",
            "demo.failed": "failed",
            "demo.stopped.note": "The **{demo}** demo was stopped.",
            "demo.failed.note": (
                "The **{demo}** demo did not finish; its message above says why. "
                "You can keep asking, or start another demo."
            ),
            "demo.missing": (
                "The **{demo}** demo is not available yet in this installation, "
                "so there is nothing to run."
            ),
            "demo.none": "No demo is running.",
            "demo.stderr": "What the demo wrote to stderr",
            "demo.result": "Result",
            "demo.item": "Item",
            "demo.value": "Value",
            "demo.latest": "Latest",
            "demo.yes": "yes",
            "demo.no": "no",
            "facts.saved": "I'll use these figures when you ask about this PC.",
            "quit.hint": "Press ctrl+q to quit pcdl.",
            "facts.failed": (
                "I could not measure this PC, so I cannot answer for it yet. "
                "Try `/demo hw` to see what went wrong."
            ),
            "slash.unknown": (
                "There is no command `/{name}`. Type `/help` to see the commands."
            ),
            "slash.usage": "Usage: `{usage}`",
            "slash.no_args": "`/{name}` takes no arguments.",
            "slash.help": "show the commands and keys",
            "slash.topics": "browse every topic and read one",
            "slash.demo": "run a demo on this PC (hw, mlp, dqn)",
            "slash.stop": "stop the running demo",
            "slash.facts": "show, measure again or forget this PC's facts",
            "slash.lang": "answer in Japanese, English, or the question's language",
            "slash.clear": "clear the conversation",
            "slash.quit": "leave pcdl",
            "help.title": "Commands",
            "help.keys": (
                "Keys: **Enter** asks, **↑/↓** recall earlier questions, **→** or "
                "**Tab** accepts a completion, **Tab** reaches the actions under "
                "an answer, **Escape** stops a demo, **ctrl+p** searches topics "
                "and demos, **ctrl+q** quits."
            ),
            "topics.title": "Topics: pick one to read it",
            "topics.filter": "Type to filter",
            "palette.topic": "Read this topic",
            "palette.demo": "Run this demo",
            "palette.demo.name": "Demo: {demo}",
        },
        "ja": {
            "welcome": (
                "**pcdl** は「自分のPCでディープラーニングはできる? そのとき中で"
                "何が起きている?」に答えるアシスタントです。日本語でも英語でも"
                "質問できます。下の例を選んでもかまいません。"
            ),
            "welcome.commands": (
                "コマンド: `/help` `/topics` `/demo hw|mlp|dqn` `/stop` "
                "`/facts` `/lang ja|en|auto` `/clear` `/quit` ・ **ctrl+p** で"
                "話題とデモを検索"
            ),
            "box.placeholder": "質問を入力(/ でコマンド)",
            "key.quit": "終了",
            "key.stop": "デモ停止",
            "key.help": "ヘルプ",
            "key.topics": "話題",
            "key.clear": "消去",
            "action.demo": "▶ {demo} デモを実行: {description}",
            "action.related": "→ {title}",
            "action.alternative": "? {title}",
            "action.ask": "» {question}",
            "action.after_hw": "このPCで何ができる?",
            "answer.declined": "お答えできる範囲の外です",
            "answer.demo": "デモ",
            "answer.personal": "このPCの場合",
            "demo.running": "実行中",
            "demo.stopping": "停止中…",
            "demo.finished": "完了",
            "demo.stopped": "停止",
            "demo.failed": "失敗",
            "demo.stopped.note": "**{demo}** デモを停止しました。",
            "demo.failed.note": (
                "**{demo}** デモは最後まで実行できませんでした。理由は上のメッセージの"
                "とおりです。質問や別のデモはそのまま続けられます。"
            ),
            "demo.missing": (
                "**{demo}** デモはこのインストールではまだ使えないため、"
                "実行できません。"
            ),
            "demo.none": "実行中のデモはありません。",
            "demo.stderr": "デモの標準エラー出力",
            "demo.result": "結果",
            "demo.item": "項目",
            "demo.value": "値",
            "demo.latest": "最新値",
            "demo.yes": "はい",
            "demo.no": "いいえ",
            "facts.saved": "この値は、このPCについての質問に答えるときに使います。",
            "quit.hint": "pcdl を終了するには ctrl+q を押してください。",
            "facts.failed": (
                "このPCを測れなかったため、まだこのPCについては答えられません。"
                "`/demo hw` で原因を確かめてください。"
            ),
            "slash.unknown": (
                "`/{name}` というコマンドはありません。`/help` でコマンドの一覧が"
                "出ます。"
            ),
            "slash.usage": "使い方: `{usage}`",
            "slash.no_args": "`/{name}` には引数がありません。",
            "slash.help": "コマンドとキーの一覧",
            "slash.topics": "すべての話題を見て、読みたいものを選ぶ",
            "slash.demo": "このPCでデモを実行する (hw, mlp, dqn)",
            "slash.stop": "実行中のデモを止める",
            "slash.facts": "このPCの情報を表示・再測定・削除する",
            "slash.lang": "日本語・英語・質問の言語のどれで答えるかを選ぶ",
            "slash.clear": "会話を消す",
            "slash.quit": "pcdl を終了する",
            "help.title": "コマンド",
            "help.keys": (
                "キー: **Enter** で質問、**↑/↓** で前の質問を呼び出し、**→** か "
                "**Tab** で補完を確定、**Tab** で回答の下の操作へ移動、**Escape** で"
                "デモを停止、**ctrl+p** で話題とデモを検索、**ctrl+q** で終了。"
            ),
            "topics.title": "話題: 選ぶとその答えを表示します",
            "topics.filter": "入力して絞り込み",
            "palette.topic": "この話題を読む",
            "palette.demo": "このデモを実行する",
            "palette.demo.name": "デモ: {demo}",
        },
    }
)

EXAMPLES = (
    "家庭用PCでディープラーニングはできる?",
    "ネットワークはRAMとSSDのどちらに置かれるの?",
    "DQNはノートPCでも動く?",
    "Can my laptop do deep learning?",
    "How long does training take?",
    "Run the hardware check",
)
"""Example questions of the welcome message, in both languages."""
