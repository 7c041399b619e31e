"""Build the assistant from a knowledge folder: entries, synonyms, matcher."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant import paths
from assistant.kb import KnowledgeBase, Problem, load_knowledge, load_yaml
from assistant.matcher import Matcher
from assistant.text import normalize

SYNONYMS_FILE = "synonyms.yaml"


@dataclass
class Assistant:
    """What the interfaces need to answer questions."""

    kb: KnowledgeBase
    matcher: Matcher
    problems: list[Problem]


def load_synonyms(folder: Path) -> tuple[dict[str, str], list[Problem]]:
    """Read ``synonyms.yaml``: variant spelling → canonical form."""
    path = folder / SYNONYMS_FILE
    if not path.exists():
        return {}, []
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))[0] or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return {}, [Problem(path, _error_line(error), f"cannot read synonyms: {error}")]
    if not isinstance(raw, dict):
        return {}, [Problem(path, 1, "synonyms must map a word to a list of variants")]
    table: dict[str, str] = {}
    problems: list[Problem] = []
    for canonical, variants in raw.items():
        if not isinstance(variants, list):
            problems.append(Problem(path, 1, f"'{canonical}' needs a list of variants"))
            continue
        for variant in variants:
            table[normalize(str(variant))] = normalize(str(canonical))
    return table, problems


def _error_line(error: Exception) -> int:
    mark = getattr(error, "problem_mark", None)
    return mark.line + 1 if mark is not None else 1


def load_assistant(kb_dir: str | Path | None = None) -> Assistant:
    """Load the knowledge base at `kb_dir` (or the default) and its matcher."""
    folder = paths.knowledge_dir(kb_dir)
    kb, problems = load_knowledge(folder)
    synonyms, synonym_problems = load_synonyms(folder)
    return Assistant(kb, Matcher(kb, synonyms), problems + synonym_problems)
