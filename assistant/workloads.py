"""The workload catalogue: training jobs that pcdl sizes against the user's PC.

Each workload is one YAML file in ``knowledge/workloads/``; every field is
explained in ``_template.yaml`` there (files whose name starts with ``_`` are
not workloads). `load_workloads` returns the valid ones, from the cheapest to
the most expensive training compute; `check_workloads` lists each problem as a
`Problem` (``path:line: message``) for ``pcdl kb check``. GB means 2**30 bytes.
"""

from __future__ import annotations

import difflib
import logging
import math
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assistant import paths
from assistant.kb import Problem, load_yaml

log = logging.getLogger(__name__)

KINDS = ("mlp", "cnn", "transformer", "rl", "classic")
LANGS = ("ja", "en")

# Share of the measured matmul rate a training run sustains: small layers
# leave the arithmetic units idle between calls, big convolutions and matrix
# products keep them busy.
EFFICIENCY: dict[str, float] = {"tiny": 0.25, "small": 0.5, "heavy": 0.7}

# The forward pass once and the backward pass about twice its cost; a DQN
# update also runs the target network forward on the next observations.
TRAIN_TO_FORWARD = 3
RL_UPDATE_TO_FORWARD = 4

# Field name -> (check, required, default); `_clean` applies the checks.
SCHEMA: dict[str, tuple[str, bool, Any]] = {
    "id": ("id", True, ""),
    "title": ("localized", True, None),
    "kind": ("kind", True, ""),
    "entry": ("text", True, ""),
    "keywords": ("keywords", True, {}),
    "parameters": ("positive", True, 0.0),
    # fp32 weights, gradients and Adam's two moment estimates: 4 x 4 bytes.
    "bytes_per_parameter": ("positive", False, 16.0),
    "activation_gb": ("number", True, 0.0),
    "batch_size": ("count", True, 1),
    "data_disk_gb": ("number", True, 0.0),
    "data_memory_gb": ("number", True, 0.0),
    "efficiency": ("efficiency", True, ""),
    "overhead_ms_per_step": ("number", False, 0.0),
    "train_flops": ("positive", False, 0.0),
    "forward_flops": ("positive", False, 0.0),
    "samples": ("positive", False, 0.0),
    "epochs": ("positive", False, 0.0),
    "tokens": ("positive", False, 0.0),
    "tokens_per_sample": ("positive", False, 0.0),
    "agent_steps": ("positive", False, 0.0),
    "updates": ("positive", False, 0.0),
    "reference_times": ("references", False, ()),
    "sources": ("texts", True, ()),
    "advice": ("localized", False, None),
    "note": ("localized", False, None),
}
NEEDS = {
    "transformer": "tokens, or samples and tokens_per_sample and epochs",
    "rl": "forward_flops and agent_steps and updates",
}
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Localized:
    """A user-visible text in Japanese and English."""

    ja: str
    en: str

    def get(self, lang: str) -> str:
        """Return the text in `lang` (``"ja"``), English for anything else."""
        return self.ja if lang == "ja" else self.en


@dataclass(frozen=True)
class ReferenceTime:
    """A published training time: `hours` on `device`, from `source`."""

    device: str
    hours: float
    source: str
    at_most: bool = False


@dataclass(frozen=True)
class Workload:
    """One training job, with the figures that size it (GB = 2**30 bytes).

    `train_flops` comes from the file or from its fields; `basis` says which
    (``given``, ``6ND``, ``3xforward`` or ``rl``). `steps` counts the units that
    each cost `overhead_ms_per_step` beyond their FLOPs: optimizer steps, agent
    steps (rl), or samples turned into features (classic).
    """

    id: str
    title: Localized
    kind: str
    entry: str
    keywords: dict[str, tuple[str, ...]]
    parameters: float
    bytes_per_parameter: float
    activation_gb: float
    batch_size: int
    data_disk_gb: float
    data_memory_gb: float
    efficiency: str
    overhead_ms_per_step: float
    train_flops: float
    basis: str
    steps: float
    sources: tuple[str, ...]
    reference_times: tuple[ReferenceTime, ...] = ()
    advice: Localized | None = None
    note: Localized | None = None
    path: Path | None = None

    @property
    def efficiency_factor(self) -> float:
        """Return the share of the matmul rate this workload is assumed to reach."""
        return EFFICIENCY[self.efficiency]


def workloads_dir(directory: str | os.PathLike[str] | None = None) -> Path:
    """Return the catalogue folder: `directory`, else the knowledge base's."""
    if directory is not None:
        return Path(directory)
    return paths.knowledge_dir() / "workloads"


def load_workloads(directory: str | os.PathLike[str] | None = None) -> list[Workload]:
    """Return the valid workloads, cheapest training compute first.

    A broken file is left out and logged; `check_workloads` says why.
    """
    workloads, problems = _scan(workloads_dir(directory))
    for problem in problems:
        log.warning("workload left out: %s", problem)
    return sorted(workloads, key=lambda workload: workload.train_flops)


def check_workloads(
    directory: str | os.PathLike[str] | None = None,
    entry_ids: Iterable[str] | None = None,
) -> list[Problem]:
    """Return every problem in the catalogue; with `entry_ids`, check `entry` too."""
    workloads, problems = _scan(workloads_dir(directory))
    known = None if entry_ids is None else set(entry_ids)
    for workload in workloads:
        if known is not None and workload.entry not in known and workload.path:
            line = _Record.read(workload.path).line("entry")
            message = f"entry '{workload.entry}' is not a knowledge entry id"
            problems.append(Problem(workload.path, line, message))
    return problems


def parse_workload(path: Path) -> tuple[Workload | None, list[Problem]]:
    """Read one workload file; return it (None if broken) and its problems."""
    record = _Record.read(path)
    workload = record.build() if record.data is not None else None
    if workload is not None and workload.id != path.stem:
        message = f"id '{workload.id}' differs from the file name '{path.name}'"
        record.problem("id", message)
    return (None if record.problems else workload), record.problems


def _scan(folder: Path) -> tuple[list[Workload], list[Problem]]:
    if not folder.is_dir():
        return [], [Problem(folder, 1, "the workload folder does not exist")]
    # Each id equals its file's name, so ids are unique within the folder.
    workloads: list[Workload] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name.startswith("_"):
            continue
        workload, found = parse_workload(path)
        problems += found
        workloads += [workload] if workload is not None else []
    return workloads, problems


def _number(value: Any) -> float | None:
    """Return `value` as a finite number, accepting YAML's unquoted ``3.14e23``."""
    if isinstance(value, str):
        try:
            value = float(value.replace(",", ""))
        except ValueError:
            return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if math.isfinite(value) else None
    return None


def _key_lines(node: yaml.Node, prefix: str, lines: dict[str, int]) -> list[str]:
    """Map ``a.b`` key paths to 1-based lines; return the keys given twice."""
    twice: list[str] = []
    for key_node, value_node in (
        node.value if isinstance(node, yaml.MappingNode) else []
    ):
        name = f"{prefix}{key_node.value}"
        twice += [name] if name in lines else []
        lines[name] = key_node.start_mark.line + 1
        twice += _key_lines(value_node, f"{name}.", lines)
    return twice


class _Record:
    """One parsed file with the line of each key; collects its problems."""

    def __init__(self, path: Path, data: Any, lines: dict[str, int]) -> None:
        self.path, self.data, self.lines = path, data, lines
        self.problems: list[Problem] = []

    @classmethod
    def read(cls, path: Path) -> _Record:
        """Parse `path`; a file that is not a YAML mapping gets `data` None."""
        try:
            text = path.read_text(encoding="utf-8")
            data, node = load_yaml(text)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            mark = getattr(error, "problem_mark", None)
            record = cls(path, None, {"": mark.line + 1 if mark else 1})
            reason = getattr(error, "problem", None) or error
            record.problem("", f"cannot read this file as YAML: {reason}")
            return record
        lines: dict[str, int] = {}
        twice = _key_lines(node, "", lines) if node is not None else []
        record = cls(path, data if isinstance(data, dict) else None, lines)
        if record.data is None:
            record.problem("", "expected a mapping of fields (name: value)")
        for name in twice:
            record.problem(name, f"'{name}' is given twice")
        return record

    def line(self, key: str) -> int:
        """Return the line of `key`, else of `id`, else 1."""
        return self.lines.get(key) or self.lines.get("id") or 1

    def problem(self, key: str, message: str) -> None:
        """Record `message` at the line of `key`."""
        self.problems.append(Problem(self.path, self.line(key), message))

    def build(self) -> Workload | None:
        """Validate every field and return the workload, or None if invalid."""
        for key in self.data:
            if key not in SCHEMA:
                close = difflib.get_close_matches(str(key), SCHEMA, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                self.problem(str(key), f"unknown field '{key}'{hint}")
        values = {key: self._field(key, *spec) for key, spec in SCHEMA.items()}
        derived, basis, steps = _derive(values)
        given = values["train_flops"]
        if not (given or derived) and values["kind"]:
            needs = NEEDS.get(values["kind"], "forward_flops and samples and epochs")
            self.problem("kind", f"training compute needs train_flops, or {needs}")
        elif given and derived and not 0.5 <= given / derived <= 2:
            message = f"train_flops {given:.3g} is far from the derived {derived:.3g}"
            self.problem("train_flops", message)
        if values["overhead_ms_per_step"] and not steps:
            message = "'overhead_ms_per_step' needs the fields that count the steps"
            self.problem("overhead_ms_per_step", message)
        if self.problems:
            return None
        values.update(
            train_flops=given or derived,
            basis="given" if given else basis,
            steps=steps,
            path=self.path,
        )
        return Workload(**{key: values[key] for key in _WORKLOAD_FIELDS})

    def _field(self, key: str, check: str, required: bool, default: Any) -> Any:
        value = self.data.get(key)
        if value in (None, "", [], {}):
            if required:
                self.problem(key, f"missing field '{key}'")
            return default
        try:
            return _clean(check, value, key)
        except _Invalid as error:
            shown = repr(value)
            shown = shown if len(shown) <= 60 else f"{shown[:57]}..."
            self.problem(key, f"{error}; got {shown}")
            return default


def _derive(values: dict[str, Any]) -> tuple[float, str, float]:
    """Return (training FLOPs derived from the fields or 0, basis, steps)."""
    kind, forward, batch = values["kind"], values["forward_flops"], values["batch_size"]
    samples, epochs = values["samples"], values["epochs"]
    if kind == "rl":
        steps = values["agent_steps"]
        if not (forward and steps and values["updates"]):
            return 0.0, "rl", steps
        update = RL_UPDATE_TO_FORWARD * batch * forward
        return values["updates"] * update + steps * forward, "rl", steps
    steps = samples if kind == "classic" else math.ceil(samples / batch) * epochs
    if kind == "transformer":
        tokens = values["tokens"] or samples * values["tokens_per_sample"] * epochs
        return 6 * values["parameters"] * tokens, "6ND", steps
    return TRAIN_TO_FORWARD * forward * samples * epochs, "3xforward", steps


class _Invalid(ValueError):
    """A field's value that fails its check; the message says why."""


def _clean(check: str, value: Any, key: str) -> Any:
    """Return `value` checked and converted as `check` says, or raise `_Invalid`."""
    if check in ("number", "positive", "count"):
        number = _number(value)
        lowest = {"number": 0.0, "positive": math.ulp(0), "count": 1.0}[check]
        if number is None or number < lowest or (check == "count" and number % 1):
            wanted = {
                "number": "a number, 0 or more",
                "positive": "a positive number",
                "count": "a whole number, 1 or more",
            }[check]
            raise _Invalid(f"'{key}' must be {wanted}")
        return int(number) if check == "count" else number
    if check in CHOICES:
        if value not in CHOICES[check]:
            raise _Invalid(f"'{key}' must be one of {', '.join(CHOICES[check])}")
        return value
    if check == "texts":
        items = value if isinstance(value, list) else []
        if not items or not all(isinstance(x, str) and x.strip() for x in items):
            raise _Invalid(f"'{key}' must be a list of one or more texts")
        return tuple(item.strip() for item in items)
    if check in ("localized", "keywords"):
        texts = value if isinstance(value, dict) else {}
        item_check = "texts" if check == "keywords" else "text"
        found = {
            lang: _clean(item_check, texts.get(lang), f"{key}.{lang}") for lang in LANGS
        }
        return found if check == "keywords" else Localized(**found)
    if check == "references":
        return tuple(_reference(item, key) for item in _as_list(value))
    if not (isinstance(value, str) and value.strip()):
        raise _Invalid(f"'{key}' must be a text")
    if check == "id" and not ID_PATTERN.match(value):
        raise _Invalid(f"'{key}' must be lowercase letters, digits and dashes")
    return value.strip()


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _reference(item: Any, key: str) -> ReferenceTime:
    item = item if isinstance(item, dict) else {}
    hours = _number(item.get("hours")) or 0.0
    device, source = item.get("device"), item.get("source")
    extra = set(item) - {"device", "hours", "source", "at_most"}
    if (
        hours <= 0
        or not isinstance(device, str)
        or not isinstance(source, str)
        or extra
    ):
        raise _Invalid(f"each of '{key}' needs device, hours (> 0) and source")
    return ReferenceTime(device, hours, source, item.get("at_most") is True)


CHOICES: dict[str, tuple[str, ...]] = {"kind": KINDS, "efficiency": tuple(EFFICIENCY)}
_WORKLOAD_FIELDS = tuple(Workload.__dataclass_fields__)
