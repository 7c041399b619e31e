"""The `pcdl ask` contract, flags and exit codes, run as a real process."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.conftest import pcdl_command

pytestmark = pytest.mark.slow
KEYS = {
    "query",
    "id",
    "score",
    "lang",
    "title",
    "answer",
    "demos",
    "alternatives",
    "personal",
}


def run(
    *words: str, stdin: str | None = None, env: dict
) -> subprocess.CompletedProcess:
    return subprocess.run(
        pcdl_command(*words),
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_json_answer_has_the_contract_keys(pcdl_env: dict) -> None:
    done = run("ask", "--json", "家庭用PCでディープラーニングはできる?", env=pcdl_env)
    assert done.returncode == 0
    answer = json.loads(done.stdout)
    assert set(answer) == KEYS
    assert answer["id"] == "home-pc-for-dl" and answer["lang"] == "ja"
    assert 0 <= answer["score"] <= 1 and answer["title"] and answer["answer"]
    for alternative in answer["alternatives"]:
        assert set(alternative) == {"id", "title", "score"}
    assert answer["personal"] is None


def test_stdin_gives_one_line_per_line_blank_included(pcdl_env: dict) -> None:
    questions = "What is a GPU?\n\nHow do I bake bread?\nrun a short DQN\n"
    done = run("ask", "--json", stdin=questions, env=pcdl_env)
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0 and len(answers) == 4
    assert answers[0]["id"] == "term-gpu"
    assert answers[1]["id"] is None and answers[1]["query"] == ""
    assert answers[2]["id"] is None and len(answers[2]["alternatives"]) == 3
    assert answers[3]["id"] is None and answers[3]["demos"] == ["dqn"]


def test_conversation_resolves_followups(pcdl_env: dict) -> None:
    lines = "Can a home PC be used for deep learning?\nand without a GPU?\n"
    alone = run("ask", "--json", stdin=lines, env=pcdl_env)
    joined = run("ask", "--json", "--conversation", stdin=lines, env=pcdl_env)
    second_alone = json.loads(alone.stdout.splitlines()[1])
    second_joined = json.loads(joined.stdout.splitlines()[1])
    assert second_joined["id"] == "home-pc-for-dl"
    assert (
        second_alone["id"] != second_joined["id"]
        or second_alone["score"] < (second_joined["score"])
    )


def test_empty_argument_is_a_decline_not_a_read(pcdl_env: dict) -> None:
    done = run("ask", "--json", "", stdin="What is a GPU?\n", env=pcdl_env)
    answers = done.stdout.splitlines()
    assert len(answers) == 1 and json.loads(answers[0])["id"] is None


def test_text_output_and_bad_flags(pcdl_env: dict) -> None:
    done = run("ask", "What is CartPole?", env=pcdl_env)
    assert done.returncode == 0 and "CartPole" in done.stdout
    bad = run("ask", "--no-such-flag", "x", env=pcdl_env)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_version_and_help_name_the_log(pcdl_env: dict) -> None:
    assert run("--version", env=pcdl_env).stdout.startswith("pcdl ")
    helped = run("--help", env=pcdl_env).stdout
    assert "pcdl-debug.log" in helped


def test_kb_list_json(pcdl_env: dict) -> None:
    done = run("kb", "list", "--json", env=pcdl_env)
    entries = json.loads(done.stdout)
    assert {"id", "title", "demos", "related"} == set(entries[0])
    assert set(entries[0]["title"]) == {"ja", "en"}
    assert any(entry["id"] == "dqn-on-laptop" for entry in entries)
