"""Personal questions through the conversation and `pcdl ask --json`."""

from __future__ import annotations

import json
import subprocess

import pytest

from assistant import facts
from assistant.chat import Conversation
from assistant.core import load_assistant
from assistant.personal_answers import PersonalAnswers
from tests.conftest import PERSONAL_KEYS, pcdl_command
from tests.conftest import SEED_LAPTOP as LAPTOP


def conversation(gather=None) -> Conversation:
    assistant = load_assistant()
    hook = PersonalAnswers(assistant.kb, gather=gather)
    return Conversation(assistant.kb, assistant.matcher, personal=hook)


def test_gpt3_on_the_seed_laptop_is_no_with_memory() -> None:
    facts.save(LAPTOP)
    reply = conversation().ask("私のPCでGPT-3は学習できる?")
    assert reply.kind == "personal" and reply.lang == "ja"
    assert reply.entry_id is not None
    assert reply.personal["workload"] == "gpt3-pretrain"
    assert reply.personal["verdict"] == "no"
    assert reply.personal["memory_needed_gb"] > reply.personal["memory_available_gb"]
    assert "GB" in reply.answer


def test_mnist_is_ok_and_a_followup_switches_workload() -> None:
    facts.save(LAPTOP)
    chat = conversation()
    first = chat.ask("Can my PC train a small MLP on MNIST?")
    assert first.personal["verdict"] == "ok" and first.personal["hours"][1] <= 2
    second = chat.ask("and ImageNet?")
    assert second.personal is not None
    assert second.personal["workload"] == "imagenet-resnet50"


def test_general_questions_have_no_personal_object() -> None:
    facts.save(LAPTOP)
    reply = conversation().ask("What is CIFAR-10?")
    assert reply.personal is None and reply.entry_id == "term-cifar10"


def test_without_facts_the_tui_is_asked_to_measure() -> None:
    reply = conversation(gather=None).ask("can my PC fine-tune BERT?")
    assert reply.needs_facts and reply.personal is None


def test_stale_facts_from_another_machine_are_not_used(monkeypatch) -> None:
    facts.save(LAPTOP)
    monkeypatch.setattr(facts, "machine_key", lambda: "another|machine|x")
    assert facts.load_fresh() is None


@pytest.mark.slow
def test_ask_json_carries_the_personal_object(pcdl_env: dict) -> None:
    facts.save(LAPTOP)
    done = subprocess.run(
        pcdl_command("ask", "--json"),
        input="how long would Atari DQN take here?\nWhat is a GPU?\n",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=pcdl_env,
    )
    atari, gpu = (json.loads(line) for line in done.stdout.splitlines())
    assert list(atari["personal"]) == list(PERSONAL_KEYS)
    assert atari["personal"]["workload"] == "atari-dqn"
    assert atari["personal"]["verdict"] == "slow"
    assert gpu["personal"] is None


def test_what_can_this_pc_do_lists_every_workload() -> None:
    facts.save(LAPTOP)
    chat = conversation()
    for question, lang in (
        ("このPCで何ができる?", "ja"),
        ("What can this PC do?", "en"),
    ):
        reply = chat.ask(question)
        assert reply.kind == "personal" and reply.lang == lang
        assert reply.entry_id == "feasible-tasks"
        for title in ("GPT-3", "MNIST", "CartPole", "ImageNet"):
            assert title in reply.answer


def test_cached_facts_the_verdicts_cannot_use_count_as_none() -> None:
    facts.save({"cores_usable": 2})
    reply = conversation(gather=None).ask("can my PC fine-tune BERT?")
    assert reply.needs_facts and reply.personal is None


def test_an_unknown_model_gets_the_catalogue_with_a_note() -> None:
    facts.save(LAPTOP)
    reply = conversation().ask("Can my PC train Llama 2?")
    assert reply.kind == "personal" and reply.entry_id == "feasible-tasks"
    assert "no figures for that model" in reply.answer


def test_the_most_specific_workload_name_wins() -> None:
    hook = PersonalAnswers(load_assistant().kb)
    assert hook.find_workload("Can my PC fine-tune BERT-large?").id == (
        "bert-large-finetune"
    )
    assert hook.find_workload("can my pc fine-tune bert?").id == "bert-base-finetune"
    assert hook.find_workload("ResNet-18でCIFAR-10は?").id == "cifar10-resnet18"


@pytest.mark.parametrize(
    "question",
    ["私のPCのスペックは?", "what are my PC's specs?", "Does my PC have a GPU?"],
)
def test_questions_about_this_pcs_specs_offer_the_hardware_check(question) -> None:
    reply = conversation().ask(question)
    assert reply.kind == "demo" and reply.demos == ["hw"]


def test_a_quick_check_keeps_the_speeds_measured_before() -> None:
    facts.save(LAPTOP)
    quick = dict(LAPTOP, gflops_fp32_1t=None, gflops_fp32_all=None, ram_total_gb=32.0)
    stored = facts.save(quick)
    assert stored.result["gflops_fp32_all"] == 200.0
    assert facts.load().result["ram_total_gb"] == 32.0
