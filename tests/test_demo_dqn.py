"""Tests of the dqn demo: its pure pieces, and the program run as pcdl runs it."""

from __future__ import annotations

import os
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from assistant.demos import dqn
from assistant.demos._common import DemoExit, Texts
from assistant.demos.protocol import Event, decode

RESULT_TYPES: dict[str, type | tuple[type, ...]] = {
    "env": str,
    "seed": int,
    "solved": bool,
    "eval_mean_return": (int, float),
    "best_eval": (int, float),
    "episodes": int,
    "env_steps": int,
    "wall_s": (int, float),
    "steps_per_s": (int, float),
    "atari_10m_frames_hours": (int, float),
    "training_s": (int, float),
}


def run_demo(tmp_path: Path, *args: str) -> tuple[int, list[Event], str]:
    """Run the demo as a child process; return its status, events and stderr."""
    env = {
        **os.environ,
        "PCDL_CACHE_DIR": str(tmp_path / "cache"),
        "PCDL_STATE_DIR": str(tmp_path / "state"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "assistant.demos.dqn", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    events = [decode(line) for line in done.stdout.splitlines()]
    return done.returncode, events, done.stderr


def series(events: list[Event], name: str) -> list[tuple[float, float]]:
    """Return the (x, y) points of one metric series, in order."""
    return [
        (e.data["x"], e.data["y"])
        for e in events
        if e.type == "metric" and e.data["series"] == name
    ]


# --- pure pieces ------------------------------------------------------------------


def test_target_bootstraps_after_truncation_but_not_after_termination() -> None:
    rewards = torch.tensor([1.0, 1.0])
    next_q = torch.tensor([10.0, 10.0])
    # First transition: cut by the time limit (not terminated); second: pole fell.
    terminated = torch.tensor([0.0, 1.0])
    targets = dqn.td_target(rewards, terminated, next_q, gamma=0.9)
    assert targets.tolist() == pytest.approx([1.0 + 0.9 * 10.0, 1.0])


def test_loop_stores_terminated_not_truncated(monkeypatch: pytest.MonkeyPatch) -> None:
    import gymnasium as gym

    real_make = gym.make
    # A 5-step time limit makes truncation frequent enough to observe.
    monkeypatch.setattr(
        gym, "make", lambda env_id: real_make(env_id, max_episode_steps=5)
    )
    trainer = make_trainer(steps=60)
    trainer._loop()
    buffer = trainer.learner.buffer
    assert trainer.history.episodes >= 5
    # Every 5th transition of an unterminated episode is a truncation: kept 0.
    lengths = [int(r) for r in trainer.history.returns]
    ends = np.cumsum(lengths) - 1
    truncated_ends = [end for end, n in zip(ends, lengths, strict=True) if n == 5]
    assert truncated_ends, "no episode reached the time limit"
    assert all(buffer.terminated[i] == 0.0 for i in truncated_ends)
    # The stored next state is the episode's last one, not the next reset.
    for end in truncated_ends[:-1]:
        assert not np.array_equal(buffer.next_obs[end], buffer.obs[end + 1])


def test_epsilon_decays_linearly_then_stays() -> None:
    cfg = dqn.Config(eps_start=1.0, eps_end=0.1, eps_steps=1000)
    assert dqn.epsilon(0, cfg) == pytest.approx(1.0)
    assert dqn.epsilon(500, cfg) == pytest.approx(0.55)
    assert dqn.epsilon(1000, cfg) == pytest.approx(0.1)
    assert dqn.epsilon(10**6, cfg) == pytest.approx(0.1)


def test_buffer_wraps_and_samples_tensors() -> None:
    buffer = dqn.ReplayBuffer(capacity=4, obs_dim=2)
    for i in range(6):
        buffer.add(np.full(2, i), i % 2, float(i), np.full(2, i + 1), i == 5)
    assert (buffer.size, buffer.pos) == (4, 2)
    assert sorted(buffer.rewards.tolist()) == [2.0, 3.0, 4.0, 5.0]
    obs, actions, rewards, next_obs, terminated = buffer.sample(
        np.random.default_rng(0), 32
    )
    assert obs.shape == (32, 2) and obs.dtype == torch.float32
    assert actions.dtype == torch.int64
    assert torch.equal(next_obs, obs + 1)
    assert torch.equal(terminated, (rewards == 5.0).float())


def test_buffer_state_round_trip() -> None:
    buffer = dqn.ReplayBuffer(capacity=10, obs_dim=3)
    for i in range(7):
        buffer.add(np.arange(3) * i, 1, 1.0, np.arange(3), False)
    copy = dqn.ReplayBuffer(capacity=10, obs_dim=3)
    copy.load(buffer.state())
    assert (copy.size, copy.pos) == (7, 7)
    assert np.array_equal(copy.obs, buffer.obs)


def test_greedy_policy_matches_the_network_and_follows_updates() -> None:
    learner = dqn.Learner("CartPole-v1", 0, 4, 2, dqn.Config(buffer_size=500))
    act = dqn.greedy_policy(learner.net)
    observations = torch.randn(50, 4)

    def torch_actions() -> list[int]:
        with torch.no_grad():
            return learner.net(observations).argmax(dim=1).tolist()

    assert [act(o.numpy()) for o in observations] == torch_actions()
    for _ in range(300):
        learner.buffer.add(np.random.randn(4), 0, 1.0, np.random.randn(4), False)
    before = [p.clone() for p in learner.params]
    dqn.learn_burst(learner)
    assert any(
        not torch.equal(a, b) for a, b in zip(before, learner.params, strict=True)
    )
    assert [act(o.numpy()) for o in observations] == torch_actions()


def test_learn_burst_leaves_the_target_network_alone() -> None:
    learner = dqn.Learner("CartPole-v1", 0, 4, 2, dqn.Config(buffer_size=500))
    for _ in range(300):
        learner.buffer.add(np.random.randn(4), 1, 1.0, np.random.randn(4), False)
    target = {k: v.clone() for k, v in learner.target.state_dict().items()}
    dqn.learn_burst(learner)
    assert all(
        torch.equal(v, target[k]) for k, v in learner.target.state_dict().items()
    )


def test_eval_seeds_are_fresh_per_round_and_repeatable() -> None:
    rounds = [dqn.eval_seeds(3, r, 10) for r in (-1, 0, 1)]
    assert len({s for seeds in rounds for s in seeds}) == 30
    assert dqn.eval_seeds(3, 0, 10) == rounds[1]


def test_nature_dqn_flops_and_atari_estimate() -> None:
    # MACs by layer: 20·20·32·(4·8·8), 9·9·64·(32·4·4), 7·7·64·(64·3·3),
    # 3136·512 and 512·18.
    macs = 3_276_800 + 2_654_208 + 1_806_336 + 1_605_632 + 9_216
    assert dqn.nature_dqn_forward_flops() == 2 * macs
    hours = dqn.atari_hours(100.0, efficiency=0.5)
    per_step = 2 * macs * (1 + 32 * 4 / 4)
    assert hours == pytest.approx(2_500_000 * per_step / 50e9 / 3600)
    assert dqn.atari_hours(50.0, efficiency=0.5) == pytest.approx(2 * hours)


def test_every_message_exists_in_both_languages_with_the_same_fields() -> None:
    def fields(template: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(template) if f}

    assert dqn.TEXT["en"].keys() == dqn.TEXT["ja"].keys()
    for key, template in dqn.TEXT["en"].items():
        assert fields(template) == fields(dqn.TEXT["ja"][key]), key


def test_checkpoint_for_another_env_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.pt"
    torch.save({"format": dqn.CHECKPOINT_FORMAT, "env": "Acrobot-v1"}, path)
    with pytest.raises(DemoExit) as refused:
        dqn.read_checkpoint(path, "CartPole-v1", Texts("en", dqn.TEXT))
    assert "--env Acrobot-v1" in str(refused.value)


def test_missing_checkpoint_is_refused_in_japanese(tmp_path: Path) -> None:
    with pytest.raises(DemoExit) as refused:
        dqn.read_checkpoint(tmp_path / "none.pt", "CartPole-v1", Texts("ja", dqn.TEXT))
    assert "そのファイルはありません" in str(refused.value)


def test_checkpoint_with_other_shapes_is_refused(tmp_path: Path) -> None:
    learner = dqn.Learner("CartPole-v1", 0, 4, 2, dqn.Config(hidden=16, buffer_size=50))
    state = learner.state()
    state["online"] = make_learner(hidden=8).net.state_dict()
    with pytest.raises(DemoExit):
        dqn.restore(state, 4, 2, tmp_path / "x.pt", Texts("en", dqn.TEXT))


def test_unwritable_checkpoint_folder_is_refused_before_training(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(**kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied")

    # Simulated, because the tests may run as root, whom chmod does not stop.
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    with pytest.raises(DemoExit) as refused:
        dqn.check_writable(tmp_path / "new" / "run.pt", Texts("ja", dqn.TEXT))
    assert refused.value.code == 2
    assert "書き込めません" in str(refused.value) and str(tmp_path) in str(
        refused.value
    )


def test_checkpoint_path_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DemoExit) as refused:
        dqn.check_writable(tmp_path, Texts("en", dqn.TEXT))
    assert refused.value.code == 2 and "folder" in str(refused.value)
    dqn.check_writable(tmp_path / "missing" / "run.pt", Texts("en", dqn.TEXT))


def test_failed_save_keeps_the_run_and_reports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_save(obj: Any, path: Any) -> None:
        Path(path).write_bytes(b"half")
        raise RuntimeError("File x.pt.partial cannot be opened.")

    monkeypatch.setattr(torch, "save", broken_save)
    path = tmp_path / "run.pt"
    trainer = make_trainer(steps=50, checkpoint=path)
    trainer.learner.cfg = trainer.cfg = dqn.Config(learning_starts=10, eval_every=10)
    figures = trainer.run()
    assert figures["checkpoint_saved"] is False
    assert not path.exists() and not list(tmp_path.iterdir())
    logs = [e.data["text"] for e in decode_all(trainer) if e.type == "log"]
    assert any("Cannot write the checkpoint" in line for line in logs)


def decode_all(trainer: dqn.Trainer) -> list[Event]:
    """Return the events a `make_trainer` trainer has written so far."""
    return [decode(line) for line in trainer.emitter._stream.getvalue().splitlines()]


def make_learner(hidden: int) -> dqn.Learner:
    """Return a fresh CartPole learner with a small network and buffer."""
    return dqn.Learner(
        "CartPole-v1", 0, 4, 2, dqn.Config(hidden=hidden, buffer_size=50)
    )


def make_trainer(steps: int, **options: Any) -> dqn.Trainer:
    """Return an in-process trainer whose events go nowhere."""
    import argparse
    import io
    import time

    from assistant.demos.protocol import Emitter

    opts = argparse.Namespace(
        env="CartPole-v1",
        seed=0,
        time_budget=60.0,
        steps=steps,
        checkpoint=None,
        resume=None,
        lang="en",
        began=time.perf_counter(),
    )
    vars(opts).update(options)
    emitter = Emitter(io.StringIO())
    return dqn.Trainer(opts, emitter, Texts("en", dqn.TEXT), dqn.Config())


# --- the program, run as pcdl runs it -----------------------------------------------


@pytest.mark.slow
def test_short_run_streams_valid_events_and_ends_in_a_result(tmp_path: Path) -> None:
    code, events, _ = run_demo(tmp_path, "--steps", "300", "--lang", "ja")
    assert code == 0
    assert events[0].type == "start" and events[0].data["demo"] == "dqn"
    assert events[-1].type == "result"
    result = events[-1].data
    for key, kind in RESULT_TYPES.items():
        assert isinstance(result[key], kind), key
    assert result["env_steps"] == 300 and result["env"] == "CartPole-v1"
    assert result["atari_10m_frames_hours"] > 0
    returns = series(events, "return")
    assert [x for x, _ in returns] == list(range(1, result["episodes"] + 1))
    assert series(events, "moving_avg") and series(events, "epsilon")
    assert series(events, "eval")
    tables = [e for e in events if e.type == "table"]
    assert tables and tables[-1].data["title"] == "DQN の結果"


@pytest.mark.slow
def test_resumed_run_continues_the_saved_one(tmp_path: Path) -> None:
    first_path, second_path = tmp_path / "a.pt", tmp_path / "b.pt"
    code, events, _ = run_demo(
        tmp_path, "--steps", "300", "--checkpoint", str(first_path)
    )
    assert code == 0
    first = events[-1].data
    first_eps = series(events, "epsilon")[-1][1]

    code, events, _ = run_demo(
        tmp_path,
        "--resume",
        str(first_path),
        "--steps",
        "300",
        "--checkpoint",
        str(second_path),
    )
    assert code == 0
    second = events[-1].data
    assert second["env_steps"] == first["env_steps"] + 300
    assert second["episodes"] > first["episodes"]
    # The saved curve is replayed, then the new episodes carry on its numbering.
    xs = [x for x, _ in series(events, "return")]
    assert xs == list(range(1, second["episodes"] + 1))
    assert series(events, "epsilon")[0][1] <= first_eps
    assert series(events, "eval")[0][0] == first["episodes"]

    state = torch.load(second_path, weights_only=True)
    assert state["history"]["env_steps"] == 600
    assert state["buffer"]["size"] == 600


@pytest.mark.slow
@pytest.mark.parametrize(
    "option",
    [["--env", "Pong"], ["--time-budget", "-1"], ["--checkpoint", "/proc/x.pt"]],
)
def test_bad_option_is_an_error_event_and_exit_2(
    tmp_path: Path, option: list[str]
) -> None:
    code, events, _ = run_demo(tmp_path, *option)
    assert code == 2
    assert [e.type for e in events] == ["error"]


@pytest.mark.slow
def test_corrupt_checkpoint_gives_a_clean_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pt"
    path.write_bytes(b"this is not a checkpoint")
    code, events, stderr = run_demo(tmp_path, "--resume", str(path))
    assert code == 1
    assert events[0].type == "start" and events[-1].type == "error"
    assert str(path) in events[-1].data["message"]
    assert "Traceback" not in stderr
