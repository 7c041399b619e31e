"""The workload catalogue: the shipped files, the derived compute, the checker."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.workloads import (
    EFFICIENCY,
    Problem,
    check_workloads,
    load_workloads,
    parse_workload,
)

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "knowledge" / "workloads"
REQUIRED_IDS = {
    "mnist-mlp",
    "cifar10-cnn",
    "cifar10-resnet18",
    "imagenet-resnet50",
    "bert-base-finetune",
    "bert-large-finetune",
    "gpt3-pretrain",
    "text-classification",
    "tabular-regression",
    "cartpole-dqn",
    "mountaincar-dqn",
    "atari-dqn",
}
GB = 2**30

VALID = """\
id: tiny-job
title:
  ja: 小さな学習
  en: A tiny job
kind: mlp
entry: term-mlp
keywords:
  ja: [小さな学習]
  en: [tiny job]
parameters: 1000
activation_gb: 0.001
batch_size: 10
data_disk_gb: 0.01
data_memory_gb: 0.01
efficiency: tiny
forward_flops: 2000
samples: 100
epochs: 2
sources:
  - "a source"
"""


@pytest.fixture
def catalogue() -> dict[str, object]:
    """Return the shipped workloads by id."""
    return {workload.id: workload for workload in load_workloads(SHIPPED)}


def write(folder: Path, text: str, name: str = "tiny-job.yaml") -> Path:
    """Write one workload file into `folder` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_catalogue_is_clean_and_complete(catalogue: dict) -> None:
    assert check_workloads(SHIPPED) == []
    assert set(catalogue) >= REQUIRED_IDS
    for workload in catalogue.values():
        assert workload.sources, workload.id
        assert workload.keywords["ja"] and workload.keywords["en"], workload.id
        assert workload.title.ja and workload.title.en, workload.id
        assert workload.efficiency in EFFICIENCY


def test_the_catalogue_is_ordered_from_cheapest_to_dearest(catalogue: dict) -> None:
    flops = [workload.train_flops for workload in load_workloads(SHIPPED)]
    assert flops == sorted(flops)
    assert catalogue["gpt3-pretrain"].train_flops == max(flops)


def test_published_figures_are_carried(catalogue: dict) -> None:
    resnet50 = catalogue["imagenet-resnet50"]
    assert resnet50.parameters == pytest.approx(25.6e6, rel=0.01)
    assert 140 <= resnet50.data_disk_gb <= 150
    assert catalogue["cifar10-resnet18"].parameters == pytest.approx(11.2e6, rel=0.01)
    assert catalogue["bert-base-finetune"].parameters == 110e6
    assert catalogue["bert-large-finetune"].parameters == 340e6
    assert catalogue["gpt3-pretrain"].parameters == 175e9
    assert catalogue["atari-dqn"].parameters == pytest.approx(1.7e6, rel=0.01)
    # One million 84x84 greyscale frames stored once.
    frames_gb = 1_000_000 * 84 * 84 / GB
    assert catalogue["atari-dqn"].data_memory_gb == pytest.approx(frames_gb, rel=0.01)


def test_transformer_compute_is_six_n_d(catalogue: dict) -> None:
    bert = catalogue["bert-base-finetune"]
    tokens = 67349 * 128 * 3
    assert bert.basis == "6ND"
    assert bert.train_flops == pytest.approx(6 * 110e6 * tokens)
    gpt3 = catalogue["gpt3-pretrain"]
    assert gpt3.basis == "given"
    assert gpt3.train_flops == 3.14e23
    assert gpt3.train_flops == pytest.approx(6 * 175e9 * 300e9, rel=0.01)


def test_cnn_compute_is_three_forward_passes(catalogue: dict) -> None:
    resnet50 = catalogue["imagenet-resnet50"]
    assert resnet50.basis == "3xforward"
    assert resnet50.train_flops == pytest.approx(3 * 8.2e9 * 1281167 * 90)
    mnist = catalogue["mnist-mlp"]
    assert mnist.steps == 469 * 20  # batches of 128 per epoch, rounded up


def test_rl_compute_counts_updates_and_acting(catalogue: dict) -> None:
    atari = catalogue["atari-dqn"]
    forward = 1.87e7
    expected = 625_000 * 32 * 4 * forward + 2.5e6 * forward
    assert atari.basis == "rl"
    assert atari.train_flops == pytest.approx(expected)
    assert atari.steps == 2.5e6


def test_the_template_stays_a_valid_workload(tmp_path: Path) -> None:
    folder = tmp_path / "workloads"
    folder.mkdir()
    shutil.copy(SHIPPED / "_template.yaml", folder / "example-workload.yaml")
    assert check_workloads(folder) == []
    (workload,) = load_workloads(folder)
    assert workload.id == "example-workload"


def test_files_starting_with_an_underscore_are_not_workloads(tmp_path: Path) -> None:
    write(tmp_path, VALID)
    write(tmp_path, "not: [a workload", "_notes.yaml")
    assert check_workloads(tmp_path) == []
    assert [workload.id for workload in load_workloads(tmp_path)] == ["tiny-job"]


def test_a_valid_file_derives_its_compute(tmp_path: Path) -> None:
    workload, problems = parse_workload(write(tmp_path, VALID))
    assert problems == []
    assert workload is not None
    assert workload.train_flops == 3 * 2000 * 100 * 2
    assert workload.bytes_per_parameter == 16
    assert workload.steps == 10 * 2


def test_numbers_may_be_written_as_people_write_them(tmp_path: Path) -> None:
    text = VALID.replace("parameters: 1000", "parameters: 1e3")
    text = text.replace("samples: 100", "samples: 1,000")
    workload, problems = parse_workload(write(tmp_path, text))
    assert problems == []
    assert workload.parameters == 1000
    assert workload.train_flops == 3 * 2000 * 1000 * 2


def problems_of(tmp_path: Path, text: str) -> list[Problem]:
    """Return the problems of a catalogue holding one file with `text`."""
    write(tmp_path, text)
    return check_workloads(tmp_path)


def only_problem(tmp_path: Path, text: str) -> Problem:
    """Return the one problem of a catalogue holding one file with `text`."""
    (problem,) = problems_of(tmp_path, text)
    return problem


def test_a_problem_prints_as_path_line_message(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, VALID.replace("kind: mlp", "kind: gan"))
    assert str(problem) == (
        f"{tmp_path / 'tiny-job.yaml'}:5: 'kind' must be one of mlp, cnn, "
        "transformer, rl, classic; got 'gan'"
    )


def test_a_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, VALID.replace("batch_size: 10", "batch_size: [10"))
    assert problem.line in (12, 13)
    assert "YAML" in problem.message


def test_an_unknown_field_suggests_the_near_one(tmp_path: Path) -> None:
    unknown, missing = problems_of(tmp_path, VALID.replace("parameters:", "paramters:"))
    assert unknown.line == 10
    assert unknown.message == "unknown field 'paramters'; did you mean 'parameters'?"
    assert missing.message == "missing field 'parameters'"


def test_each_missing_field_is_reported(tmp_path: Path) -> None:
    text = VALID.replace("data_disk_gb: 0.01\n", "").replace('  - "a source"\n', "")
    text = text.replace("sources:\n", "")
    messages = {problem.message for problem in problems_of(tmp_path, text)}
    assert messages == {"missing field 'data_disk_gb'", "missing field 'sources'"}


def test_a_bad_number_names_the_field_and_line(tmp_path: Path) -> None:
    problem = only_problem(
        tmp_path, VALID.replace("parameters: 1000", "parameters: lots")
    )
    assert problem.line == 10
    assert "'parameters' must be a positive number; got 'lots'" in problem.message


def test_a_title_needs_both_languages(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, VALID.replace("  ja: 小さな学習\n", "", 1))
    assert problem.line == 2
    assert "'title.ja' must be a text" in problem.message


def test_keywords_need_both_languages(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, VALID.replace("  en: [tiny job]\n", ""))
    assert problem.line == 7
    assert "keywords.en" in problem.message


def test_the_id_must_match_the_file_name(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, VALID.replace("id: tiny-job", "id: other-job"))
    assert problem.line == 1
    assert "differs from the file name" in problem.message


def test_a_key_given_twice_is_reported(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, VALID + "epochs: 3\n")
    assert problem.line == 21
    assert "'epochs' is given twice" in problem.message


def test_compute_needs_either_a_total_or_its_fields(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, VALID.replace("forward_flops: 2000\n", ""))
    assert "training compute needs train_flops" in problem.message
    text = VALID.replace("kind: mlp", "kind: transformer")
    problem = only_problem(tmp_path, text)
    assert "tokens, or samples and tokens_per_sample and epochs" in problem.message


def test_a_given_total_must_agree_with_its_fields(tmp_path: Path) -> None:
    problem = only_problem(tmp_path, VALID + "train_flops: 5e9\n")
    assert problem.line == 21
    assert "far from the derived" in problem.message
    assert problems_of(tmp_path, VALID + "train_flops: 1.5e6\n") == []


def test_reference_times_need_device_hours_and_source(tmp_path: Path) -> None:
    broken = VALID + "reference_times:\n  - device: a GPU\n    hours: soon\n"
    assert "device, hours (> 0) and source" in only_problem(tmp_path, broken).message
    good = broken.replace("hours: soon", "hours: 2\n    source: a paper")
    workload, problems = parse_workload(write(tmp_path, good))
    assert problems == []
    assert workload.reference_times[0].hours == 2


def test_a_broken_file_is_left_out_of_the_loaded_catalogue(tmp_path: Path) -> None:
    write(tmp_path, VALID)
    broken = VALID.replace("id: tiny-job", "id: broken").replace(
        "kind: mlp", "kind: gan"
    )
    write(tmp_path, broken, "broken.yaml")
    write(tmp_path, "- just\n- a list\n", "listed.yaml")
    assert [workload.id for workload in load_workloads(tmp_path)] == ["tiny-job"]
    paths = {problem.path.name for problem in check_workloads(tmp_path)}
    assert paths == {"broken.yaml", "listed.yaml"}


def test_entry_ids_are_checked_when_given(tmp_path: Path) -> None:
    write(tmp_path, VALID)
    assert check_workloads(tmp_path, entry_ids={"term-mlp"}) == []
    (problem,) = check_workloads(tmp_path, entry_ids={"term-gpu"})
    assert problem.line == 6
    assert "entry 'term-mlp' is not a knowledge entry id" in problem.message


def test_a_missing_folder_is_one_problem(tmp_path: Path) -> None:
    (problem,) = check_workloads(tmp_path / "nowhere")
    assert "does not exist" in problem.message
