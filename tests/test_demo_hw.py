"""Tests of the hw demo: the traps of real machines, simulated, and the program."""

from __future__ import annotations

import argparse
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from assistant.demos import _hw_accel as accel
from assistant.demos import _hw_probe as probe
from assistant.demos import hw
from assistant.demos._common import Texts
from assistant.demos._hw_text import TEXT
from assistant.demos.protocol import Event

from tests.conftest import check_result as shared_check
from tests.conftest import run_demo

GIB = 2**30
NUMBER = (int, float)
RESULT_TYPES: dict[str, Any] = {
    "cpu_model": (str, type(None)),
    "cores_physical": int,
    "cores_logical": int,
    "cores_usable": int,
    "freq_mhz": (*NUMBER, type(None)),
    "ram_total_gb": NUMBER,
    "ram_available_gb": NUMBER,
    "ram_limit_gb": (*NUMBER, type(None)),
    "swap_total_gb": NUMBER,
    "disk_free_gb": NUMBER,
    "os": str,
    "python": str,
    "torch": (str, type(None)),
    "sklearn": (str, type(None)),
    "blas": (str, type(None)),
    "gpu_count": int,
    "gpu": (dict, type(None)),
    "gflops_fp32_1t": (*NUMBER, type(None)),
    "gflops_fp32_all": (*NUMBER, type(None)),
    "in_container": bool,
    "wsl": bool,
    "gpu_note": (str, type(None)),
    "disk_note": (str, type(None)),
    "speed_note": (str, type(None)),
}
EN, JA = Texts("en", TEXT), Texts("ja", TEXT)


def reader(files: dict[str, str]) -> probe.Reader:
    """Return a file reader that sees only `files`."""
    return files.get


def fake_psutil(**overrides: Any) -> SimpleNamespace:
    """Return a psutil stand-in: 8 logical, 4 physical cores, 16 GB RAM."""

    def cpu_count(logical: bool = True) -> int | None:
        return overrides.get("logical", 8) if logical else overrides.get("physical", 4)

    memory = SimpleNamespace(total=16 * GIB, available=12 * GIB)
    return SimpleNamespace(
        cpu_count=cpu_count,
        cpu_freq=overrides.get("cpu_freq", lambda: None),
        virtual_memory=lambda: memory,
        swap_memory=lambda: SimpleNamespace(total=2 * GIB),
    )


# --- CPU -------------------------------------------------------------------


def _raise() -> None:
    raise OSError("cpufreq unavailable")


@pytest.mark.parametrize(
    "cpu_freq",
    [
        lambda: None,
        _raise,
        lambda: SimpleNamespace(current=0.0, min=0.0, max=0.0),
        lambda: SimpleNamespace(current=1e6, min=0.0, max=1e6),
    ],
    ids=["none", "raises", "zero", "implausible"],
)
def test_freq_is_null_when_psutil_cannot_say(cpu_freq: Any) -> None:
    assert probe.freq_mhz(fake_psutil(cpu_freq=cpu_freq)) is None


def test_freq_prefers_the_rated_maximum_and_falls_back_on_current() -> None:
    both = SimpleNamespace(current=1800.0, max=3600.0)
    only_current = SimpleNamespace(current=2445.4, max=0.0)
    assert probe.freq_mhz(fake_psutil(cpu_freq=lambda: both)) == 3600.0
    assert probe.freq_mhz(fake_psutil(cpu_freq=lambda: only_current)) == 2445.4


def test_unknown_physical_cores_fall_back_on_the_logical_count() -> None:
    counts = probe.core_counts(fake_psutil(physical=None), None, None)
    assert counts == {"cores_physical": 8, "cores_logical": 8, "cores_usable": 8}


def test_usable_cores_follow_affinity_and_cgroup_quota() -> None:
    psutil = fake_psutil()
    assert probe.core_counts(psutil, {0, 1, 2}, None)["cores_usable"] == 3
    assert probe.core_counts(psutil, {0, 1, 2}, 1.5)["cores_usable"] == 2
    assert probe.core_counts(psutil, None, 0.25)["cores_usable"] == 1


@pytest.mark.parametrize(
    ("files", "cores"),
    [
        ({"/sys/fs/cgroup/cpu.max": "200000 100000\n"}, 2.0),
        ({"/sys/fs/cgroup/cpu.max": "max 100000\n"}, None),
        (
            {
                "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "50000\n",
                "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n",
            },
            0.5,
        ),
        (
            {
                "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "-1\n",
                "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n",
            },
            None,
        ),
        ({}, None),
    ],
    ids=["v2", "v2-unlimited", "v1", "v1-unlimited", "no-cgroup"],
)
def test_cpu_quota_from_cgroup_v1_and_v2(files: dict, cores: float | None) -> None:
    assert probe.cpu_quota(reader(files)) == cores


def test_cpu_model_falls_back_on_the_os_when_py_cpuinfo_fails() -> None:
    def broken() -> dict:
        raise RuntimeError("cpuid failed")

    cpuinfo = {"/proc/cpuinfo": "processor\t: 0\nmodel name\t: Test CPU 9000\n"}
    found = probe.cpu_model(broken, reader(cpuinfo), lambda args: None, "Linux")
    assert found == "Test CPU 9000"
    mac = probe.cpu_model(None, reader({}), lambda args: "Apple M2\n", "Darwin")
    assert mac == "Apple M2"
    assert probe.cpu_model(lambda: {"brand_raw": "Brand X"}, reader({})) == "Brand X"


# --- memory, disk, environment ------------------------------------------------


def test_container_memory_limit_below_ram_is_reported() -> None:
    # A cgroup v2 limit on our own group, which /proc/meminfo would not show.
    files = {
        "/proc/self/cgroup": "0::/user.slice/app\n",
        "/sys/fs/cgroup/user.slice/app/memory.max": f"{4 * GIB}\n",
        "/sys/fs/cgroup/user.slice/app/memory.current": f"{1 * GIB}\n",
        "/sys/fs/cgroup/memory.max": "max\n",
    }
    facts = probe.memory_facts(fake_psutil(), reader(files))
    assert facts["ram_total_gb"] == 16.0
    assert facts["ram_limit_gb"] == 4.0
    assert facts["ram_available_gb"] == 3.0  # the limit minus what the group uses


def test_cgroup_v1_memory_limit_on_a_parent_group_counts() -> None:
    files = {
        "/proc/self/cgroup": "4:memory:/pods/pod1\n0::/\n",
        "/sys/fs/cgroup/memory/pods/memory.limit_in_bytes": f"{2 * GIB}\n",
    }
    assert probe.memory_facts(fake_psutil(), reader(files))["ram_limit_gb"] == 2.0


@pytest.mark.parametrize(
    "files",
    [
        {"/sys/fs/cgroup/memory.max": "max\n"},
        {"/sys/fs/cgroup/memory/memory.limit_in_bytes": "9223372036854771712\n"},
        {"/sys/fs/cgroup/memory.max": f"{64 * GIB}\n"},
        {},
    ],
    ids=["v2-max", "v1-huge", "above-ram", "none"],
)
def test_no_binding_memory_limit_gives_null(files: dict) -> None:
    facts = probe.memory_facts(fake_psutil(), reader(files))
    assert facts["ram_limit_gb"] is None
    assert facts["ram_available_gb"] == 12.0


def test_disk_free_is_measured_where_models_go(tmp_path: Path) -> None:
    env = {"PCDL_CACHE_DIR": str(tmp_path / "not" / "yet")}
    folder = probe.models_dir(env, lambda: "/unused")
    assert folder == tmp_path / "not" / "yet"
    seen = []

    def usage(path: str) -> SimpleNamespace:
        seen.append(path)
        return SimpleNamespace(free=5 * GIB)

    assert probe.disk_free_gb(folder, usage) == 5.0
    assert seen == [str(tmp_path)]  # the nearest folder that exists


def test_wsl_and_container_detection() -> None:
    wsl = reader({"/proc/version": "Linux version 5.15.1-microsoft-standard-WSL2"})
    assert probe.is_wsl(wsl, {})
    assert not probe.is_wsl(reader({"/proc/version": "Linux version 6.1"}), {})
    docker = reader({"/proc/1/cgroup": "0::/docker/abc123\n"})
    assert probe.in_container(docker, lambda path: False, {})
    assert probe.in_container(reader({}), lambda p: p == "/.dockerenv", {})
    assert not probe.in_container(reader({}), lambda path: False, {})


def test_wsl_gets_a_note_about_its_virtual_disk(monkeypatch: Any) -> None:
    real_read = probe.read_file

    def wsl_read(path: str) -> str | None:
        if path == "/proc/version":
            return "Linux version 5.15.153.1-microsoft-standard-WSL2"
        return real_read(path)

    monkeypatch.setattr(probe, "read_file", wsl_read)
    monkeypatch.setattr(hw, "optional_import", lambda name: (None, "ImportError"))
    args = argparse.Namespace(quick=True, seconds=1.0, lang="en")
    events: list[tuple] = []
    emitter = SimpleNamespace(log=lambda text: events.append(text))
    facts = hw.gather(args, emitter, EN)
    assert facts["wsl"] is True
    assert "virtual disk" in facts["disk_note"]
    assert facts["torch"] is None and facts["gflops_fp32_all"] is None
    assert any("PyTorch" in text for text in events)  # says what to install


# --- GPUs --------------------------------------------------------------------


class FakeTensor:
    """Just enough of a tensor for `first_use_error`'s check."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __matmul__(self, other: FakeTensor) -> FakeTensor:
        return FakeTensor(self.n * other.n)

    def sum(self) -> SimpleNamespace:
        return SimpleNamespace(item=lambda: float(64**3))


def fake_torch(
    cuda: bool = False, mps: bool = False, cuda_build: str | None = None, **kw: Any
) -> SimpleNamespace:
    """Return a torch stand-in; `fail` makes the first tensor op raise."""

    def ones(shape: tuple, device: str) -> FakeTensor:
        if kw.get("fail"):
            raise RuntimeError("CUDA error: no kernel image is available")
        return FakeTensor(1)

    memories = kw.get("memories", [8 * GIB])
    cuda_ns = SimpleNamespace(
        is_available=kw.get("is_available", lambda: cuda),
        device_count=lambda: len(memories),
        get_device_properties=lambda i: SimpleNamespace(total_memory=memories[i]),
        get_device_name=lambda i: f"NVIDIA Test {i}",
    )
    return SimpleNamespace(
        cuda=cuda_ns,
        backends=SimpleNamespace(mps=SimpleNamespace(is_available=lambda: mps)),
        mps=SimpleNamespace(recommended_max_memory=lambda: 12 * GIB),
        version=SimpleNamespace(cuda=cuda_build),
        ones=ones,
    )


def no_smi(args: list[str]) -> None:
    """An OS without nvidia-smi."""
    return None


def test_cuda_that_fails_on_first_use_is_reported_unusable() -> None:
    report = accel.find_gpu(fake_torch(cuda=True, fail=True), no_smi, 16.0)
    assert report.count == 1 and report.device is None
    assert report.gpu["usable"] is False and report.gpu["gflops_fp32"] is None
    assert report.note == "cuda_broken"
    note = EN(f"note_{report.note}", **report.note_values)
    assert "no kernel image" in note


def test_cuda_availability_check_that_crashes_means_no_cuda() -> None:
    def crash() -> bool:
        raise RuntimeError("driver init failed")

    assert accel.find_gpu(fake_torch(is_available=crash), no_smi, 16.0).gpu is None


def test_working_cuda_picks_the_largest_device() -> None:
    torch = fake_torch(cuda=True, memories=[8 * GIB, 24 * GIB])
    report = accel.find_gpu(torch, no_smi, 16.0)
    assert report.gpu["name"] == "NVIDIA Test 1" and report.gpu["memory_gb"] == 24.0
    assert report.gpu["usable"] is True and report.device == "cuda:1"


@pytest.mark.parametrize(
    ("torch", "note"),
    [
        (fake_torch(), "cuda_build_missing"),
        (None, "cuda_build_missing"),
        (fake_torch(cuda_build="12.1"), "cuda_driver"),
    ],
    ids=["cpu-torch", "no-torch", "cuda-torch-no-driver"],
)
def test_nvidia_card_beside_a_torch_that_cannot_use_it(torch: Any, note: str) -> None:
    def smi(args: list[str]) -> str:
        return "NVIDIA GeForce RTX 4090, 24564\nNVIDIA T400, 2048\n"

    report = accel.find_gpu(torch, smi, 32.0)
    assert report.count == 2 and report.note == note
    assert report.gpu["name"] == "NVIDIA GeForce RTX 4090"
    assert report.gpu["usable"] is False and report.gpu["memory_gb"] == 23.99
    text = EN(f"note_{report.note}", **report.note_values)
    assert "RTX 4090" in text
    if note == "cuda_build_missing":
        assert "install the CUDA build of torch" in text


def test_mps_memory_is_marked_shared_with_ram() -> None:
    report = accel.find_gpu(fake_torch(mps=True), no_smi, 16.0, "Apple M2")
    gpu = report.gpu
    assert gpu["backend"] == "mps" and gpu["shared_memory"] is True
    assert gpu["name"] == "Apple M2 GPU" and gpu["memory_gb"] == 12.0
    assert report.device == "mps" and report.note == "mps_shared"
    assert "shared" in hw._gpu_cell(gpu, EN)


def test_gpu_failing_during_measurement_becomes_unusable(monkeypatch: Any) -> None:
    def out_of_memory(*args: Any) -> float:
        raise RuntimeError("CUDA out of memory")

    monkeypatch.setattr(accel, "cpu_gflops", lambda torch, threads, seconds: 10.0)
    monkeypatch.setattr(accel, "matmul_gflops", out_of_memory)
    report = accel.find_gpu(fake_torch(cuda=True), no_smi, 16.0)
    progress: list[float] = []
    out = SimpleNamespace(progress=lambda fraction, label: progress.append(fraction))
    figures = hw.measure(fake_torch(cuda=True), report, 4, 0.1, out, EN)
    assert figures == {"gflops_fp32_1t": 10.0, "gflops_fp32_all": 10.0}
    assert report.gpu["usable"] is False and report.gpu["gflops_fp32"] is None
    assert report.note == "cuda_broken" and "out of memory" in str(report.note_values)
    assert progress[-1] == 1.0


# --- measurement ----------------------------------------------------------------


def test_best_sustained_rate_takes_the_best_window() -> None:
    now = [0.0]
    durations = iter([0.5] + [0.01] * 20 + [0.02] * 200)  # warm-up, fast, slow

    def step() -> None:
        now[0] += next(durations)

    rate = accel.best_sustained_gflops(step, 1e9, 1.0, clock=lambda: now[0])
    assert rate == pytest.approx(100.0, rel=0.01)  # 1 GFLOP per 10 ms


def test_cpu_matmul_is_measured_and_threads_restored() -> None:
    torch = pytest.importorskip("torch")
    before = torch.get_num_threads()
    assert accel.cpu_gflops(torch, 1, 0.05) > 0
    assert torch.get_num_threads() == before


def test_blas_prefers_numpys_library() -> None:
    infos = [
        {"user_api": "openmp", "internal_api": "openmp", "filepath": "/x/libgomp"},
        {
            "user_api": "blas",
            "internal_api": "mkl",
            "version": "2024",
            "filepath": "/s",
        },
        {
            "user_api": "blas",
            "internal_api": "openblas",
            "version": "0.3.27",
            "filepath": "/site/numpy.libs/libopenblas.so",
        },
    ]
    assert accel.blas_name(lambda: infos) == "openblas 0.3.27"
    assert accel.blas_name(lambda: [])  # numpy's build config still names one


# --- verdict and table ------------------------------------------------------------


def facts(**overrides: Any) -> dict[str, Any]:
    """Return a full set of facts for a CPU-only 16 GB PC."""
    base = {
        "cpu_model": "Test CPU",
        "cores_physical": 4,
        "cores_logical": 8,
        "cores_usable": 8,
        "freq_mhz": 3100.0,
        "ram_total_gb": 16.0,
        "ram_available_gb": 12.0,
        "ram_limit_gb": None,
        "swap_total_gb": 2.0,
        "disk_free_gb": 100.0,
        "disk_path": "/home/u/.cache/pcdl",
        "os": "Linux",
        "python": "3.11.7",
        "torch": "2.3.0",
        "sklearn": "1.5.0",
        "blas": "openblas 0.3.27",
        "torch_blas": "mkl",
        "gpu": None,
        "gflops_fp32_1t": 50.0,
        "gflops_fp32_all": 300.0,
        "in_container": False,
        "wsl": False,
    }
    return base | overrides


def test_verdict_is_computed_from_the_facts() -> None:
    cpu = hw.verdict(facts(), EN)
    assert "CPU-only" in cpu and "16 GB" in cpu and "usable core" not in cpu
    small = hw.verdict(facts(ram_total_gb=64.0, ram_limit_gb=4.0, cores_usable=2), EN)
    assert "4 GB" in small and "small models" in small and "limit" in small
    assert "2 usable core" in small
    gpu = {"name": "RTX", "memory_gb": 12.0, "backend": "cuda", "usable": True}
    assert "NVIDIA" in hw.verdict(facts(gpu=gpu), EN)
    broken = gpu | {"usable": False}
    assert "not usable" in hw.verdict(facts(gpu=broken), EN)
    assert "CPU のみ" in hw.verdict(facts(), JA)


def test_all_threads_slower_than_one_gets_a_busy_note() -> None:
    assert hw.speed_note(facts(), EN) is None
    assert "busy" in hw.speed_note(facts(gflops_fp32_1t=80.0, gflops_fp32_all=28.0), EN)
    assert hw.speed_note(facts(gflops_fp32_1t=None, gflops_fp32_all=None), EN) is None


def test_table_has_units_and_localised_labels() -> None:
    rows = hw.fact_rows(facts(), EN)
    cells = {label: value for label, value in rows}
    assert cells["Clock"] == "3.1 GHz"
    assert cells["Memory (RAM)"].startswith("16.0 GB")
    assert cells["fp32 matmul, all threads"] == "300 GFLOP/s (threads: 8)"
    assert all(isinstance(cell, str) for row in rows for cell in row)
    ja = dict(hw.fact_rows(facts(gflops_fp32_1t=None), JA))
    assert ja["クロック"] == "3.1 GHz" and "未測定" in ja["fp32 行列積 (1 スレッド)"]


def test_every_string_exists_in_both_languages() -> None:
    assert set(TEXT["en"]) == set(TEXT["ja"])


# --- the program ------------------------------------------------------------------


def run_hw(tmp_path: Path, *args: str, **env: str) -> tuple[int, list[Event], str]:
    """Run the demo as pcdl does; return its status, events and stderr."""
    return run_demo("hw", *args, **env)


def check_result(events: list[Event]) -> dict[str, Any]:
    """Check the event sequence's shape; return the result's figures."""
    result = shared_check(events, "hw", RESULT_TYPES)
    assert any(e.type == "table" for e in events)
    return result


@pytest.mark.slow
def test_quick_run_reports_facts_without_measuring(tmp_path: Path) -> None:
    code, events, _ = run_hw(tmp_path, "--quick", "--lang", "en")
    assert code == 0
    result = check_result(events)
    assert result["gflops_fp32_1t"] is None and result["gflops_fp32_all"] is None
    assert result["disk_path"] == str(tmp_path / "cache")
    assert 1 <= result["cores_usable"] <= result["cores_logical"]
    assert result["ram_total_gb"] > 0
    assert events[-2].type == "log"
    assert events[-2].data["text"] == hw.verdict(result, EN)  # from the facts shown


@pytest.mark.slow
def test_measured_run_reports_throughput(tmp_path: Path) -> None:
    code, events, _ = run_hw(tmp_path, "--seconds", "0.2", "--lang", "ja")
    assert code == 0
    result = check_result(events)
    assert result["gflops_fp32_1t"] > 0 and result["gflops_fp32_all"] > 0
    assert any(e.type == "progress" for e in events)
    assert events[-2].data["text"] == hw.verdict(result, JA)


@pytest.mark.slow
def test_missing_torch_still_gives_the_facts(tmp_path: Path) -> None:
    shadow = tmp_path / "shadow" / "torch"
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text("raise ImportError('simulated')\n")
    code, events, stderr = run_hw(
        tmp_path, "--lang", "en", PYTHONPATH=str(shadow.parent)
    )
    assert code == 0
    result = check_result(events)
    assert result["torch"] is None and result["gflops_fp32_all"] is None
    assert any("pip install torch" in e.data.get("text", "") for e in events)
    assert "Traceback" not in stderr


@pytest.mark.slow
def test_bad_option_is_an_error_event(tmp_path: Path) -> None:
    code, events, _ = run_hw(tmp_path, "--seconds", "99", "--lang", "ja")
    assert code == 2
    assert [e.type for e in events] == ["error"]
    assert "オプション" in events[0].data["message"]
