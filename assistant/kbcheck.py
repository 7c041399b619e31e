"""Validate knowledge files: fields, languages, ids, links, demos and Markdown.

Every check reports `Problem` records with the line the author must look at
(line 1 for a field that is missing altogether); nothing here raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from assistant.kb import (
    DEMOS,
    FIELDS,
    LANGS,
    OPTIONAL_FIELDS,
    ParsedFile,
    Problem,
)

_MARKDOWN = MarkdownIt("commonmark").enable("table")
# Punctuation, then "**", then a letter: where CommonMark may not close bold.
_SUSPECT_EMPHASIS = re.compile(r"[^\w\s*]\*\*\w")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MIN_QUESTIONS = 5
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def check_files(folder: Path, parsed: list[ParsedFile]) -> list[Problem]:
    """Check every parsed entry file of `folder`, and the folder's workloads."""
    problems: list[Problem] = []
    for item in parsed:
        problems.extend(item.problems)
        if item.meta:
            problems.extend(_check_fields(item))
            problems.extend(_check_answers(item))
    problems.extend(_check_ids(parsed))
    ids = {
        item.meta.get("id") for item in parsed if isinstance(item.meta.get("id"), str)
    }
    problems.extend(_check_workloads(folder, ids))
    if not parsed:
        problems.append(Problem(folder, 1, "no entry files found"))
    return problems


def _line(item: ParsedFile, key: str) -> int:
    return item.lines.get(key, 1)


def _check_fields(item: ParsedFile) -> Iterator[Problem]:
    meta = item.meta
    for name in FIELDS:
        if name not in meta:
            yield Problem(item.path, 1, f"missing field '{name}'")
    for name in meta:
        if name not in FIELDS and name not in OPTIONAL_FIELDS:
            yield Problem(item.path, _line(item, name), f"unknown field '{name}'")
    entry_id = meta.get("id")
    if "id" in meta and not (isinstance(entry_id, str) and ID_PATTERN.match(entry_id)):
        yield Problem(
            item.path, _line(item, "id"), "the id must be lowercase words joined by '-'"
        )
    elif isinstance(entry_id, str) and entry_id != item.path.stem:
        yield Problem(
            item.path,
            _line(item, "id"),
            f"the id '{entry_id}' differs from the file name '{item.path.stem}'",
        )
    yield from _check_bilingual(item, "title", _is_text)
    yield from _check_bilingual(item, "questions", _is_question_list)
    yield from _check_list(item, "demos", lambda name: name in DEMOS, "unknown demo")
    yield from _check_list(item, "related", lambda _: True, "")
    yield from _check_list(item, "keywords", lambda _: True, "", required=False)
    yield from _check_list(item, "sources", lambda _: True, "", required=False)


def _is_text(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be a text"


def _is_question_list(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(q, str) for q in value):
        return "must be a list of questions"
    if len([q for q in value if q.strip()]) < MIN_QUESTIONS:
        return f"needs at least {MIN_QUESTIONS} questions"
    return None


def _check_bilingual(item: ParsedFile, name: str, rule: Any) -> Iterator[Problem]:
    value = item.meta.get(name)
    if name not in item.meta:
        return
    if not isinstance(value, dict):
        yield Problem(item.path, _line(item, name), f"'{name}' needs 'ja' and 'en'")
        return
    for lang in LANGS:
        if lang not in value:
            yield Problem(item.path, _line(item, name), f"'{name}' lacks '{lang}'")
            continue
        problem = rule(value[lang])
        if problem:
            yield Problem(
                item.path, _line(item, f"{name}.{lang}"), f"'{name}.{lang}' {problem}"
            )


def _check_list(
    item: ParsedFile, name: str, known: Any, complaint: str, required: bool = True
) -> Iterator[Problem]:
    if name not in item.meta:
        return
    value = item.meta[name]
    if value is None and not required:
        return
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        yield Problem(item.path, _line(item, name), f"'{name}' must be a list of names")
        return
    for name_in_list in value:
        if not known(name_in_list):
            yield Problem(
                item.path,
                _line(item, name),
                f"{complaint} '{name_in_list}' (known: {', '.join(DEMOS)})",
            )


def _check_ids(parsed: list[ParsedFile]) -> Iterator[Problem]:
    seen: dict[str, Path] = {}
    for item in parsed:
        entry_id = item.meta.get("id")
        if not item.meta:
            # Unreadable: its problem is reported already; its file name
            # stands for its id, so the entries that link to it stay quiet.
            seen.setdefault(item.path.stem, item.path)
        if not isinstance(entry_id, str):
            continue
        if entry_id in seen:
            yield Problem(
                item.path,
                _line(item, "id"),
                f"the id '{entry_id}' is also used by {seen[entry_id]}",
            )
        seen.setdefault(entry_id, item.path)
    for item in parsed:
        related = item.meta.get("related")
        if not isinstance(related, list):
            continue
        for other in related:
            if isinstance(other, str) and other not in seen:
                yield Problem(
                    item.path,
                    _line(item, "related"),
                    f"related id '{other}' does not exist",
                )


def _check_answers(item: ParsedFile) -> Iterator[Problem]:
    for lang in LANGS:
        if lang not in item.answers:
            yield Problem(item.path, 1, f"missing answer '<!-- answer: {lang} -->'")
            continue
        start, text = item.answers[lang]
        if not text.strip():
            yield Problem(item.path, start, f"the '{lang}' answer is empty")
            continue
        yield from check_markdown(item.path, item.answers[lang][1], start)


def check_markdown(path: Path, text: str, first_line: int) -> Iterator[Problem]:
    """Check code fences and tables of a Markdown answer starting at `first_line`.

    `first_line` is the file line of the answer's first line.
    """
    lines = text.splitlines()
    offset = first_line
    fence: tuple[str, int] | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        match = FENCE.match(line)
        if fence is not None:
            if (
                match
                and match.group(1)[0] == fence[0][0]
                and len(match.group(1)) >= len(fence[0])
                and not match.group(2).strip()
            ):
                fence = None
        elif match:
            fence = (match.group(1), index)
        elif (
            "|" in line
            and index + 1 < len(lines)
            and TABLE_DELIMITER.match(lines[index + 1])
            and "-" in lines[index + 1]
        ):
            index = yield from _check_table(path, lines, index, offset)
            continue
        index += 1
    if fence is not None:
        yield Problem(path, fence[1] + offset, "this code fence is never closed")
    yield from _check_emphasis(path, text, offset)


def _check_emphasis(path: Path, text: str, offset: int) -> Iterator[Problem]:
    """Find ``**`` that Markdown leaves as text instead of bold.

    CommonMark does not close ``**`` that follows punctuation and is followed
    by a letter, which Japanese makes common: ``**メモリ(RAM)**です`` shows its
    asterisks.
    """
    if not _SUSPECT_EMPHASIS.search(text):
        return  # the common case, without parsing the Markdown at every start
    for token in _MARKDOWN.parse(text):
        if token.type != "inline" or token.map is None:
            continue
        for child in token.children or ():
            if child.type == "text" and "**" in child.content:
                yield Problem(
                    path,
                    token.map[0] + offset,
                    "this '**' is shown as text: bold cannot end after "
                    "punctuation when a letter follows (move the punctuation "
                    "outside, or add a space)",
                )
                break


def _cells(row: str) -> int:
    """Count a table row's cells, ignoring pipes escaped or inside code spans."""
    row = re.sub(r"`[^`]*`", "code", row.replace("\\|", ""))
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") else row
    return row.count("|") + 1


def _check_table(
    path: Path, lines: list[str], start: int, offset: int
) -> Iterator[Problem]:
    width = _cells(lines[start])
    if _cells(lines[start + 1]) != width:
        yield Problem(
            path,
            start + 1 + offset,
            "the table's delimiter row has the wrong number of cells",
        )
    index = start + 2
    while index < len(lines) and "|" in lines[index] and lines[index].strip():
        cells = _cells(lines[index])
        if cells != width:
            yield Problem(
                path,
                index + offset,
                f"this table row has {cells} cells; its header has {width}",
            )
        index += 1
    return index


def _check_workloads(folder: Path, entry_ids: set[str]) -> list[Problem]:
    """Check the workload catalogue beside the entries, when there is one."""
    workloads = folder / "workloads"
    if not workloads.is_dir() or not any(workloads.glob("*.yaml")):
        return []
    from assistant.workloads import check_workloads

    return check_workloads(workloads, entry_ids)
