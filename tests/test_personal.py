"""Verdicts from fixed facts: the seed's laptop, a container, a CUDA PC, a Mac."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.widgets import Markdown
from textual.widgets._markdown import MarkdownTableCellContents

from assistant import personal
from assistant.personal import Facts, FactsError, assess
from assistant.personal_render import format_duration, format_hours, next_step
from assistant.workloads import Workload, load_workloads
from tests.conftest import PERSONAL_KEYS
from tests.conftest import SEED_LAPTOP as LAPTOP

SHIPPED = Path(__file__).resolve().parents[1] / "knowledge" / "workloads"

CONTAINER = {
    **LAPTOP,
    "cpu_model": "AMD EPYC",
    "cores_usable": 8,
    "ram_total_gb": 64.0,
    "ram_limit_gb": 8.0,
    "disk_free_gb": 500.0,
    "in_container": True,
}
CUDA_PC = {
    **LAPTOP,
    "cpu_model": "AMD Ryzen 5 5600",
    "ram_total_gb": 32.0,
    "disk_free_gb": 500.0,
    "gpu_count": 1,
    "gpu": {
        "name": "NVIDIA GeForce RTX 3060 Ti",
        "memory_gb": 8.0,
        "backend": "cuda",
        "usable": True,
        "gflops_fp32": 10_000.0,
    },
}
MAC = {
    **LAPTOP,
    "cpu_model": "Apple M1",
    "ram_total_gb": 16.0,
    "disk_free_gb": 200.0,
    "gpu_count": 1,
    "gpu": {
        "name": "Apple M1",
        "memory_gb": 16.0,
        "backend": "mps",
        "usable": True,
        "gflops_fp32": 2600.0,
        "shared_memory": True,
    },
}
SEED_VERDICTS = {
    "mnist-mlp": "ok",
    "cifar10-cnn": "ok",
    "imagenet-resnet50": "no",
    "bert-base-finetune": "slow",
    "gpt3-pretrain": "no",
    "cartpole-dqn": "ok",
    "atari-dqn": "slow",
}


@pytest.fixture(scope="module")
def workloads() -> dict[str, Workload]:
    """Return the shipped catalogue by id."""
    return {workload.id: workload for workload in load_workloads(SHIPPED)}


def on(result: dict, workload: Workload, **changes: object) -> personal.Assessment:
    """Assess `workload` on the PC described by `result`, with `changes`."""
    return assess(Facts.from_result({**result, **changes}), workload)


@pytest.mark.parametrize(("workload_id", "verdict"), SEED_VERDICTS.items())
def test_the_seed_laptop_gets_the_expected_verdicts(
    workloads: dict, workload_id: str, verdict: str
) -> None:
    assessment = on(LAPTOP, workloads[workload_id])
    assert assessment.verdict == verdict
    assert assessment.device == "cpu"
    assert assessment.memory_available_gb == 16.0
    assert assessment.disk_free_gb == 150.0


def test_the_reasons_say_why_not(workloads: dict) -> None:
    assert "time" in on(LAPTOP, workloads["imagenet-resnet50"]).reasons
    gpt3 = on(LAPTOP, workloads["gpt3-pretrain"])
    assert set(gpt3.reasons) == {"memory", "disk", "time"}
    # fp32 Adam: 16 bytes for each of the 175 billion parameters.
    assert gpt3.model_state_gb == pytest.approx(175e9 * 16 / 2**30)
    assert gpt3.memory_needed_gb > gpt3.model_state_gb


def test_a_fast_job_takes_seconds_or_minutes(workloads: dict) -> None:
    mnist = on(LAPTOP, workloads["mnist-mlp"])
    low, high = mnist.hours
    assert 0 < low < high <= personal.OK_HOURS
    assert high == pytest.approx(4 * low)  # the stated x0.5 .. x2 band


def test_time_is_compute_over_the_rate_times_efficiency(workloads: dict) -> None:
    bert = workloads["bert-base-finetune"]
    assessment = on(LAPTOP, bert)
    seconds = bert.train_flops / (200e9 * 0.7) + bert.steps * 0.001
    assert assessment.hours == pytest.approx((seconds / 7200, seconds / 1800))


def test_the_thresholds_decide_the_verdict(workloads: dict) -> None:
    mnist = workloads["mnist-mlp"]
    per_hour = 200e9 * 0.5 * 3600  # FLOPs the laptop does in an hour here
    quick = replace(mnist, train_flops=0.9 * per_hour, overhead_ms_per_step=0)
    slow = replace(quick, train_flops=1.1 * per_hour)
    month = replace(quick, train_flops=16 * 24 * per_hour)
    assert [on(LAPTOP, w).verdict for w in (quick, slow, month)] == ["ok", "slow", "no"]
    assert on(LAPTOP, month).reasons == ("time",)
    big_data = replace(quick, data_memory_gb=13.0)  # 0.8 x 16 GB = 12.8 GB
    assert on(LAPTOP, big_data).reasons == ("memory",)
    big_disk = replace(quick, data_disk_gb=121.0)  # 0.8 x 150 GB = 120 GB
    assert on(LAPTOP, big_disk).reasons == ("disk",)


def test_a_container_limit_lowers_the_usable_memory(workloads: dict) -> None:
    atari = workloads["atari-dqn"]
    limited = on(CONTAINER, atari)
    assert limited.memory_available_gb == 8.0
    assert limited.verdict == "no" and limited.reasons == ("memory",)
    unlimited = on(CONTAINER, atari, ram_limit_gb=None)
    assert unlimited.memory_available_gb == 64.0
    assert unlimited.verdict == "slow"
    assert "8.0 GB" in next_step(limited).en


def test_a_limit_above_the_ram_changes_nothing(workloads: dict) -> None:
    assert (
        on(LAPTOP, workloads["mnist-mlp"], ram_limit_gb=64.0).memory_available_gb == 16
    )


def test_a_cuda_gpu_trains_faster_in_its_own_memory(workloads: dict) -> None:
    for workload_id in ("bert-base-finetune", "imagenet-resnet50", "cifar10-resnet18"):
        gpu = on(CUDA_PC, workloads[workload_id])
        cpu = on(CUDA_PC, workloads[workload_id], gpu=None)
        assert gpu.device == "cuda" and cpu.device == "cpu"
        assert gpu.memory_available_gb == 8.0 and cpu.memory_available_gb == 32.0
        assert gpu.hours[1] < cpu.hours[1] / 10
        assert gpu.host_memory_gb is not None and gpu.host_memory_gb[1] == 32.0
    assert on(CUDA_PC, workloads["bert-base-finetune"]).verdict == "ok"
    assert on(CUDA_PC, workloads["imagenet-resnet50"]).verdict == "slow"


def test_a_gpu_too_small_for_the_model_says_no(workloads: dict) -> None:
    bert_large = on(CUDA_PC, workloads["bert-large-finetune"])
    assert bert_large.verdict == "no" and bert_large.reasons == ("memory",)
    assert bert_large.memory_needed_gb > 0.8 * 8.0


def test_classic_models_and_unusable_gpus_stay_on_the_cpu(workloads: dict) -> None:
    assert on(CUDA_PC, workloads["text-classification"]).device == "cpu"
    broken = {**CUDA_PC["gpu"], "usable": False}
    assessment = on(CUDA_PC, workloads["bert-base-finetune"], gpu=broken)
    assert assessment.device == "cpu" and assessment.memory_available_gb == 32.0


def test_apple_mps_shares_the_ram(workloads: dict) -> None:
    atari = workloads["atari-dqn"]
    mac = on(MAC, atari)
    assert mac.device == "mps"
    assert mac.memory_available_gb == 16.0
    assert mac.host_memory_gb is None
    # One pool: the replay buffer counts against the same 16 GB.
    assert mac.memory_needed_gb > atari.data_memory_gb
    assert mac.hours[1] < on(MAC, atari, gpu=None).hours[1]


def test_missing_speeds_are_estimated_and_said(workloads: dict) -> None:
    quick = Facts.from_result(
        {**LAPTOP, "gflops_fp32_all": None, "gflops_fp32_1t": None}
    )
    assert quick.gflops_all == 8 * personal.GFLOPS_PER_CORE_ESTIMATE
    assert quick.estimated == ("cpu_gflops",)
    assessment = assess(quick, workloads["mnist-mlp"])
    assert "not measured" in personal.render_assessment(assessment, "en")
    assert "測っていない" in personal.render_assessment(assessment, "ja")
    measured = assess(Facts.from_result(LAPTOP), workloads["mnist-mlp"])
    assert "not measured" not in personal.render_assessment(measured, "en")
    gpu = {**CUDA_PC["gpu"], "gflops_fp32": None}
    assert Facts.from_result({**CUDA_PC, "gpu": gpu}).estimated == ("gpu_gflops",)


def test_facts_without_ram_or_disk_are_refused() -> None:
    with pytest.raises(FactsError):
        Facts.from_result({**LAPTOP, "ram_total_gb": None})
    with pytest.raises(FactsError):
        Facts.from_result(
            {key: v for key, v in LAPTOP.items() if key != "disk_free_gb"}
        )


def test_to_json_is_the_personal_contract(workloads: dict) -> None:
    facts = Facts.from_result(LAPTOP)
    payload = assess(facts, workloads["atari-dqn"], facts_age_s=42.4).to_json()
    assert list(payload) == list(PERSONAL_KEYS)
    assert payload["workload"] == "atari-dqn" and payload["verdict"] == "slow"
    for key in ("memory_needed_gb", "memory_available_gb", "disk_needed_gb"):
        assert isinstance(payload[key], float)
    low, high = payload["hours"]
    assert isinstance(low, float) and 0 < low < high
    assert payload["facts_age_s"] == 42.4
    assert json.loads(json.dumps(payload)) == payload
    later = assess(facts, workloads["atari-dqn"]).to_json(facts_age_s=90)
    assert later["facts_age_s"] == 90
    assert assess(facts, workloads["atari-dqn"]).to_json()["facts_age_s"] is None


def test_the_answer_in_english(workloads: dict) -> None:
    text = personal.render_assessment(on(LAPTOP, workloads["mnist-mlp"]), "en")
    assert text.startswith("**Yes.** *Small MLP on MNIST* trains on this PC in about")
    assert "| memory (RAM) | 0.71 GB | 16 GB usable |" in text
    assert "| disk | 64 MB | 150 GB free |" in text
    assert "CPU, 200 GFLOP/s × 0.5" in text
    assert " min" in text.splitlines()[0]
    assert "**Next step:**" in text


def test_the_answer_in_japanese(workloads: dict) -> None:
    text = personal.render_assessment(on(LAPTOP, workloads["gpt3-pretrain"]), "ja")
    first = text.splitlines()[0]
    assert first.startswith("**このPCでは無理です。**「GPT-3の事前学習」")
    assert "メモリが約2,900 GB必要で、このPCで使える16 GBの80%を超えます" in first
    assert "| メモリ(RAM) | 2,900 GB | 使えるのは16 GB |" in text
    assert "約3.6万〜14万年かかります" in first and "**次の一歩:**" in text
    assert "NVIDIA V100 ×1: 350年(Lambda 2020" in text


def test_japanese_answers_join_sentences_without_spaces(workloads: dict) -> None:
    for workload in workloads.values():
        for result in (LAPTOP, CONTAINER, CUDA_PC, MAC):
            assessment = on(result, workload)
            text = personal.render_assessment(assessment, "ja")
            assert "。 " not in text and "。** " not in text, workload.id
            for ref in workload.reference_times:
                assert not re.search(r"\b(one|an|by|GPUs)\b", ref.device), ref.device
                assert f"{ref.device}: " in text
    catalogue = personal.render_catalogue(
        Facts.from_result(LAPTOP), workloads.values(), "ja"
    )
    assert "。 " not in catalogue


def test_small_sizes_read_in_megabytes(workloads: dict) -> None:
    text = personal.render_assessment(on(LAPTOP, workloads["cartpole-dqn"]), "en")
    assert "| disk | 0.26 MB | 150 GB free |" in text
    assert "0.000" not in text


def test_a_cuda_answer_shows_both_memories(workloads: dict) -> None:
    text = personal.render_assessment(on(CUDA_PC, workloads["imagenet-resnet50"]), "en")
    assert "| GPU memory |" in text and "| RAM (data, Python) |" in text
    assert "CUDA GPU, 10 TFLOP/s × 0.7" in text


@pytest.mark.parametrize(
    ("seconds", "english", "japanese"),
    [
        (42.0, "42 s", "42秒"),
        (114.0, "1.9 min", "1.9分"),
        (3 * 3600.0, "3.0 h", "3.0時間"),
        (2.5 * 86400, "2.5 days", "2.5日"),
        (71_000 * 365.25 * 86400, "71,000 years", "7.1万年"),
        (3.2e8 * 365.25 * 86400, "320,000,000 years", "3.2億年"),
        (9.96 * 3600, "10 h", "10時間"),
    ],
)
def test_durations_pick_their_unit(seconds: float, english: str, japanese: str) -> None:
    assert format_duration(seconds, "en") == english
    assert format_duration(seconds, "ja") == japanese


def test_ranges_share_a_unit_when_they_can() -> None:
    assert format_hours((13 / 60, 54 / 60), "en") == "13–54 min"
    assert format_hours((13 / 60, 54 / 60), "ja") == "13〜54分"
    assert format_hours((29 / 3600, 1.9 / 60), "en") == "29 s – 1.9 min"
    assert format_hours((29 / 3600, 1.9 / 60), "ja") == "29秒〜1.9分"


def test_table_ranges_are_short() -> None:
    years = 365.25 * 24
    assert format_hours((78_000 * years, 310_000 * years), "en", short=True) == (
        "78k–310k yr"
    )
    assert format_hours((78_000 * years, 310_000 * years), "ja", short=True) == (
        "7.8万〜31万年"
    )
    assert format_hours((260 * 24, 2.8 * years), "en", short=True) == "260 d – 2.8 yr"
    assert format_hours((2e13 * years, 8e13 * years), "en", short=True) == (
        "2.0×10¹³–8.0×10¹³ yr"
    )


def test_each_verdict_has_a_next_step_in_both_languages(workloads: dict) -> None:
    for workload in workloads.values():
        for result in (LAPTOP, CONTAINER, CUDA_PC, MAC):
            step = next_step(on(result, workload))
            assert step.ja.strip() and step.en.strip()
    gpt3 = next_step(on(LAPTOP, workloads["gpt3-pretrain"]))
    assert "pre-trained" in gpt3.en and "GPT-2" in gpt3.en
    assert "Colab" in next_step(on(LAPTOP, workloads["bert-base-finetune"])).en


def test_the_catalogue_table(workloads: dict) -> None:
    facts = Facts.from_result(LAPTOP)
    english = personal.render_catalogue(facts, workloads.values(), "en")
    rows = [line for line in english.splitlines() if line.startswith("| ")]
    assert rows[0] == "| workload | verdict | memory | time |"
    assert len(rows) == 1 + len(workloads)
    assert "| Small MLP on MNIST | yes | 0.71 / 16 GB |" in english
    assert "| Pre-training GPT-3 | no | 2,900 / 16 GB |" in english
    assert "- Pre-training GPT-3: not enough memory; not enough disk (" in english
    assert "200 GFLOP/s" in english
    japanese = personal.render_catalogue(facts, workloads.values(), "ja")
    assert "| 学習 | 判定 | メモリ | 時間 |" in japanese
    assert "| AtariゲームのDQN | 時間がかかる |" in japanese
    assert "- GPT-3の事前学習: メモリ不足、ディスク不足(必要" in japanese
    assert all(row.count("|") == 5 for row in rows)


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_the_catalogue_fits_an_80_column_chat(workloads: dict, lang: str) -> None:
    """Every cell shows whole in a Textual Markdown table as wide as the chat's."""
    facts = Facts.from_result(LAPTOP)
    text = personal.render_catalogue(facts, workloads.values(), lang)

    class Narrow(App[None]):
        CSS = "Markdown { width: 74; }"  # 2 columns narrower than the chat at 80

        def compose(self) -> ComposeResult:
            yield Markdown(text)

    async with Narrow().run_test(size=(80, 60)) as pilot:
        await pilot.pause()
        cells = list(pilot.app.query(MarkdownTableCellContents))
        assert len(cells) == 4 * (1 + len(workloads))
        for cell in cells:
            shown = cell.content_region.width
            assert cell_len(str(cell.visual)) <= shown, str(cell.visual)
