"""Markdown for personal answers: one workload's verdict, or the whole catalogue.

Numbers carry units and two significant figures; durations are given as
ranges in the unit their size calls for (s, min, h, days, years; 秒, 分, 時間,
日, 年). Called through `assistant.personal.render_assessment` and
`render_catalogue`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from assistant import personal_texts  # noqa: F401  (registers the strings)
from assistant.i18n import t
from assistant.personal import HEADROOM, RUNTIME_GB, SLOW_HOURS, Assessment
from assistant.workloads import Localized


def next_step(assessment: Assessment) -> Localized:
    """Return the concrete next step for the verdict, in both languages."""
    values = {
        "state": _gb(assessment.model_state_gb),
        "limit": _gb(assessment.facts.ram_usable_gb),
    }
    advice = assessment.spec.advice if assessment.verdict != "ok" else None
    texts = {}
    for lang in ("ja", "en"):
        parts = [
            t(f"assess.next.{key}", lang, **values) for key in _next_keys(assessment)
        ]
        parts += [advice.get(lang)] if advice else []
        texts[lang] = ("" if lang == "ja" else " ").join(parts)
    return Localized(**texts)


def _next_keys(assessment: Assessment) -> list[str]:
    """Return the next steps that apply, the most decisive first."""
    a, facts = assessment, assessment.facts
    where = "cpu" if a.device == "cpu" else "gpu"
    if a.verdict != "no":
        return ["ok" if a.verdict == "ok" else f"slow.{where}"]
    if "memory" in a.reasons and a.model_state_gb > HEADROOM * a.memory_available_gb:
        return ["model_state"]  # nothing smaller than the model itself helps
    keys = []
    if "memory" in a.reasons:
        keys.append("memory")
        ram_short = a.host_memory_gb is None or _host_short(a)
        if ram_short and facts.ram_usable_gb < facts.ram_total_gb:
            keys.append("container")
    keys += ["disk"] * ("disk" in a.reasons)
    keys += [f"time.{where}"] * ("time" in a.reasons)
    return keys


def _host_short(assessment: Assessment) -> bool:
    """Return whether the RAM beside a CUDA GPU is what runs short."""
    host = assessment.host_memory_gb
    return host is not None and host[0] > HEADROOM * host[1]


def render_assessment(assessment: Assessment, lang: str) -> str:
    """Return the answer for one workload as Markdown in `lang` (ja or en)."""
    next_text = t("assess.next", lang, text=next_step(assessment).get(lang))
    bullets = "\n".join(f"- {line}" for line in _details(assessment, lang))
    parts = (_sentence(assessment, lang), _table(assessment, lang), bullets, next_text)
    return "\n\n".join(parts)


def _sentence(assessment: Assessment, lang: str) -> str:
    a, title = assessment, assessment.spec.title.get(lang)
    if a.verdict != "no":
        time = format_hours(a.hours, lang)
        return t(f"assess.{a.verdict}", lang, title=title, time=time)
    why = t("assess.and", lang).join(_why(a, reason, lang) for reason in a.reasons)
    return t("assess.no", lang, title=title, why=why)


def _table(assessment: Assessment, lang: str) -> str:
    """Return the table: memory, RAM beside a CUDA GPU, disk, time and device."""
    a = assessment
    usable = t("assess.usable", lang, value=_gb(a.memory_available_gb))
    rows = [t("assess.head", lang)]
    rows.append(_row(t(f"assess.memory.{a.device}", lang), a.memory_needed_gb, usable))
    if a.host_memory_gb is not None:
        needed, ram = a.host_memory_gb
        ram_usable = t("assess.usable", lang, value=_gb(ram))
        rows.append(_row(t("assess.host", lang), needed, ram_usable))
    free = t("assess.free", lang, value=_gb(a.disk_free_gb))
    rows.append(_row(t("assess.disk", lang), a.disk_needed_gb, free))
    device = t(
        "assess.device_row",
        lang,
        device=t(f"assess.{a.device}", lang),
        rate=_rate(a.gflops),
        factor=a.spec.efficiency_factor,
    )
    rows.append(
        f"| {t('assess.time', lang)} | {format_hours(a.hours, lang)} | {device} |"
    )
    return "\n".join(rows)


def _row(label: str, needed: float, here: str) -> str:
    return f"| {label} | {_gb(needed)} | {here} |"


def _why(assessment: Assessment, reason: str, lang: str) -> str:
    a = assessment
    if reason == "memory":
        needed, usable = a.memory_needed_gb, a.memory_available_gb
        if _host_short(a) and needed <= HEADROOM * usable:
            needed, usable = a.host_memory_gb
        values = {"needed": _gb(needed), "available": _gb(usable)}
    elif reason == "disk":
        values = {"needed": _gb(a.disk_needed_gb), "available": _gb(a.disk_free_gb)}
    else:
        values = {"time": format_hours(a.hours, lang)}
    return t(f"assess.why.{reason}", lang, **values)


def _details(assessment: Assessment, lang: str) -> list[str]:
    """Return the bullets: compute, assumptions, rule, estimates, references, note."""
    a, spec = assessment, assessment.spec
    lines = [_compute(assessment, lang), _assumed(assessment, lang)]
    lines.append(t("assess.rule", lang))
    estimated = _estimated(a, lang)
    lines += [t("assess.estimated", lang, items=estimated)] if estimated else []
    if spec.reference_times:
        items = t("assess.list", lang).join(
            t(
                "assess.reference",
                lang,
                device=ref.device,
                source=ref.source,
                time=format_duration(ref.hours * 3600, lang),
                at_most=t("assess.at_most", lang) if ref.at_most else "",
            )
            for ref in spec.reference_times
        )
        lines.append(t("assess.published", lang, items=items))
    return lines + ([spec.note.get(lang)] if spec.note else [])


def _compute(assessment: Assessment, lang: str) -> str:
    spec, overhead = assessment.spec, ""
    if spec.overhead_ms_per_step and spec.steps:
        ms, steps = _sig(spec.overhead_ms_per_step), _sig(spec.steps)
        overhead = t("assess.overhead", lang, ms=ms, steps=steps)
    basis = t(f"assess.basis.{spec.basis}", lang)
    flops = _flops(spec.train_flops)
    return t("assess.compute", lang, flops=flops, basis=basis, overhead=overhead)


def _assumed(assessment: Assessment, lang: str) -> str:
    a, spec = assessment, assessment.spec
    return t(
        "assess.assumed",
        lang,
        device=t(f"assess.{a.device}", lang),
        name=_device_name(a),
        rate=_rate(a.gflops),
        factor=spec.efficiency_factor,
        klass=t(f"assess.class.{spec.efficiency}", lang),
        bytes=_sig(spec.bytes_per_parameter),
        batch=spec.batch_size,
        runtime=RUNTIME_GB,
    )


def _estimated(assessment: Assessment, lang: str) -> str:
    """Return which of the figures this assessment used were estimated."""
    used = "cpu_gflops" if assessment.device == "cpu" else "gpu_gflops"
    if used not in assessment.facts.estimated:
        return ""
    return t(f"assess.estimated.{used}", lang, rate=_rate(assessment.gflops))


def render_catalogue(assessments: Sequence[Assessment], lang: str) -> str:
    """Return the assessments as one Markdown table, with the devices they assume.

    Four narrow columns (workload, verdict, memory, time) keep the table within
    80 columns; what rules a workload out, disk included, is listed below it.
    """
    rows = [t("assess.catalogue.head", lang)]
    for a in assessments:
        cells = (
            a.spec.title.get(lang),
            t(f"assess.verdict.{a.verdict}", lang),
            _pair(a.memory_needed_gb, a.memory_available_gb),
            format_hours(a.hours, lang, short=True),
        )
        rows.append(f"| {' | '.join(cells)} |")
    parts = ["\n".join(rows)]
    blocked = [a for a in assessments if a.reasons]
    if blocked:
        parts.append(t("assess.catalogue.why", lang))
        parts.append("\n".join(f"- {_blocked(a, lang)}" for a in blocked))
    parts.append(_catalogue_notes(assessments, lang))
    return "\n\n".join(parts)


def _blocked(assessment: Assessment, lang: str) -> str:
    """Return one line: the workload and what rules it out, in short."""
    a = assessment
    values = {
        "needed": _gb(a.disk_needed_gb),
        "free": _gb(a.disk_free_gb),
        "days": round(SLOW_HOURS / 24),
    }
    reasons = t("assess.catalogue.sep", lang).join(
        t(f"assess.short.{reason}", lang, **values) for reason in a.reasons
    )
    return t(
        "assess.catalogue.blocked", lang, title=a.spec.title.get(lang), reasons=reasons
    )


def _catalogue_notes(assessments: Sequence[Assessment], lang: str) -> str:
    """Return the paragraph under the table: the rule, the columns, the devices."""
    notes = [t("assess.rule", lang), t("assess.catalogue.memory", lang)]
    for device in dict.fromkeys(a.device for a in assessments):
        sample = next(a for a in assessments if a.device == device)
        notes.append(
            t(
                "assess.catalogue.device",
                lang,
                device=t(f"assess.{device}", lang),
                name=_device_name(sample),
                rate=_rate(sample.gflops),
            )
        )
        estimated = _estimated(sample, lang)
        notes += [t("assess.estimated", lang, items=estimated)] if estimated else []
    return ("" if lang == "ja" else " ").join(notes)


def _device_name(assessment: Assessment) -> str:
    trainer = assessment.facts.trainer
    if assessment.device != "cpu" and trainer is not None:
        return trainer.name
    return assessment.facts.cpu_model


def _sig(value: float) -> str:
    """Return `value` with two significant figures and thousands separators."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    exponent = math.floor(math.log10(abs(value)))
    rounded = round(value, 1 - exponent)
    if abs(rounded) >= 10 ** (exponent + 1):  # 9.96 rounds up to 10
        exponent += 1
    return f"{rounded:,.{max(0, 1 - exponent)}f}"


def _gb(value: float) -> str:
    """Return a size in GB, or in MB below 0.1 GB so that no figure reads 0.00…."""
    if value == 0 or value >= 0.1:
        return f"{_sig(value)} GB"
    mb = value * 1024  # GB is 2**30 bytes, so 1 GB = 1024 MB (2**20 bytes)
    return "<0.01 MB" if mb < 0.01 else f"{_sig(mb)} MB"


def _pair(needed: float, usable: float) -> str:
    """Return ``needed / usable`` with one unit when both are in GB."""
    if needed == 0 or needed >= 0.1:
        return f"{_sig(needed)} / {_gb(usable)}"
    return f"{_gb(needed)} / {_gb(usable)}"


def _rate(gflops: float) -> str:
    if gflops >= 1000:
        return f"{_sig(gflops / 1000)} TFLOP/s"
    return f"{_sig(gflops)} GFLOP/s"


def _flops(value: float) -> str:
    exponent = math.floor(math.log10(value))
    digits = str(exponent).translate(str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"))
    return f"{value / 10**exponent:.1f}×10{digits}"


_UNIT_SECONDS = (1.0, 60.0, 3600.0, 86400.0, 365.25 * 86400.0)
# Large counts: English in table cells (k, M, B), Japanese always (万, 億, 兆),
# since that is how each language writes them; beyond these, powers of ten.
_LARGE = {
    "en": ((1e9, "B"), (1e6, "M"), (1e3, "k")),
    "ja": ((1e12, "兆"), (1e8, "億"), (1e4, "万")),
}


def _count(value: float, lang: str, short: bool) -> str:
    """Return a duration's number: ``7.8万``, ``78k`` (when short) or ``78,000``."""
    if value < 10_000 or (lang != "ja" and not short):
        return _sig(value)
    scales = _LARGE["ja" if lang == "ja" else "en"]
    if value >= 1000 * scales[0][0]:
        return _flops(value)
    size, suffix = next((size, suffix) for size, suffix in scales if value >= size)
    return f"{_sig(value / size)}{suffix}"


def _duration(seconds: float, lang: str, short: bool) -> tuple[str, str]:
    """Return (number, unit) for `seconds` in the largest unit it reaches."""
    index = max(i for i, size in enumerate(_UNIT_SECONDS) if seconds >= size or not i)
    units = t("assess.units.short" if short else "assess.units", lang).split()
    return _count(seconds / _UNIT_SECONDS[index], lang, short), units[index]


def format_duration(seconds: float, lang: str, short: bool = False) -> str:
    """Return a duration with two significant figures: ``1.9 min``, ``1.9分``.

    Args:
        short: Abbreviate the units (``d``, ``yr``) as a table cell needs.
    """
    number, unit = _duration(seconds, lang, short)
    return t("assess.duration", lang, number=number, unit=unit)


def format_hours(hours: tuple[float, float], lang: str, short: bool = False) -> str:
    """Return an hours range in fitting units: ``13–54 min``, ``29秒〜1.9分``.

    Args:
        short: Abbreviate units and large numbers (``78k–310k yr``) for a table.
    """
    low_hours, high_hours = hours
    low, low_unit = _duration(low_hours * 3600, lang, short)
    high, high_unit = _duration(high_hours * 3600, lang, short)
    if low_unit == high_unit:
        return t("assess.range.same", lang, low=low, high=high, unit=high_unit)
    return t(
        "assess.range",
        lang,
        low=format_duration(low_hours * 3600, lang, short),
        high=format_duration(high_hours * 3600, lang, short),
    )
