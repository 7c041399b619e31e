"""What this PC computes with: GPUs, the BLAS libraries, measured matmul speed.

The functions take the torch module (or None when it is missing) and the
other probes as arguments, so tests can simulate a GPU that fails on first
use or an NVIDIA card beside a CPU-only torch. Notes for the user come back
as a key and values, which the demo words in the user's language.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

GB = 2**30


@dataclass
class GpuReport:
    """The best GPU found, how many there are, and a note about them."""

    gpu: dict[str, Any] | None = None
    count: int = 0
    note: str | None = None
    note_values: dict[str, Any] = field(default_factory=dict)
    device: str | None = None


def nvidia_smi_cards(run: Callable[[list[str]], str | None]) -> list[tuple[str, float]]:
    """Return (name, memory in GB) for each card ``nvidia-smi`` lists."""
    query = "--query-gpu=name,memory.total"
    text = run(["nvidia-smi", query, "--format=csv,noheader,nounits"]) or ""
    cards = []
    for line in text.splitlines():
        name, _, mib = line.rpartition(",")
        try:
            cards.append((name.strip(), round(float(mib) * 2**20 / GB, 2)))
        except ValueError:
            continue
    return cards


def first_use_error(torch: Any, device: str) -> str | None:
    """Run a tiny matmul on `device`; return the error text, None if it worked."""
    try:
        x = torch.ones((64, 64), device=device)
        total = float((x @ x).sum().item())
    except Exception as error:  # drivers fail in many ways; each is a finding
        return f"{type(error).__name__}: {error}".strip()
    return None if total == 64.0**3 else f"wrong result {total}"


def _cuda_report(torch: Any) -> GpuReport:
    """Describe the largest CUDA device and check that it really computes."""
    count = torch.cuda.device_count()
    try:
        memory = [
            torch.cuda.get_device_properties(i).total_memory for i in range(count)
        ]
        best = max(range(count), key=memory.__getitem__)
        name, memory_gb = torch.cuda.get_device_name(best), round(memory[best] / GB, 2)
    except Exception as error:
        best, name, memory_gb = 0, "CUDA device", None
        problem: str | None = f"{type(error).__name__}: {error}"
    else:
        problem = first_use_error(torch, f"cuda:{best}")
    gpu = {"name": name, "memory_gb": memory_gb, "backend": "cuda"}
    gpu |= {"usable": problem is None, "gflops_fp32": None}
    if problem:
        return GpuReport(gpu, count, "cuda_broken", {"error": problem})
    return GpuReport(gpu, count, device=f"cuda:{best}")


def _mps_report(torch: Any, ram_total_gb: float, cpu_name: str | None) -> GpuReport:
    """Describe Apple's GPU, whose memory is the same RAM the CPU uses."""
    try:
        memory_gb = round(torch.mps.recommended_max_memory() / GB, 2)
    except Exception:  # older torch: the whole RAM is the honest upper bound
        memory_gb = ram_total_gb
    problem = first_use_error(torch, "mps")
    gpu = {"name": f"{cpu_name or 'Apple'} GPU", "memory_gb": memory_gb}
    gpu |= {"backend": "mps", "usable": problem is None, "gflops_fp32": None}
    gpu["shared_memory"] = True
    if problem:
        return GpuReport(gpu, 1, "mps_broken", {"error": problem})
    return GpuReport(gpu, 1, "mps_shared", device="mps")


def _available(check: Callable[[], bool]) -> bool:
    """Call an ``is_available()``, treating a crash as "no"."""
    try:
        return bool(check())
    except Exception:
        return False


def find_gpu(
    torch: Any,
    run: Callable[[list[str]], str | None],
    ram_total_gb: float,
    cpu_name: str | None = None,
) -> GpuReport:
    """Return the best GPU this PC has, usable by torch or not."""
    if torch is not None and _available(torch.cuda.is_available):
        return _cuda_report(torch)
    mps = getattr(getattr(torch, "backends", None), "mps", None)
    if mps is not None and _available(mps.is_available):
        return _mps_report(torch, ram_total_gb, cpu_name)
    cards = nvidia_smi_cards(run)
    if not cards:
        return GpuReport()
    name, memory_gb = max(cards, key=lambda card: card[1])
    gpu = {"name": name, "memory_gb": memory_gb, "backend": "cuda"}
    gpu |= {"usable": False, "gflops_fp32": None}
    cuda_build = torch is not None and getattr(torch.version, "cuda", None)
    # A CUDA build that sees no GPU points at the driver; a CPU build at torch.
    note = "cuda_driver" if cuda_build else "cuda_build_missing"
    return GpuReport(gpu, len(cards), note, {"name": name})


def best_sustained_gflops(
    step: Callable[[], None],
    flops_per_step: float,
    seconds: float,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    """Run `step` for about `seconds`; return the best rate over windows, GFLOP/s.

    A window is a fifth of the time, so the figure is a rate sustained over
    several calls rather than one lucky call. `step` must finish its work
    (synchronise a GPU) before it returns.
    """
    step()  # warm-up: first calls pay for allocation and kernel selection
    window, deadline, best = seconds / 5, clock() + seconds, 0.0
    while True:
        start, calls = clock(), 0
        while True:
            step()
            calls += 1
            elapsed = clock() - start
            if elapsed >= window:
                break
        best = max(best, calls * flops_per_step / elapsed)
        if clock() >= deadline:
            return round(best / 1e9, 1)


def matmul_gflops(torch: Any, device: str, seconds: float, size: int) -> float:
    """Measure fp32 matmul throughput of `device` (2·n³ flops per n×n product)."""
    torch.set_float32_matmul_precision("highest")  # TF32 would not be fp32
    a = torch.rand((size, size), device=device, dtype=torch.float32)
    b, out = torch.rand_like(a), torch.empty_like(a)
    kind = device.split(":")[0]
    # GPU calls return before the work is done; only a sync makes time honest.
    wait = torch.cuda.synchronize if kind == "cuda" else None
    wait = torch.mps.synchronize if kind == "mps" else wait

    def step() -> None:
        torch.matmul(a, b, out=out)
        if wait is not None:
            wait()

    return best_sustained_gflops(step, 2.0 * size**3, seconds)


def cpu_gflops(torch: Any, threads: int, seconds: float) -> float:
    """Measure CPU fp32 matmul throughput with `threads` torch threads."""
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        # Bigger products keep many cores busy; 1024 suits a laptop.
        return matmul_gflops(torch, "cpu", seconds, 2048 if threads >= 16 else 1024)
    finally:
        torch.set_num_threads(before)


def blas_name(threadpool_info: Callable[[], list[dict]] | None) -> str | None:
    """Return numpy's BLAS as "name version", e.g. "openblas 0.3.27"."""
    try:
        import numpy  # threadpoolctl only sees libraries already loaded
    except Exception:
        return None
    try:
        infos = [i for i in threadpool_info() if i.get("user_api") == "blas"]
    except Exception:  # threadpoolctl missing (None) or confused by a library
        infos = []
    infos.sort(key=lambda info: "numpy" not in str(info.get("filepath", "")))
    if infos:
        name, version = infos[0].get("internal_api"), infos[0].get("version")
    else:
        try:
            blas = numpy.show_config(mode="dicts")["Build Dependencies"]["blas"]
        except Exception:
            return None
        name, version = blas.get("name"), blas.get("version")
    return f"{name} {version or ''}".strip()


def torch_blas(torch: Any) -> str | None:
    """Return the BLAS torch was built with (e.g. "mkl"), None if unknown."""
    try:
        found = re.search(r"BLAS_INFO=(\w+)", torch.__config__.show())
    except Exception:
        return None
    return found.group(1) if found else None
