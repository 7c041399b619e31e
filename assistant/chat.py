"""The chat core: turn a question into a `Reply`, remembering the conversation.

`Conversation` is shared by the TUI and `pcdl ask`; it never touches a screen
or a process. Personal questions ("can my PC train BERT?") are answered from
this PC's facts, which the caller supplies through `facts_source`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant import intents
from assistant.i18n import t
from assistant.kb import Entry, KnowledgeBase
from assistant.matcher import DECLINE_BELOW, NEAR_MISS_COUNT, Match, Matcher
from assistant.text import detect_language, is_language_neutral, normalize

FOLLOWUP_BOOST = 0.1
# A question that points back ("and …?") but scores this well alone is not
# read as a follow-up; one that is merely short, not once it is answerable.
FOLLOWUP_CONFIDENT = 0.75
RELATED_BOOST = 0.05


@dataclass(frozen=True)
class Alternative:
    """Another entry that the question might have meant."""

    id: str
    title: str
    score: float


@dataclass
class Reply:
    """What the assistant answers to one question.

    ``kind`` is ``answer`` (an entry), ``decline`` (off topic or empty),
    ``demo`` (a bare request to run a demo) or ``personal`` (an entry answered
    for this PC, with `personal` set).
    """

    query: str
    lang: str
    kind: str
    answer: str
    entry_id: str | None = None
    score: float = 0.0
    title: str = ""
    demos: list[str] = field(default_factory=list)
    alternatives: list[Alternative] = field(default_factory=list)
    related: list[Alternative] = field(default_factory=list)
    run_demo: str | None = None
    personal: dict[str, Any] | None = None
    needs_facts: bool = False

    def to_json(self) -> dict[str, Any]:
        """Return the reply as the object `pcdl ask --json` prints."""
        return {
            "query": self.query,
            "id": self.entry_id,
            "score": round(self.score, 4),
            "lang": self.lang,
            "title": self.title,
            "answer": self.answer,
            "demos": list(self.demos),
            "alternatives": [
                {"id": a.id, "title": a.title, "score": round(a.score, 4)}
                for a in self.alternatives
            ],
            "personal": self.personal,
        }


class Conversation:
    """Answers questions one after another, resolving follow-ups.

    Args:
        kb: The knowledge base.
        matcher: A matcher built over `kb`.
        lang: A fixed answer language, or None to follow each question.
        personal: Answers personal questions; see `assistant.personal_answers`.
        cli: True under `pcdl ask`, whose hints name commands, not the chat's.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        matcher: Matcher,
        lang: str | None = None,
        personal: Callable[..., Reply | None] | None = None,
        cli: bool = False,
    ) -> None:
        self.kb = kb
        self.matcher = matcher
        self.lang = lang
        self.personal = personal
        self.cli = cli
        self.previous: Entry | None = None
        self.previous_question = ""
        self.previous_lang = ""
        self.previous_kind = ""
        self.previous_workload: str | None = None

    def reset(self) -> None:
        """Forget the previous turns (the chat's `/clear`)."""
        self.previous, self.previous_kind, self.previous_question = None, "", ""
        self.previous_lang = ""

    def language_of(self, question: str) -> str:
        """Return the language to answer `question` in.

        A question that shows no language ("CIFAR-10?") keeps the one of the
        conversation so far.
        """
        if self.lang:
            return self.lang
        if self.previous_lang and is_language_neutral(question):
            return self.previous_lang
        return detect_language(question)

    def ask(self, question: str) -> Reply:
        """Answer `question` and remember it as the conversation's last turn."""
        lang = self.language_of(question)
        if not normalize(question):
            return self._decline(question, lang, [], empty=True)
        if intents.is_small_talk(question):
            return Reply(question, lang, "decline", t("small_talk", lang))
        demo = intents.demo_request(question)
        if demo is not None:
            return self._demo_reply(question, lang, demo)
        ranking, followup = self._rank(question)
        best = ranking[0] if ranking else None
        entry = None
        if best is not None and best.score >= DECLINE_BELOW:
            entry = self.kb.get(best.entry_id)
        if entry is None:
            reply = self._decline(question, lang, ranking)
        else:
            reply = self._answer(question, lang, entry, best.score, ranking, followup)
        if self.personal is not None:
            reply = self.personal(self, reply) or reply
        self.previous_lang = lang
        if reply.entry_id is not None:
            self.previous = self.kb.get(reply.entry_id)
            self.previous_kind = reply.kind
            self.previous_question = question
        return reply

    def _rank(self, question: str) -> tuple[list[Match], bool]:
        """Rank entries; a follow-up is read together with the previous question.

        Half of a follow-up's score comes from the question alone (so "and
        ImageNet?" can change the subject) and half from it joined to the
        previous question (so "and without a GPU?" keeps it), plus a small
        lean towards the previous topic and its related entries.
        """
        ranking = self.matcher.rank(question)
        previous = self.previous
        strength = intents.followup_strength(question)
        if previous is None or strength is None:
            return ranking, False
        alone = ranking[0].score if ranking else 0.0
        if alone >= (FOLLOWUP_CONFIDENT if strength == "strong" else DECLINE_BELOW):
            # Complete on its own ("GPUは?" after CartPole): a new subject.
            return ranking, False
        joined = {
            m.entry_id: m.score
            for m in self.matcher.rank(f"{self.previous_question} {question}")
        }
        boosted = [
            Match(
                m.entry_id,
                min(1.0, (m.score + joined[m.entry_id]) / 2 + self._boost(m.entry_id)),
            )
            for m in ranking
        ]
        boosted.sort(key=lambda m: -m.score)
        changed = bool(ranking) and (
            boosted[0].entry_id != ranking[0].entry_id
            or ranking[0].score < DECLINE_BELOW
        )
        return boosted, changed

    def _boost(self, entry_id: str) -> float:
        previous = self.previous
        assert previous is not None
        if entry_id == previous.id:
            return FOLLOWUP_BOOST
        return RELATED_BOOST if entry_id in previous.related else 0.0

    def answer_with(self, reply: Reply, entry_id: str) -> Reply:
        """Return `reply`'s question answered with entry `entry_id` instead."""
        entry = self.kb.get(entry_id)
        if entry is None:
            return reply
        return self._answer(reply.query, reply.lang, entry, reply.score, [], False)

    def _answer(
        self,
        question: str,
        lang: str,
        entry: Entry,
        score: float,
        ranking: list[Match],
        followup: bool,
    ) -> Reply:
        body = entry.answer[lang]
        if followup and self.previous is not None:
            note = t("followup.about", lang, title=self.previous.title[lang])
            body = f"{note}\n\n{body}"
        if entry.sources:
            listed = "\n".join(f"- {source}" for source in entry.sources)
            body = f"{body}\n\n**{t('sources', lang)}**\n\n{listed}"
        return Reply(
            query=question,
            lang=lang,
            kind="answer",
            answer=body,
            entry_id=entry.id,
            score=score,
            title=entry.title[lang],
            demos=list(entry.demos),
            alternatives=self._alternatives(ranking[1 : 1 + NEAR_MISS_COUNT], lang),
            related=self._related(entry, lang),
        )

    def _alternatives(self, matches: list[Match], lang: str) -> list[Alternative]:
        found = [(self.kb.get(m.entry_id), m.score) for m in matches]
        return [Alternative(e.id, e.title[lang], s) for e, s in found if e is not None]

    def _related(self, entry: Entry, lang: str) -> list[Alternative]:
        found = [self.kb.get(entry_id) for entry_id in entry.related]
        return [Alternative(e.id, e.title[lang], 0.0) for e in found if e is not None]

    def _decline(
        self, question: str, lang: str, ranking: list[Match], empty: bool = False
    ) -> Reply:
        near = self._alternatives(ranking[:NEAR_MISS_COUNT], lang)
        if empty:
            text = t("empty", lang)
        else:
            lines = [t("decline", lang), "", t("decline.near", lang), ""]
            lines += [f"- {a.title}" for a in near]
            lines += ["", t("decline.hint.cli" if self.cli else "decline.hint", lang)]
            text = "\n".join(lines)
        return Reply(
            query=question,
            lang=lang,
            kind="decline",
            answer=text,
            score=ranking[0].score if ranking else 0.0,
            alternatives=near,
        )

    def _demo_reply(self, question: str, lang: str, demo: str) -> Reply:
        text = t("demo.offer", lang, demo=demo, description=t(f"demo.{demo}", lang))
        return Reply(
            query=question,
            lang=lang,
            kind="demo",
            answer=text,
            score=1.0,
            demos=[demo],
            run_demo=demo,
        )

    def answer_entry(self, entry_id: str, lang: str | None = None) -> Reply | None:
        """Answer with a given entry, as when the user picks a topic."""
        entry = self.kb.get(entry_id)
        if entry is None:
            return None
        chosen = lang or self.lang or "en"
        reply = self._answer(entry.title[chosen], chosen, entry, 1.0, [], False)
        self.previous, self.previous_kind = entry, reply.kind
        self.previous_question = reply.title
        return reply
