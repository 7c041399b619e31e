"""Answers about the user's own PC: can it train a workload, and how long would it take?

`Facts.from_result` reads the ``hw`` demo's result, filling any figure the quick
path skipped with a stated estimate; `assess` sizes a `Workload` against the
facts; `render_assessment` and `render_catalogue` write the answer as Markdown
in Japanese or English. GB means 2**30 bytes everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from assistant.workloads import Workload

GB = 2**30
# Sustained fp32 rate of one modern x86 core with AVX2, about half the peak of
# two 8-wide FMA units at 2 GHz; used when the quick path skipped measuring.
GFLOPS_PER_CORE_ESTIMATE = 30.0
# A mid-range CUDA card and Apple M1's 8-core GPU, when not measured.
GPU_GFLOPS_ESTIMATE = {"cuda": 5000.0, "mps": 2600.0}
RUNTIME_GB = 0.5  # the Python process with the framework loaded
GPU_CONTEXT_GB = 0.4  # what the CUDA context and the allocator keep
CHECKPOINT_BYTES_PER_PARAMETER = 4  # one saved fp32 copy of the weights
HEADROOM = 0.8  # at most this share of memory and of free disk
OK_HOURS = 2.0
SLOW_HOURS = 30 * 24.0
# The efficiency factor is a guess within about a factor of two either way.
TIME_BAND = (0.5, 2.0)
VERDICTS = ("ok", "slow", "no")


class FactsError(ValueError):
    """The facts lack a figure that every verdict needs."""


@dataclass(frozen=True)
class Gpu:
    """The PC's best GPU as the ``hw`` demo saw it (memory in GB)."""

    name: str
    backend: str
    memory_gb: float
    usable: bool
    gflops_fp32: float


@dataclass(frozen=True)
class Facts:
    """What this PC can give a training run.

    `estimated` names the figures filled in by estimate rather than measured:
    ``cpu_gflops`` and ``gpu_gflops``.
    """

    cpu_model: str
    cores_usable: float
    ram_total_gb: float
    ram_limit_gb: float | None
    disk_free_gb: float
    gflops_all: float
    gpu: Gpu | None = None
    estimated: tuple[str, ...] = ()

    @property
    def ram_usable_gb(self) -> float:
        """Return the RAM training can use: the total, or a lower container limit."""
        if self.ram_limit_gb is not None and self.ram_limit_gb < self.ram_total_gb:
            return self.ram_limit_gb
        return self.ram_total_gb

    @property
    def trainer(self) -> Gpu | None:
        """Return the GPU that would train, or None when training runs on the CPU."""
        gpu = self.gpu
        if gpu and gpu.usable and (gpu.backend == "mps" or gpu.memory_gb > 0):
            return gpu
        return None

    @classmethod
    def from_result(cls, result: Mapping[str, Any]) -> Facts:
        """Build the facts from the ``hw`` demo's result dict.

        Raises:
            FactsError: if the RAM or the free disk is missing.
        """
        ram, disk = _figure(result, "ram_total_gb"), _figure(result, "disk_free_gb")
        if ram is None or disk is None:
            raise FactsError("the facts lack ram_total_gb or disk_free_gb")
        cores = next(
            (
                value
                for key in ("cores_usable", "cores_logical", "cores_physical")
                if (value := _figure(result, key))
            ),
            1.0,
        )
        estimated: list[str] = []
        gflops = _figure(result, "gflops_fp32_all")
        if not gflops:
            gflops = GFLOPS_PER_CORE_ESTIMATE * cores
            estimated.append("cpu_gflops")
        gpu = _gpu(result.get("gpu"), estimated)
        limit = _figure(result, "ram_limit_gb")
        model = str(result.get("cpu_model") or "CPU")
        return cls(model, cores, ram, limit, disk, gflops, gpu, tuple(estimated))


def _figure(result: Mapping[str, Any], key: str) -> float | None:
    value = result.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) and value >= 0 else None


def _gpu(value: Any, estimated: list[str]) -> Gpu | None:
    if not isinstance(value, Mapping):
        return None
    backend = "mps" if value.get("backend") == "mps" else "cuda"
    usable = value.get("usable") is True
    gflops = _figure(value, "gflops_fp32")
    if not gflops:
        gflops = GPU_GFLOPS_ESTIMATE[backend]
        if usable:
            estimated.append("gpu_gflops")
    memory = _figure(value, "memory_gb") or 0.0
    return Gpu(str(value.get("name") or "GPU"), backend, memory, usable, gflops)


@dataclass(frozen=True)
class Assessment:
    """The verdict for one workload on one PC, with the figures behind it.

    The first eight fields are the ``personal`` object of ``pcdl ask --json``
    (`to_json`); the rest explain them. `reasons` lists what rules training
    out (``memory``, ``disk``, ``time``); `host_memory_gb` is (needed, usable)
    RAM when a CUDA GPU trains and the data stays in RAM.
    """

    workload: str
    verdict: str
    memory_needed_gb: float
    memory_available_gb: float
    disk_needed_gb: float
    disk_free_gb: float
    hours: tuple[float, float]
    facts_age_s: float | None
    reasons: tuple[str, ...]
    device: str
    gflops: float
    model_state_gb: float
    host_memory_gb: tuple[float, float] | None
    spec: Workload
    facts: Facts

    def to_json(self, facts_age_s: float | None = None) -> dict[str, Any]:
        """Return the ``personal`` object, numbers to 3 significant figures.

        Args:
            facts_age_s: The facts' age in seconds, if not given to `assess`.
        """
        age = self.facts_age_s if facts_age_s is None else facts_age_s
        return {
            "workload": self.workload,
            "verdict": self.verdict,
            "memory_needed_gb": _round(self.memory_needed_gb),
            "memory_available_gb": _round(self.memory_available_gb),
            "disk_needed_gb": _round(self.disk_needed_gb),
            "disk_free_gb": _round(self.disk_free_gb),
            "hours": [_round(self.hours[0]), _round(self.hours[1])],
            "facts_age_s": None if age is None else round(float(age), 1),
        }


def _round(value: float, digits: int = 3) -> float:
    if value == 0 or not math.isfinite(value):
        return float(value)
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def assess(
    facts: Facts, workload: Workload, facts_age_s: float | None = None
) -> Assessment:
    """Size `workload` against `facts` and return the verdict with its figures."""
    gpu = facts.trainer if workload.kind != "classic" else None
    needed, available, host = _memory(facts, workload, gpu)
    checkpoint_gb = workload.parameters * CHECKPOINT_BYTES_PER_PARAMETER / GB
    disk = workload.data_disk_gb + checkpoint_gb
    rate = gpu.gflops_fp32 if gpu else facts.gflops_all
    seconds = workload.train_flops / (rate * 1e9 * workload.efficiency_factor)
    seconds += workload.steps * workload.overhead_ms_per_step / 1000
    hours = (seconds * TIME_BAND[0] / 3600, seconds * TIME_BAND[1] / 3600)

    short = {
        "memory": needed > HEADROOM * available
        or (host is not None and host[0] > HEADROOM * host[1]),
        "disk": disk > HEADROOM * facts.disk_free_gb,
        "time": hours[1] > SLOW_HOURS,
    }
    reasons = tuple(reason for reason, is_short in short.items() if is_short)
    verdict = "no" if reasons else "ok" if hours[1] <= OK_HOURS else "slow"
    return Assessment(
        workload=workload.id,
        verdict=verdict,
        memory_needed_gb=needed,
        memory_available_gb=available,
        disk_needed_gb=disk,
        disk_free_gb=facts.disk_free_gb,
        hours=hours,
        facts_age_s=facts_age_s,
        reasons=reasons,
        device=gpu.backend if gpu else "cpu",
        gflops=rate,
        model_state_gb=workload.parameters * workload.bytes_per_parameter / GB,
        host_memory_gb=host,
        spec=workload,
        facts=facts,
    )


def _memory(
    facts: Facts, workload: Workload, gpu: Gpu | None
) -> tuple[float, float, tuple[float, float] | None]:
    """Return (needed, usable) memory where training runs, and RAM beside CUDA."""
    model_gb = workload.parameters * workload.bytes_per_parameter / GB
    training_gb = model_gb + workload.activation_gb
    if gpu is not None and gpu.backend == "cuda":
        # The model state and activations live on the card; the data set and
        # the Python process stay in the host's RAM.
        host = (workload.data_memory_gb + RUNTIME_GB, facts.ram_usable_gb)
        return training_gb + GPU_CONTEXT_GB, gpu.memory_gb, host
    # The CPU, and Apple's MPS (whose GPU shares the RAM), use one pool.
    needed = training_gb + workload.data_memory_gb + RUNTIME_GB
    return needed, facts.ram_usable_gb, None


def assess_all(
    facts: Facts, workloads: Iterable[Workload], facts_age_s: float | None = None
) -> list[Assessment]:
    """Return the assessment of every workload, in the order given."""
    return [assess(facts, workload, facts_age_s) for workload in workloads]


def render_assessment(assessment: Assessment, lang: str) -> str:
    """Return the answer for one workload as Markdown in `lang` (ja or en).

    A short verdict sentence, a table of memory, disk and time against this
    PC, the assumptions and estimates behind them, and the next step.
    """
    # Imported here: the rendering module imports this one for its types.
    from assistant import personal_render

    return personal_render.render_assessment(assessment, lang)


def render_catalogue(facts: Facts, workloads: Iterable[Workload], lang: str) -> str:
    """Return "what can this PC do?": every workload's verdict as a Markdown table."""
    from assistant import personal_render

    return personal_render.render_catalogue(assess_all(facts, workloads), lang)
