"""This PC's facts: the `hw` demo's result, cached in the user's cache folder.

Personal answers use the cached facts while they are fresh (measured on this
machine, less than a day ago); otherwise the caller gathers them again. The
quick path (``hw --quick``) skips the throughput measurement, and the answers
then say which figures were estimated.
"""

from __future__ import annotations

import asyncio
import json
import platform
import time
from dataclasses import dataclass
from typing import Any

from assistant import paths
from assistant.i18n import add, t

FRESH_FOR_S = 24 * 3600

add(
    {
        "en": {
            "facts.forgotten": "The facts about this PC were deleted.",
            "facts.nothing": "There were no facts about this PC to delete.",
            "facts.none": (
                "No facts about this PC yet: type `/facts refresh` in the chat, "
                "or run `pcdl facts refresh`."
            ),
            "facts.title": "What this PC has",
            "facts.age": "Measured {age} ago.",
        },
        "ja": {
            "facts.forgotten": "このPCの情報を削除しました。",
            "facts.nothing": "削除するPCの情報はありませんでした。",
            "facts.none": (
                "このPCの情報はまだありません。チャットで `/facts refresh`、"
                "または `pcdl facts refresh` を実行してください。"
            ),
            "facts.title": "このPCの構成",
            "facts.age": "{age}前に測定しました。",
        },
    }
)


@dataclass(frozen=True)
class StoredFacts:
    """Facts as cached: the `hw` result, when and on which machine it was taken."""

    result: dict[str, Any]
    saved_at: float
    machine: str

    @property
    def age_s(self) -> float:
        """Seconds since the facts were measured."""
        return max(0.0, time.time() - self.saved_at)

    @property
    def fresh(self) -> bool:
        """True when measured on this machine less than a day ago."""
        return self.machine == machine_key() and self.age_s < FRESH_FOR_S

    def to_json(self) -> dict[str, Any]:
        """Return the facts with their age, for ``pcdl facts --json``."""
        return {"facts": self.result, "age_s": round(self.age_s), "fresh": self.fresh}


def machine_key() -> str:
    """Return a name for this machine that changes when the facts would."""
    return "|".join((platform.node(), platform.system(), platform.machine()))


MEASURED = ("gflops_fp32_1t", "gflops_fp32_all")


def save(result: dict[str, Any]) -> StoredFacts:
    """Cache an `hw` result as this machine's facts.

    A quick check (``hw --quick``) measures no speed: the speeds measured
    earlier on this machine, if any, are kept rather than forgotten.
    """
    result = dict(result)
    earlier = load()
    if earlier is not None and earlier.machine == machine_key():
        for key in MEASURED:
            if result.get(key) is None and earlier.result.get(key) is not None:
                result[key] = earlier.result[key]
    stored = StoredFacts(result, time.time(), machine_key())
    path = paths.facts_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"saved_at": stored.saved_at, "machine": stored.machine, "result": result}
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)
    return stored


def load() -> StoredFacts | None:
    """Return the cached facts, or None when there are none or they are unreadable."""
    try:
        record = json.loads(paths.facts_path().read_text(encoding="utf-8"))
        return StoredFacts(
            dict(record["result"]), float(record["saved_at"]), str(record["machine"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def load_fresh() -> StoredFacts | None:
    """Return the cached facts if they are fresh, else None."""
    stored = load()
    return stored if stored is not None and stored.fresh else None


def forget() -> bool:
    """Delete the cached facts; return False when there were none."""
    try:
        paths.facts_path().unlink()
    except FileNotFoundError:
        return False
    return True


def gather_blocking(lang: str = "en", quick: bool = False) -> StoredFacts | None:
    """Run the `hw` demo now (for the CLI), cache and return its facts."""
    from assistant.runner import DemoRun

    run = DemoRun("hw", ["--quick"] if quick else [], lang)

    async def drain() -> None:
        async for _ in run.events():
            pass

    asyncio.run(drain())
    return save(run.result) if run.result is not None else None


def format_age(seconds: float, lang: str) -> str:
    """Return an age such as "5 min" or "5分", rounded to its largest unit."""
    units = (("d", "日", 86400), ("h", "時間", 3600), ("min", "分", 60))
    for en, ja, size in units:
        if seconds >= size:
            count = int(seconds // size)
            return f"{count}{ja}" if lang == "ja" else f"{count} {en}"
    return f"{int(seconds)}秒" if lang == "ja" else f"{int(seconds)} s"


def describe(stored: StoredFacts, lang: str) -> str:
    """Return the facts as a small Markdown table."""
    rows = [f"| {key} | {_cell(value)} |" for key, value in stored.result.items()]
    header = (
        "| key | value |\n|---|---|" if lang == "en" else "| 項目 | 値 |\n|---|---|"
    )
    age = t("facts.age", lang, age=format_age(stored.age_s, lang))
    return (
        f"**{t('facts.title', lang)}**\n\n{header}\n" + "\n".join(rows) + f"\n\n{age}"
    )


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value).replace("|", "\\|")
