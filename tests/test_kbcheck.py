"""`pcdl kb check` on the real knowledge base and on deliberately broken files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.kb import load_knowledge
from tests.conftest import REPO, pcdl_command

REQUIRED_IDS = """
home-pc-for-dl feasible-tasks training-time unattended-training
perceptron-hidden-layers where-network-lives model-storage home-pc-range
dqn-with-python dqn-on-laptop term-gpu term-cloud term-colab term-mnist
term-cifar10 term-imagenet term-bert term-gpt3 term-cartpole term-mountaincar
term-atari term-mujoco term-hyperparameter term-learning-curve term-overfitting
term-checkpoint term-batch-processing term-online-learning term-perceptron
term-activation-function term-mlp term-pytorch-tensorflow term-joblib-pickle
term-ram-ssd term-replay-buffer term-epsilon-greedy term-target-network
term-gymnasium term-sb3-rllib term-dqn term-reinforcement-learning""".split()

GOOD = """---
id: {id}
title:
  ja: タイトル
  en: A title
questions:
  ja: [一つ目, 二つ目, 三つ目, 四つ目, 五つ目]
  en: [one, two, three, four, five]
demos: [hw]
related: []
---

<!-- answer: ja -->
日本語の答え。

<!-- answer: en -->
{en}
"""


def write(folder: Path, name: str, text: str) -> Path:
    """Write one entry file into `folder`."""
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def check(folder: Path) -> list[str]:
    """Return the problems of `folder` as printed lines."""
    return [str(problem) for problem in load_knowledge(folder)[1]]


def test_shipped_knowledge_base_is_valid_and_complete() -> None:
    kb, problems = load_knowledge(REPO / "knowledge")
    assert [str(p) for p in problems] == []
    assert set(REQUIRED_IDS) <= {entry.id for entry in kb.entries}
    for entry in kb.entries:
        assert len(entry.questions["ja"]) >= 5 and len(entry.questions["en"]) >= 5


def test_a_good_file_has_no_problems(tmp_path: Path) -> None:
    write(tmp_path, "good", GOOD.format(id="good", en="An answer."))
    assert check(tmp_path) == []


def test_missing_field_is_reported_on_line_1(tmp_path: Path) -> None:
    text = GOOD.format(id="x", en="An answer.").replace("demos: [hw]\n", "")
    path = write(tmp_path, "x", text)
    assert check(tmp_path) == [f"{path}:1: missing field 'demos'"]


def test_missing_language_and_empty_answer(tmp_path: Path) -> None:
    text = GOOD.format(id="x", en="").replace("  en: A title\n", "")
    path = write(tmp_path, "x", text)
    problems = check(tmp_path)
    assert f"{path}:3: 'title' lacks 'en'" in problems
    assert any(
        p.startswith(f"{path}:") and "'en' answer is empty" in p for p in problems
    )


def test_duplicate_ids_unknown_related_and_demo(tmp_path: Path) -> None:
    write(tmp_path, "a", GOOD.format(id="a", en="A."))
    bad = GOOD.format(id="a", en="B.").replace("related: []", "related: [nowhere]")
    bad = bad.replace("demos: [hw]", "demos: [hw, pong]")
    path = write(tmp_path, "b", bad)
    problems = check(tmp_path)
    assert any(p.startswith(f"{path}:2:") and "also used by" in p for p in problems)
    assert f"{path}:10: related id 'nowhere' does not exist" in problems
    assert any(
        p.startswith(f"{path}:9:") and "unknown demo 'pong'" in p for p in problems
    )


def test_unclosed_fence_and_ragged_table(tmp_path: Path) -> None:
    answer = "Text.\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n\n```python\nprint(1)\n"
    path = write(tmp_path, "x", GOOD.format(id="x", en=answer))
    lines = path.read_text(encoding="utf-8").splitlines()
    ragged = lines.index("| 1 | 2 | 3 |") + 1
    fence = lines.index("```python") + 1
    problems = check(tmp_path)
    assert f"{path}:{ragged}: this table row has 3 cells; its header has 2" in problems
    assert f"{path}:{fence}: this code fence is never closed" in problems


def test_yaml_error_and_no_front_matter(tmp_path: Path) -> None:
    write(tmp_path, "a", "no front matter here\n")
    write(tmp_path, "b", "---\nid: [unclosed\n---\n")
    problems = check(tmp_path)
    assert any(":1: the file must start with '---'" in p for p in problems)
    assert any("b.md:" in p and "YAML error" in p for p in problems)


@pytest.mark.slow
def test_cli_check_prints_problems_and_exits_1(tmp_path: Path, pcdl_env: dict) -> None:
    folder = tmp_path / "kb"
    shutil.copytree(REPO / "knowledge", folder)
    entry = folder / "entries" / "term-gpu.md"
    entry.write_text(
        entry.read_text(encoding="utf-8").replace("id: term-gpu", "id: Bad Id")
    )
    done = subprocess.run(
        pcdl_command("kb", "check", "--kb", str(folder)),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=pcdl_env,
    )
    assert done.returncode == 1
    assert f"{entry}:2: the id must be lowercase words joined by '-'" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_chat_refuses_an_invalid_knowledge_base(tmp_path: Path, pcdl_env: dict) -> None:
    write(tmp_path, "x", GOOD.format(id="x", en="").replace("demos: [hw]\n", ""))
    done = subprocess.run(
        pcdl_command("--kb", str(tmp_path)),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=pcdl_env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1
    assert "missing field 'demos'" in done.stderr and done.stdout == ""
    assert "Traceback" not in done.stdout + done.stderr


def test_japanese_lines_join_without_a_space(tmp_path: Path) -> None:
    text = GOOD.format(id="x", en="An answer.").replace(
        "日本語の答え。",
        "家庭用PCで\n間に合います。RAM上のPython\nオブジェクト\n\n- 項目\n- 次",
    )
    write(tmp_path, "x", text)
    kb, problems = load_knowledge(tmp_path)
    assert problems == []
    answer = kb.get("x").answer["ja"]
    assert "家庭用PCで間に合います。RAM上のPythonオブジェクト" in answer
    assert "\n- 項目\n- 次" in answer


def test_a_broken_file_does_not_break_the_links_to_it(tmp_path: Path) -> None:
    write(tmp_path, "a", "---\nid: [unclosed\n---\n")
    write(
        tmp_path,
        "b",
        GOOD.format(id="b", en="B.").replace("related: []", "related: [a]"),
    )
    problems = check(tmp_path)
    assert len(problems) == 1 and "a.md:" in problems[0] and "YAML error" in problems[0]


def test_bold_that_markdown_shows_as_text(tmp_path: Path) -> None:
    path = write(
        tmp_path, "x", GOOD.format(id="x", en="Fine **bold** here.\n\nAnd more.")
    )
    text = path.read_text(encoding="utf-8").replace(
        "日本語の答え。", "答えは**メモリ(RAM)**です。"
    )
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("答えは**メモリ(RAM)**です。") + 1
    problems = check(tmp_path)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:{line}: this '**'")
