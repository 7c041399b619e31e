"""Answer personal questions ("can my PC train BERT?") from this PC's facts.

"What can this PC do?" lists every workload of the catalogue with its verdict.
Otherwise a question is personal when it names a workload and either
asks about this PC ("私のPCで…", "can my PC…", "…here?") or is a short
follow-up after a personal answer or a hardware check ("GPT-3は?", "and
ImageNet?"). The reply keeps the matched knowledge entry as its `entry_id`
(or the workload's own entry when the question matched none), and carries the
verdict in `Reply.personal`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from assistant import facts as facts_store
from assistant import intents, personal
from assistant.chat import Conversation, Reply
from assistant.i18n import add, t
from assistant.kb import KnowledgeBase
from assistant.text import normalize
from assistant.workloads import Workload, load_workloads

add(
    {
        "en": {
            "personal.gathered": (
                "_I measured this PC first, with the quick check: its compute "
                "speed is estimated, not measured._"
            ),
            "personal.measuring": (
                "To answer for **this PC** I need its facts: running a quick "
                "hardware check first…"
            ),
            "personal.nofacts": (
                "I could not measure this PC, so I can't answer for it. Try "
                "`pcdl demo hw` to see what went wrong."
            ),
            "personal.more": "More on this topic: *{title}*",
            "personal.unknown": (
                "I have no figures for that model. Here is what this PC can do "
                "with the training jobs I know; the nearest in size gives an idea."
            ),
        },
        "ja": {
            "personal.gathered": (
                "_先にこのPCを簡易チェックで測定しました。計算速度は実測ではなく"
                "推定値です。_"
            ),
            "personal.measuring": (
                "**このPC**について答えるには構成の情報が必要です。先に簡単な"
                "ハードウェアチェックを実行します…"
            ),
            "personal.nofacts": (
                "このPCを測定できなかったため、このPCについては答えられません。"
                "`pcdl demo hw` で原因を確認してください。"
            ),
            "personal.more": "この話題の詳しい説明: *{title}*",
            "personal.unknown": (
                "そのモデルの数値は持っていません。代わりに、知っている学習の例で"
                "このPCに何ができるかを示します。規模の近いものが目安になります。"
            ),
        },
    }
)

FOLLOWS = ("personal", "hw")
CATALOGUE_ENTRY = "feasible-tasks"


class PersonalAnswers:
    """The `Conversation` hook that answers personal questions.

    Args:
        kb: The knowledge base (for the workloads' entries).
        gather: Measures this PC now and returns `facts.StoredFacts` (the CLI
            passes `facts.gather_blocking`); None means the caller measures
            itself when a reply says `needs_facts` (the TUI runs the `hw` demo).
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        gather: Callable[..., facts_store.StoredFacts | None] | None = None,
        workloads: list[Workload] | None = None,
    ) -> None:
        self.kb = kb
        self.gather = gather
        folder = kb.folder / "workloads"
        self.workloads = workloads if workloads is not None else load_workloads(folder)

    def find_workload(self, question: str) -> Workload | None:
        """Return the workload a question names; the longest name wins."""
        text = normalize(question)
        best: tuple[int, Workload] | None = None
        for workload in self.workloads:
            names = [*workload.keywords.get("ja", ()), *workload.keywords.get("en", ())]
            for name in (normalize(n) for n in names):
                found = name and intents.find_word(text, name) >= 0
                if found and (best is None or len(name) > best[0]):
                    best = (len(name), workload)
        return best[1] if best else None

    def __call__(self, conversation: Conversation, reply: Reply) -> Reply | None:
        """Return a personal version of `reply`, or None to keep it."""
        if reply.kind not in ("answer", "decline"):
            return None
        workload = self.find_workload(reply.query)
        unknown = (
            workload is None
            and reply.kind == "decline"
            and intents.is_personal(reply.query)
            and intents.asks_to_train(reply.query)
        )
        catalogue = workload is None and intents.asks_for_catalogue(reply.query)
        if catalogue or unknown:
            reply = conversation.answer_with(reply, CATALOGUE_ENTRY)
        elif workload is None or not self._is_personal(conversation, reply.query):
            return None
        elif reply.entry_id is None:
            reply = conversation.answer_with(reply, workload.entry)
        stored, note = self._facts(reply.lang)
        if stored is None:
            return replace(
                reply,
                kind="personal",
                answer=t(
                    "personal.nofacts" if note else "personal.measuring", reply.lang
                ),
                needs_facts=self.gather is None,
            )
        if workload is None:
            return self._catalogue(reply, stored, "unknown" if unknown else note)
        return self._answer(reply, workload, stored, note)

    def _catalogue(
        self, reply: Reply, stored: facts_store.StoredFacts, note: str
    ) -> Reply:
        """Answer "what can this PC do?" with every workload's verdict."""
        machine = personal.Facts.from_result(stored.result)
        parts = [personal.render_catalogue(machine, self.workloads, reply.lang)]
        if note == "unknown":
            parts.insert(0, t("personal.unknown", reply.lang))
        elif note:
            parts.insert(0, t("personal.gathered", reply.lang))
        return replace(reply, kind="personal", answer="\n\n".join(parts))

    @staticmethod
    def _is_personal(conversation: Conversation, question: str) -> bool:
        if intents.is_personal(question):
            return True
        return conversation.previous_kind in FOLLOWS and intents.looks_like_followup(
            question
        )

    def _facts(self, lang: str) -> tuple[facts_store.StoredFacts | None, str]:
        """Return fresh, usable facts, measuring now when the caller can; and a note.

        Cached facts that the verdicts cannot use (a result from an older
        version, say) count as none, so they are measured again.
        """
        stored = _usable(facts_store.load_fresh())
        if stored is not None or self.gather is None:
            return stored, ""
        return _usable(self.gather(lang, quick=True)), "gathered"

    def _answer(
        self,
        reply: Reply,
        workload: Workload,
        stored: facts_store.StoredFacts,
        note: str,
    ) -> Reply:
        lang = reply.lang
        machine = personal.Facts.from_result(stored.result)
        assessment = personal.assess(machine, workload, facts_age_s=stored.age_s)
        parts = [personal.render_assessment(assessment, lang)]
        if note:
            parts.insert(0, t("personal.gathered", lang))
        if reply.title:
            parts.append(t("personal.more", lang, title=reply.title))
        return replace(
            reply,
            kind="personal",
            answer="\n\n".join(parts),
            personal=assessment.to_json(),
        )


def _usable(stored: facts_store.StoredFacts | None) -> facts_store.StoredFacts | None:
    """Return `stored` if the verdicts can be computed from it, else None."""
    if stored is None:
        return None
    try:
        personal.Facts.from_result(stored.result)
    except personal.FactsError:
        return None
    return stored
