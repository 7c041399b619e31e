"""Calibrate and measure the matcher without looking at any held-out test set.

Cross-validation over the knowledge base's own example questions: each entry's
questions are split into K folds; for each fold a matcher is built without
those questions and asked them. Off-topic questions (``data/offtopic.txt``)
must fall below the decline threshold. Prints top-1 accuracy, the decline
rate, and the threshold that best separates the two score distributions.

    python benchmarks/calibrate_matcher.py [--folds 5] [--kb DIR] [-v]
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
from pathlib import Path

from assistant.core import load_assistant
from assistant.kb import KnowledgeBase
from assistant.matcher import DECLINE_BELOW, Matcher

OFFTOPIC = Path(__file__).with_name("data") / "offtopic.txt"


def held_out_kb(kb: KnowledgeBase, fold: int, folds: int) -> tuple[KnowledgeBase, list]:
    """Return `kb` without fold `fold` of every entry's questions, and those."""
    kept, asked = [], []
    for entry in kb.entries:
        questions = {}
        for lang, items in entry.questions.items():
            questions[lang] = tuple(q for i, q in enumerate(items) if i % folds != fold)
            asked += [(q, entry.id) for i, q in enumerate(items) if i % folds == fold]
        kept.append(dataclasses.replace(entry, questions=questions))
    return KnowledgeBase(kept, kb.folder), asked


def main() -> int:
    """Run the calibration and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--kb")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()

    assistant = load_assistant(args.kb)
    synonyms = assistant.matcher.synonyms
    right, wrong = [], []
    for fold in range(args.folds):
        kb, asked = held_out_kb(assistant.kb, fold, args.folds)
        matcher = Matcher(kb, synonyms)
        for question, expected in asked:
            best = matcher.rank(question)[0]
            (right if best.entry_id == expected else wrong).append(best.score)
            if args.verbose and best.entry_id != expected:
                print(
                    f"MISS {question!r}: {best.entry_id} ({best.score:.2f}), "
                    f"want {expected}"
                )
    lines = OFFTOPIC.read_text(encoding="utf-8").splitlines()
    offtopic = [q for q in lines if q.strip() and not q.startswith("#")]
    off_scores = [assistant.matcher.rank(q)[0].score for q in offtopic]
    if args.verbose:
        for question, score in sorted(
            zip(offtopic, off_scores, strict=True), key=lambda p: -p[1]
        )[:8]:
            print(f"OFF  {score:.2f} {question}")

    total = len(right) + len(wrong)
    print(
        f"top-1 on held-out KB questions: {len(right)}/{total} "
        f"({100 * len(right) / total:.1f}%)"
    )
    print(
        f"score of right matches: median {statistics.median(right):.2f}, "
        f"10th pct {sorted(right)[len(right) // 10]:.2f}"
    )
    print(
        f"score of off-topic questions: max {max(off_scores):.2f}, "
        f"median {statistics.median(off_scores):.2f}"
    )
    best_threshold, best_value = DECLINE_BELOW, -1.0
    for step in range(10, 61):
        threshold = step / 100
        kept = sum(s >= threshold for s in right) / len(right)
        declined = sum(s < threshold for s in off_scores) / len(off_scores)
        value = kept + declined
        if value > best_value:
            best_threshold, best_value = threshold, value
    at_current = sum(s < DECLINE_BELOW for s in off_scores)
    kept_current = sum(s >= DECLINE_BELOW for s in right)
    print(
        f"at DECLINE_BELOW={DECLINE_BELOW}: declines {at_current}/{len(off_scores)} "
        f"off-topic, keeps {kept_current}/{len(right)} right matches"
    )
    print(f"best separating threshold: {best_threshold:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
