"""Match a question to knowledge entries.

Japanese has no spaces, so word tokens say little there: every text becomes a
bag of features, character 2- and 3-grams of its Japanese runs and, for its
Latin words, the word itself plus its character 3-grams (which survive typos).
The features are weighted by TF-IDF, built once from the entries' example
questions, titles and keywords. An entry scores by its closest example
question, blended with its whole profile; rapidfuzz adds a boost where one of
the entry's keywords appears in the question, allowing for a typo.

The score is in 0..1. Below `DECLINE_BELOW` the question is treated as off
topic: rapidfuzz alone always returns a "best" match, so the cutoff is what
keeps an unrelated question from getting one. The cutoff was calibrated with
``benchmarks/calibrate_matcher.py`` (leave-one-out on the entries' own example
questions against a list of off-topic questions); rerun it after large edits to
the knowledge base.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from assistant.kb import Entry, KnowledgeBase
from assistant.text import normalize

DECLINE_BELOW = 0.25
NEAR_MISS_COUNT = 3
IDF_FLOOR = 1.0
COVERAGE_FLOOR = 0.3

_RUNS = re.compile(r"[a-z0-9][a-z0-9+#]*|[\u3040-\u30ff\u3400-\u9fff々〆ヵヶ]+")
_LATIN = re.compile(r"^[a-z0-9]")
# Words so common in questions that they only blur the comparison.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "am",
        "do",
        "does",
        "did",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "i",
        "me",
        "my",
        "we",
        "our",
        "you",
        "your",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "and",
        "or",
        "but",
        "if",
        "so",
        "than",
        "then",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "how",
        "why",
        "when",
        "where",
        "about",
        "into",
        "over",
        "under",
        "any",
        "some",
        "much",
        "many",
        "more",
        "most",
        "very",
        "just",
        "also",
        "please",
        "tell",
        "explain",
        "know",
        "want",
        "need",
        "like",
        "get",
        "have",
        "has",
        "had",
        "use",
        "using",
        "used",
        "there's",
        "what's",
        "it's",
        "i'm",
    ]
)


@dataclass(frozen=True)
class Match:
    """An entry and how well a question matches it (0..1)."""

    entry_id: str
    score: float


def features(text: str, synonyms: dict[str, str] | None = None) -> Counter[str]:
    """Return the bag of features of `text` (already normalised or not)."""
    folded = canonicalize(normalize(text), synonyms or {})
    bag: Counter[str] = Counter()
    for run in _RUNS.findall(folded):
        if _LATIN.match(run):
            if run in STOPWORDS:
                continue
            bag["w:" + stem(run)] += 2
            padded = f" {run} "
            bag.update("c:" + padded[i : i + 3] for i in range(len(padded) - 2))
        elif len(run) == 1:
            bag["j:" + run] += 1
        else:
            bag.update("j:" + run[i : i + 2] for i in range(len(run) - 1))
            bag.update("j:" + run[i : i + 3] for i in range(len(run) - 2))
    return bag


def stem(word: str) -> str:
    """Strip the commonest English endings, so "watching" meets "watch"."""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def canonicalize(text: str, synonyms: dict[str, str]) -> str:
    """Replace every variant spelling in `text` by its canonical form.

    One pass, longest variant first, so a replacement is never rewritten by
    a shorter variant it happens to contain.
    """
    if not synonyms:
        return text
    pattern = _pattern(tuple(synonyms))
    return pattern.sub(lambda match: f" {synonyms[match.group(0)]} ", text)


@lru_cache(maxsize=8)
def _pattern(variants: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(variants, key=len, reverse=True)
    return re.compile("|".join(re.escape(variant) for variant in ordered))


class _Space:
    """A TF-IDF space over a fixed set of documents."""

    def __init__(self, documents: list[Counter[str]]) -> None:
        frequency: Counter[str] = Counter()
        for bag in documents:
            frequency.update(bag.keys())
        total = len(documents)
        self.idf = {
            f: math.log((1 + total) / (1 + n)) + IDF_FLOOR for f, n in frequency.items()
        }
        self.rarest = max(self.idf.values(), default=1.0)

    def vector(self, bag: Counter[str]) -> dict[str, float]:
        """Return the unit TF-IDF vector of `bag` (unknown features dropped)."""
        weights = {
            f: (1 + math.log(n)) * self.idf[f] for f, n in bag.items() if f in self.idf
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {f: w / norm for f, w in weights.items()}

    def coverage(self, bag: Counter[str]) -> float:
        """Return the share of `bag`'s features that the documents know."""
        # Whole words and Japanese n-grams only: the character 3-grams of an
        # unknown Latin word are mostly known ("wedding" shares "ing").
        counted = {f: n for f, n in bag.items() if not f.startswith("c:")}
        if not counted:
            return 0.0
        # Weighted by rarity: an unknown feature counts as the rarest there is,
        # so one strange word outweighs several common ones.
        known = sum(self.idf[f] for f in counted if f in self.idf)
        unknown = sum(self.rarest for f in counted if f not in self.idf)
        return known / (known + unknown) if known + unknown else 0.0


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(f, 0.0) for f, w in a.items())


class Matcher:
    """Ranks the entries of a knowledge base for a question.

    Args:
        kb: The entries to match against.
        synonyms: Variant spellings mapped to one canonical form, applied to
            both questions and entries.
    """

    def __init__(
        self, kb: KnowledgeBase, synonyms: dict[str, str] | None = None
    ) -> None:
        self.kb = kb
        self.synonyms = dict(synonyms or {})
        self._lock = threading.Lock()
        self._built = False

    def warm(self) -> None:
        """Build the index now (it is built on first use otherwise).

        The chat calls this in a thread as it starts, so that the screen
        appears at once and the first question finds the index ready.
        """
        with self._lock:
            if not self._built:
                self._build()
                self._built = True

    def _build(self) -> None:
        kb = self.kb
        self._examples: list[tuple[str, Counter[str]]] = []
        profiles: dict[str, Counter[str]] = {}
        for entry in kb.entries:
            profile = profiles.setdefault(entry.id, Counter())
            for text in _example_texts(entry):
                bag = features(text, self.synonyms)
                self._examples.append((entry.id, bag))
                profile.update(bag)
        self._space = _Space([bag for _, bag in self._examples])
        self._vectors = [(eid, self._space.vector(bag)) for eid, bag in self._examples]
        self._profiles = {eid: self._space.vector(bag) for eid, bag in profiles.items()}
        answers = {
            entry.id: features(_answer_text(entry), self.synonyms)
            for entry in kb.entries
        }
        self._answer_space = _Space(list(answers.values()))
        self._answers = {
            eid: self._answer_space.vector(bag) for eid, bag in answers.items()
        }
        self._keywords = {
            entry.id: [normalize(k) for k in (*entry.keywords, *entry.title.values())]
            for entry in kb.entries
        }

    def rank(self, question: str, exclude: Iterable[str] = ()) -> list[Match]:
        """Return every entry with its score for `question`, best first."""
        self.warm()
        bag = features(question, self.synonyms)
        query = self._space.vector(bag)
        if not query:
            return [Match(entry.id, 0.0) for entry in self.kb.entries]
        closest: dict[str, float] = {}
        for entry_id, vector in self._vectors:
            score = _cosine(query, vector)
            if score > closest.get(entry_id, 0.0):
                closest[entry_id] = score
        folded = canonicalize(normalize(question), self.synonyms)
        coverage = self._space.coverage(bag)
        in_answers = self._answer_space.vector(bag)
        skip = set(exclude)
        matches = [
            Match(
                entry.id,
                self._blend(
                    closest.get(entry.id, 0.0),
                    _cosine(query, self._profiles[entry.id]),
                    self._keyword_hit(entry.id, folded),
                    _cosine(in_answers, self._answers[entry.id]),
                    coverage,
                ),
            )
            for entry in self.kb.entries
            if entry.id not in skip
        ]
        return sorted(matches, key=lambda m: -m.score)

    def _keyword_hit(self, entry_id: str, folded: str) -> float:
        """Return 1 when a keyword of the entry stands in the question."""
        best = 0.0
        for keyword in self._keywords[entry_id]:
            # Two kanji make a word ("放置"); two Latin letters rarely do.
            if len(keyword) < (3 if keyword.isascii() else 2):
                continue
            if keyword in folded:
                return 1.0
            if len(keyword) >= 6:
                best = max(best, fuzz.partial_ratio(keyword, folded) / 100)
        return 1.0 if best >= 0.9 else 0.0

    @staticmethod
    def _blend(
        closest: float, profile: float, keyword: float, answer: float, coverage: float
    ) -> float:
        """Combine the signals into one score in 0..1.

        The weights were chosen by cross-validation on the entries' own
        questions (``benchmarks/calibrate_matcher.py``). Unknown words in the
        question (low coverage) pull the score down: they are what an
        off-topic question is made of.
        """
        score = 0.65 * closest + 0.35 * profile + 0.15 * keyword + 0.4 * answer
        return min(1.0, score * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage))


def _answer_text(entry: Entry) -> str:
    """Return both answers without code blocks, whose words are not prose."""
    text = "\n".join(entry.answer.values())
    return re.sub(r"```.*?```", " ", text, flags=re.S)


def _example_texts(entry: Entry) -> list[str]:
    texts = [*entry.title.values(), *entry.keywords]
    for questions in entry.questions.values():
        texts.extend(questions)
    return [text for text in texts if text.strip()]
