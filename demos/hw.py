"""The ``hw`` demo: what this PC has for deep learning, and how fast it multiplies.

Run as ``python -m assistant.demos.hw [--lang ja|en] [--quick] [--seconds S]``.
It shows a table of the facts and a one-line verdict, then a ``result`` with
the facts as flat keys (GB means 2**30 bytes). ``--quick`` skips the matmul
measurements, whose keys are then null.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import os
import platform
import sys
from typing import Any

from assistant.demos import _hw_accel as accel
from assistant.demos import _hw_probe as probe
from assistant.demos._common import (
    OptionParser,
    Texts,
    _lang_in,
    bounded,
    require,
    run_demo,
)
from assistant.demos._hw_text import TEXT
from assistant.demos.protocol import Emitter


def parse_options(emitter: Emitter, argv: list[str] | None) -> argparse.Namespace:
    """Parse the demo's options; a bad one ends the demo with exit status 2."""
    parser = OptionParser("hw", emitter, TEXT)
    parser.add_argument("--quick", action="store_true", help="opt_quick")
    parser.add_argument(
        "--seconds",
        type=bounded(float, 0.2, 10.0),
        default=1.0,
        metavar="S",
        help="opt_seconds",
    )
    return parser.parse_args(argv)


def optional_import(name: str) -> tuple[Any, str | None]:
    """Import `name`; return (module, None) or (None, the error's type)."""
    try:
        return importlib.import_module(name), None
    except Exception as error:  # a broken install can raise anything
        return None, type(error).__name__


def package_version(distribution: str) -> str | None:
    """Return an installed distribution's version without importing it."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def system_facts(psutil: Any, cpuinfo_get: Any, env: dict[str, str]) -> dict:
    """Gather the facts that need no deep-learning library."""
    from platformdirs import user_cache_dir

    read = probe.read_file
    facts: dict[str, Any] = {"cpu_model": probe.cpu_model(cpuinfo_get)}
    affinity = probe.cpu_affinity(psutil)
    facts |= probe.core_counts(psutil, affinity, probe.cpu_quota(read))
    facts["freq_mhz"] = probe.freq_mhz(psutil)
    facts |= probe.memory_facts(psutil, read)
    folder = probe.models_dir(env, lambda: user_cache_dir("pcdl", False))
    facts["disk_free_gb"] = probe.disk_free_gb(folder)
    facts["disk_path"] = str(folder)
    facts["os"] = probe.os_name(read)
    facts["python"] = platform.python_version()
    facts["in_container"] = probe.in_container(read, os.path.exists, env)
    facts["wsl"] = probe.is_wsl(read, env)
    return facts


def library_facts(torch: Any) -> dict[str, Any]:
    """Return the versions of torch and scikit-learn and their BLAS libraries."""
    threadpoolctl, _ = optional_import("threadpoolctl")
    info = getattr(threadpoolctl, "threadpool_info", None)
    return {
        "torch": getattr(torch, "__version__", None),
        "sklearn": package_version("scikit-learn"),
        "blas": accel.blas_name(info),
        "torch_blas": accel.torch_blas(torch) if torch is not None else None,
    }


def measure(
    torch: Any,
    report: accel.GpuReport,
    cores: int,
    seconds: float,
    out: Emitter,
    texts: Texts,
) -> dict[str, Any]:
    """Measure fp32 matmul speed on one thread, all usable threads, the GPU."""
    steps = [("gflops_fp32_1t", 1), ("gflops_fp32_all", cores)]
    total = len(steps) + (1 if report.device else 0)
    figures: dict[str, Any] = {}
    for done, (key, threads) in enumerate(steps):
        where = texts("n_threads", threads=threads)
        out.progress(done / total, texts("measuring", where=where))
        figures[key] = accel.cpu_gflops(torch, threads, seconds)
    if report.device and report.gpu is not None:
        out.progress(len(steps) / total, texts("measuring", where=report.device))
        # A GPU that passed the first check can still run out of memory or hit
        # a driver fault on a real workload; that too is a finding, not a crash.
        try:
            report.gpu["gflops_fp32"] = accel.matmul_gflops(
                torch, report.device, seconds, 4096
            )
        except Exception as error:
            report.gpu["usable"], report.device = False, None
            report.note = f"{report.gpu['backend']}_broken"
            report.note_values = {"error": f"{type(error).__name__}: {error}"}
    out.progress(1.0, texts("measured"))
    return figures


def verdict(facts: dict[str, Any], texts: Texts) -> str:
    """Return a one-sentence judgement of what this PC can train."""
    gpu = facts["gpu"] or {}
    ram = facts["ram_limit_gb"] or facts["ram_total_gb"]
    values = {"ram": f"{ram:.0f}", "cores": facts["cores_usable"]}
    if gpu.get("usable") and gpu.get("backend") == "cuda":
        text = texts("verdict_cuda", name=gpu["name"], vram=gpu["memory_gb"], **values)
    elif gpu.get("usable"):
        text = texts("verdict_mps", **values)
    elif ram < 8:
        text = texts("verdict_cpu_small", **values)
    else:
        text = texts("verdict_cpu", **values)
    if gpu and not gpu.get("usable"):
        text += texts("verdict_gpu_unusable")
    if not gpu.get("usable") and facts["cores_usable"] <= 2:
        text += texts("verdict_few_cores", **values)
    if facts["ram_limit_gb"] is not None:
        text += texts("verdict_limit", **values)
    return text


def _gb(value: float | None, texts: Texts) -> str:
    """Format a GB figure, or say it is unknown."""
    return texts("unknown") if value is None else texts("gb", value=value)


def _gpu_cell(gpu: dict[str, Any] | None, texts: Texts) -> str:
    """Describe the best GPU in one table cell."""
    if gpu is None:
        return texts("none")
    usable = texts("usable" if gpu["usable"] else "unusable")
    cell = f"{gpu['name']}, {_gb(gpu['memory_gb'], texts)}, {gpu['backend']}, {usable}"
    if gpu.get("shared_memory"):
        cell += texts("shared")
    if gpu.get("gflops_fp32"):
        cell += ", " + texts("gflops", value=gpu["gflops_fp32"])
    return cell


def fact_rows(facts: dict[str, Any], texts: Texts) -> list[list[str]]:
    """Return the facts as (label, value with units) rows for the table."""

    def flops(key: str, threads: int | None = None) -> str:
        value = facts[key]
        if value is None:
            return texts("not_measured")
        suffix = texts("threads", threads=threads) if threads else ""
        return texts("gflops", value=value) + suffix

    freq = facts["freq_mhz"]
    limit = facts["ram_limit_gb"]
    yes_no = {True: texts("yes"), False: texts("no")}
    blas = f"numpy: {facts['blas'] or '?'}, torch: {facts['torch_blas'] or '?'}"
    return [
        [texts("lbl_cpu"), facts["cpu_model"] or texts("unknown")],
        [texts("lbl_cores"), texts("cores", **facts)],
        [texts("lbl_freq"), texts("ghz", value=freq / 1000) if freq else "?"],
        [texts("lbl_ram"), texts("ram", **facts)],
        [texts("lbl_limit"), texts("gb", value=limit) if limit else texts("none")],
        [texts("lbl_swap"), _gb(facts["swap_total_gb"], texts)],
        [texts("lbl_disk"), texts("disk", **facts)],
        [texts("lbl_os"), facts["os"]],
        ["Python", facts["python"]],
        ["PyTorch", facts["torch"] or texts("not_installed")],
        ["scikit-learn", facts["sklearn"] or texts("not_installed")],
        ["BLAS", blas],
        [texts("lbl_gpu"), _gpu_cell(facts["gpu"], texts)],
        [texts("lbl_gf1"), flops("gflops_fp32_1t")],
        [texts("lbl_gfall"), flops("gflops_fp32_all", facts["cores_usable"])],
        [texts("lbl_container"), yes_no[facts["in_container"]]],
        ["WSL", yes_no[facts["wsl"]]],
    ]


def gather(args: argparse.Namespace, emitter: Emitter, texts: Texts) -> dict:
    """Collect every fact, measuring speed unless ``--quick`` was given."""
    psutil = require("psutil", "psutil", texts)
    cpuinfo, _ = optional_import("cpuinfo")
    facts = system_facts(psutil, getattr(cpuinfo, "get_cpu_info", None), os.environ)
    torch, problem = optional_import("torch")
    if torch is None:
        emitter.log(texts("torch_missing", error=problem))
    facts |= library_facts(torch)
    report = accel.find_gpu(
        torch, probe.run_command, facts["ram_total_gb"], facts["cpu_model"]
    )
    facts["gflops_fp32_1t"] = facts["gflops_fp32_all"] = None
    if torch is not None and not args.quick:
        cores = facts["cores_usable"]
        facts |= measure(torch, report, cores, args.seconds, emitter, texts)
    facts["gpu_count"], facts["gpu"] = report.count, report.gpu
    note = report.note and texts(f"note_{report.note}", **report.note_values)
    facts["gpu_note"] = note or None
    facts["disk_note"] = texts("note_wsl_disk") if facts["wsl"] else None
    facts["speed_note"] = speed_note(facts, texts)
    return facts


def speed_note(facts: dict[str, Any], texts: Texts) -> str | None:
    """Say so when all threads measured slower than one: the cores were busy."""
    one, every = facts["gflops_fp32_1t"], facts["gflops_fp32_all"]
    if one is None or every is None or facts["cores_usable"] < 2 or every >= one:
        return None
    return texts("note_busy")


def body(emitter: Emitter, argv: list[str] | None) -> None:
    """Run the demo: facts, table, notes, verdict, result."""
    args = parse_options(emitter, argv)
    texts = Texts(args.lang, TEXT)
    emitter.start("hw", vars(args))
    facts = gather(args, emitter, texts)
    emitter.table(
        texts("title"), [texts("col_item"), texts("col_value")], fact_rows(facts, texts)
    )
    for note in (facts["gpu_note"], facts["disk_note"], facts["speed_note"]):
        if note:
            emitter.log(note)
    emitter.log(verdict(facts, texts))
    emitter.result(**facts)


def main(argv: list[str] | None = None) -> int:
    """Run the ``hw`` demo as a program; return its exit status."""
    argv = sys.argv[1:] if argv is None else argv
    return run_demo(lambda emitter: body(emitter, argv), lambda: _texts(argv))


def _texts(argv: list[str]) -> Texts:
    """Return the texts in the language asked for, for a failure message."""
    return Texts(_lang_in(argv), TEXT)


if __name__ == "__main__":
    raise SystemExit(main())
