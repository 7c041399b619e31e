"""Load the knowledge base: one Markdown file per entry, with YAML front matter.

The format is described for authors in ``knowledge/README.md``. Loading never
raises on a bad file: it returns the entries it could read together with a
list of `Problem` records, which `assistant.kbcheck` extends with the checks
that need every entry at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

LANGS = ("ja", "en")
DEMOS = ("hw", "mlp", "dqn")
ANSWER_MARK = re.compile(r"^<!--\s*answer:\s*(\S+)\s*-->\s*$")
FIELDS = ("id", "title", "questions", "demos", "related")
OPTIONAL_FIELDS = ("keywords", "sources")


@dataclass(frozen=True)
class Problem:
    """One problem found in a knowledge file, printed as ``path:line: message``."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Entry:
    """One topic of the knowledge base, in both languages."""

    id: str
    title: dict[str, str]
    questions: dict[str, tuple[str, ...]]
    answer: dict[str, str]
    demos: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    path: Path = Path()
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class ParsedFile:
    """What one file yielded: its front matter, answers and where things are."""

    path: Path
    meta: dict[str, Any]
    answers: dict[str, tuple[int, str]]
    lines: dict[str, int]
    problems: list[Problem]


def split_front_matter(path: Path, text: str) -> ParsedFile:
    """Split a file into its YAML front matter and its per-language answers."""
    parsed = ParsedFile(path, {}, {}, {}, [])
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        parsed.problems.append(Problem(path, 1, "the file must start with '---'"))
        return parsed
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        parsed.problems.append(
            Problem(path, 1, "the front matter has no closing '---'")
        )
        return parsed
    _read_meta(parsed, "\n".join(lines[1:end]))
    _read_answers(parsed, lines, end + 1)
    return parsed


# libyaml's loader is several times faster than the pure-Python one; PyYAML's
# wheels ship it on every major platform, and we fall back where it is absent.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> tuple[Any, yaml.Node | None]:
    """Parse `text` once; return its data and its node tree (for line numbers)."""
    loader = FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def _read_meta(parsed: ParsedFile, front: str) -> None:
    try:
        meta, node = load_yaml(front)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        parsed.problems.append(Problem(parsed.path, line, f"YAML error: {problem}"))
        return
    if not isinstance(meta, dict) or not isinstance(node, yaml.MappingNode):
        parsed.problems.append(
            Problem(parsed.path, 2, "the front matter must be a mapping")
        )
        return
    parsed.meta = meta
    _record_lines(node, "", parsed.lines)


def _record_lines(node: yaml.Node, prefix: str, lines: dict[str, int]) -> None:
    """Remember the file line of every key, as ``"questions.ja"`` style paths."""
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        name = f"{prefix}{key.value}"
        lines[name] = key.start_mark.line + 2
        _record_lines(value, f"{name}.", lines)


def _read_answers(parsed: ParsedFile, lines: list[str], start: int) -> None:
    current: str | None = None
    body: list[str] = []
    first = start

    def close() -> None:
        # Store the line of the answer's first non-blank line, so problems in
        # its Markdown can be reported at their real place in the file.
        if current is not None:
            blank = next((i for i, text in enumerate(body) if text.strip()), 0)
            parsed.answers[current] = (first + 1 + blank, "\n".join(body).strip())

    for number, line in enumerate(lines[start:], start=start + 1):
        mark = ANSWER_MARK.match(line.strip())
        if mark is None:
            if current is None and line.strip():
                parsed.problems.append(
                    Problem(parsed.path, number, "text before the first answer marker")
                )
                current = ""
            body.append(line)
            continue
        close()
        current, body, first = mark.group(1), [], number
        if current not in LANGS:
            parsed.problems.append(
                Problem(parsed.path, number, f"unknown answer language {current!r}")
            )
        elif current in parsed.answers:
            parsed.problems.append(
                Problem(parsed.path, number, f"a second '{current}' answer")
            )
    close()
    parsed.answers.pop("", None)


_WIDE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
_BLOCK_START = re.compile(r"^\s*([#>|`~]|[-*+]\s|\d+[.)]\s)")


def join_japanese_lines(text: str) -> str:
    """Join the lines of paragraphs where the break sits beside Japanese text.

    Markdown renders a line break inside a paragraph as a space, which
    Japanese text does not have. Code blocks, headings and table rows are left
    alone, and a line that starts a block (a list item, a quote) is not joined
    to the one before it.
    """
    lines, fenced = [], False
    for line in text.split("\n"):
        starts_fence = line.lstrip().startswith(("```", "~~~"))
        previous = lines[-1] if lines else ""
        if (
            not fenced
            and not starts_fence
            and line.strip()
            and previous.strip()
            and not _BLOCK_START.match(line)
            and not previous.lstrip().startswith(("#", "|", "```", "~~~"))
            and (_WIDE.match(previous[-1]) or _WIDE.match(line.lstrip()[0]))
        ):
            lines[-1] = previous.rstrip() + line.lstrip()
            continue
        if starts_fence:
            fenced = not fenced
        lines.append(line)
    return "\n".join(lines)


def _strings(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(item) for item in value if item is not None)
    return ()


def entry_from(parsed: ParsedFile) -> Entry:
    """Build an `Entry` from a parsed file, tolerating missing fields."""
    meta = parsed.meta
    title = meta.get("title") if isinstance(meta.get("title"), dict) else {}
    questions = meta.get("questions") if isinstance(meta.get("questions"), dict) else {}
    return Entry(
        id=str(meta.get("id", parsed.path.stem)),
        title={lang: str(title.get(lang) or "") for lang in LANGS},
        questions={lang: _strings(questions.get(lang)) for lang in LANGS},
        answer={
            lang: join_japanese_lines(parsed.answers.get(lang, (0, ""))[1])
            for lang in LANGS
        },
        demos=_strings(meta.get("demos")),
        related=_strings(meta.get("related")),
        keywords=_strings(meta.get("keywords")),
        sources=_strings(meta.get("sources")),
        path=parsed.path,
        lines=parsed.lines,
    )


def entry_files(folder: Path) -> list[Path]:
    """Return the entry files of a knowledge folder, sorted by name.

    Entries live in ``entries/``; a folder without one (an author's scratch
    folder, a test's) holds them directly, beside an optional README.
    """
    entries = folder / "entries"
    if entries.is_dir():
        return sorted(entries.glob("*.md"))
    return sorted(p for p in folder.glob("*.md") if p.name.lower() != "readme.md")


def read_folder(folder: Path) -> list[ParsedFile]:
    """Parse every entry file of `folder`; unreadable files become problems."""
    parsed: list[ParsedFile] = []
    for path in entry_files(folder):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            broken = ParsedFile(path, {}, {}, {}, [])
            broken.problems.append(Problem(path, 1, f"cannot read the file: {error}"))
            parsed.append(broken)
            continue
        parsed.append(split_front_matter(path, text))
    return parsed


class KnowledgeBase:
    """The loaded entries, in file order, looked up by id."""

    def __init__(self, entries: list[Entry], folder: Path) -> None:
        self.entries = entries
        self.folder = folder
        self._by_id = {entry.id: entry for entry in entries}

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def get(self, entry_id: str) -> Entry | None:
        """Return the entry with `entry_id`, or None."""
        return self._by_id.get(entry_id)


def load_knowledge(folder: Path) -> tuple[KnowledgeBase, list[Problem]]:
    """Load and validate the knowledge folder.

    Returns:
        The entries that could be read, and every problem found (an empty list
        means the knowledge base is valid).
    """
    from assistant.kbcheck import check_files

    if not folder.is_dir():
        return KnowledgeBase([], folder), [
            Problem(folder, 1, "the knowledge folder does not exist")
        ]
    parsed = read_folder(folder)
    problems = check_files(folder, parsed)
    entries = [entry_from(item) for item in parsed if item.meta]
    return KnowledgeBase(entries, folder), problems
