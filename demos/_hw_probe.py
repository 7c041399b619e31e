"""Facts about this PC that need no deep-learning library: CPU, memory, disk, OS.

Every function takes what it reads as arguments (a file reader, the psutil
module, an environment mapping) so that tests can feed it a simulated machine:
a container with a memory limit, a CPU quota, WSL, a broken ``cpu_freq()``.
"""

from __future__ import annotations

import math
import os
import platform
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

GB = 2**30
CGROUP_ROOT = "/sys/fs/cgroup"
Reader = Callable[[str], "str | None"]

# Clock speeds outside this band are firmware or VM noise, not a real CPU.
PLAUSIBLE_MHZ = (100.0, 10_000.0)
CONTAINER_MARKERS = ("docker", "kubepods", "containerd", "lxc", "podman", "libpod")


def read_file(path: str) -> str | None:
    """Return the text of `path`, or None when it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def run_command(args: list[str]) -> str | None:
    """Return a command's stdout, or None when it is missing or fails."""
    if shutil.which(args[0]) is None:
        return None
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def cpu_model(
    cpuinfo_get: Callable[[], dict[str, Any]] | None,
    read: Reader = read_file,
    run: Callable[[list[str]], str | None] = run_command,
    system: str = platform.system(),
) -> str | None:
    """Return the CPU's marketing name: py-cpuinfo first, then the OS."""
    if cpuinfo_get is not None:
        try:
            name = str(cpuinfo_get().get("brand_raw") or "").strip()
        except Exception:  # py-cpuinfo parses OS output and can fail anywhere
            name = ""
        if name:
            return name
    if system == "Linux":
        for line in (read("/proc/cpuinfo") or "").splitlines():
            key, _, value = line.partition(":")
            # x86 says "model name"; some ARM kernels only say "Hardware".
            if key.strip() in ("model name", "Hardware", "cpu model") and value.strip():
                return value.strip()
    if system == "Darwin":
        name = (run(["sysctl", "-n", "machdep.cpu.brand_string"]) or "").strip()
        if name:
            return name
    return platform.processor() or None


def freq_mhz(psutil: Any) -> float | None:
    """Return the CPU clock in MHz (rated maximum if known), None if unknown."""
    try:
        freq = psutil.cpu_freq()
    except Exception:  # seen raising on some VMs and old macOS releases
        return None
    if freq is None:
        return None
    low, high = PLAUSIBLE_MHZ
    for value in (getattr(freq, "max", 0), getattr(freq, "current", 0)):
        if isinstance(value, (int, float)) and low <= value <= high:
            return round(float(value), 1)
    return None


def core_counts(psutil: Any, affinity: set[int] | None, quota: float | None) -> dict:
    """Return physical, logical and usable core counts.

    Args:
        psutil: The psutil module (or a stand-in).
        affinity: The CPUs this process may run on, None if the OS cannot say.
        quota: A cgroup CPU quota in cores, None if there is none.
    """
    logical = psutil.cpu_count(logical=True) or os.cpu_count() or 1
    # psutil cannot count physical cores on some VMs and ARM boards; the
    # logical count is then the honest upper bound.
    physical = psutil.cpu_count(logical=False) or logical
    usable = len(affinity) if affinity else logical
    if quota is not None:
        usable = min(usable, max(1, math.ceil(quota)))
    return {
        "cores_physical": physical,
        "cores_logical": logical,
        "cores_usable": usable,
    }


def cpu_affinity(psutil: Any) -> set[int] | None:
    """Return the CPUs this process may use, None where the OS has no such mask."""
    try:
        return set(psutil.Process().cpu_affinity())
    except Exception:  # macOS has no affinity API in psutil
        pass
    getter = getattr(os, "sched_getaffinity", None)
    return set(getter(0)) if getter else None


def cgroup_dirs(read: Reader, controller: str) -> list[str]:
    """Return the cgroup folders whose limits apply to us, innermost first."""
    found: list[str] = []
    for line in (read("/proc/self/cgroup") or "").splitlines():
        parts = line.split(":", 2)
        if len(parts) != 3:
            continue
        names, path = parts[1], parts[2].rstrip("/")
        if names == "":
            roots = [CGROUP_ROOT]
        elif controller in names.split(","):
            roots = [f"{CGROUP_ROOT}/{names}", f"{CGROUP_ROOT}/{controller}"]
        else:
            continue
        # A limit on any ancestor caps us too, so every level is a candidate.
        pieces = path.split("/")
        for depth in range(len(pieces), 0, -1):
            found += [root + "/".join(pieces[:depth]) for root in roots]
    found += [CGROUP_ROOT, f"{CGROUP_ROOT}/{controller}"]
    return list(dict.fromkeys(found))


def _number(text: str | None) -> int | None:
    """Parse a cgroup number; None for "max", -1, empty or garbage."""
    try:
        value = int((text or "").split()[0])
    except (ValueError, IndexError):
        return None
    return value if value > 0 else None


def cpu_quota(read: Reader) -> float | None:
    """Return the cgroup CPU quota in cores (v2 cpu.max, v1 cfs), None if none."""
    quotas = []
    for folder in cgroup_dirs(read, "cpu"):
        v2 = (read(f"{folder}/cpu.max") or "").split()
        pairs = [(v2[0], v2[1])] if len(v2) == 2 else []
        v1_quota = read(f"{folder}/cpu.cfs_quota_us")
        if v1_quota is not None:
            pairs.append((v1_quota, read(f"{folder}/cpu.cfs_period_us") or ""))
        for quota, period in pairs:
            q, p = _number(quota), _number(period)
            if q and p:
                quotas.append(q / p)
    return min(quotas) if quotas else None


def memory_limit(read: Reader) -> tuple[int, int | None] | None:
    """Return the tightest cgroup memory limit and that group's usage, in bytes."""
    best: tuple[int, int | None] | None = None
    for folder in cgroup_dirs(read, "memory"):
        for limit_file, usage_file in (
            ("memory.max", "memory.current"),
            ("memory.limit_in_bytes", "memory.usage_in_bytes"),
        ):
            limit = _number(read(f"{folder}/{limit_file}"))
            if limit is not None and (best is None or limit < best[0]):
                best = (limit, _number(read(f"{folder}/{usage_file}")))
    return best


def memory_facts(psutil: Any, read: Reader) -> dict[str, float | None]:
    """Return RAM, available memory, the container limit (if below RAM), swap."""
    memory = psutil.virtual_memory()
    total, available = memory.total, memory.available
    limit_gb = None
    found = memory_limit(read)
    # v1 writes a huge number for "no limit"; a limit above RAM binds nothing.
    if found is not None and found[0] < total:
        limit, usage = found
        limit_gb = round(limit / GB, 2)
        available = min(available, limit - (usage or 0))
    return {
        "ram_total_gb": round(total / GB, 2),
        "ram_available_gb": round(max(0, available) / GB, 2),
        "ram_limit_gb": limit_gb,
        "swap_total_gb": round(psutil.swap_memory().total / GB, 2),
    }


def models_dir(env: Mapping[str, str], default: Callable[[], str]) -> Path:
    """Return where pcdl would save models: ``PCDL_CACHE_DIR`` or the cache."""
    chosen = env.get("PCDL_CACHE_DIR")
    return Path(chosen).expanduser() if chosen else Path(default())


def disk_free_gb(
    folder: Path, usage: Callable[[str], Any] = shutil.disk_usage
) -> float:
    """Return free space on the disk that holds `folder` (which may not exist)."""
    existing = folder
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    return round(usage(str(existing)).free / GB, 2)


def in_container(read: Reader, exists: Callable[[str], bool], env: Mapping) -> bool:
    """Return whether we run in a container (Docker, Podman, LXC, Kubernetes)."""
    if exists("/.dockerenv") or exists("/run/.containerenv") or env.get("container"):
        return True
    text = (read("/proc/1/cgroup") or "").lower()
    return any(marker in text for marker in CONTAINER_MARKERS)


def is_wsl(read: Reader, env: Mapping[str, str]) -> bool:
    """Return whether this is Linux under Windows (WSL)."""
    version = (read("/proc/version") or "").lower()
    return "microsoft" in version or bool(env.get("WSL_DISTRO_NAME"))


def os_name(read: Reader = read_file) -> str:
    """Return the OS in words, e.g. "Debian GNU/Linux 12, Linux 6.1"."""
    system, release = platform.system(), platform.release()
    if system == "Darwin":
        return f"macOS {platform.mac_ver()[0]}".strip()
    if system == "Windows":
        return f"Windows {release} ({platform.version()})"
    for line in (read("/etc/os-release") or "").splitlines():
        if line.startswith("PRETTY_NAME="):
            return f"{line.split('=', 1)[1].strip(chr(34))}, {system} {release}"
    return f"{system} {release}".strip()
