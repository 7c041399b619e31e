"""Time to solve CartPole-v1: pcdl's dqn demo against Stable-Baselines3's DQN.

For each seed, both learners run as separate processes, one after the other
(their order alternating by seed, so that a drift in the machine's load hits
both alike), and are measured the same way: training wall time up to the
first evaluation whose greedy mean return over 10 episodes reaches 475, the
time spent evaluating excluded. Both evaluate every `Config.eval_every` env
steps, on the same episode seeds (`dqn.eval_seeds`).

- pcdl: ``python -m assistant.demos.dqn --seed S`` with its defaults (a 60 s
  budget); its ``result`` event carries ``time_to_solve_s`` and ``solved``
  (the kept policy's mean over 20 fresh episodes reaches 475).
- SB3: DQN with the rl-baselines3-zoo hyperparameters for CartPole-v1 (below),
  for the zoo's 5e4 steps or `--sb3-cap-s` seconds of training, whichever
  comes first, with one torch thread like pcdl's demo (``--sb3-threads``):
  with torch's default of one thread per core, on a 2-core machine shared
  with other work, its threads waited on each other so much that it was far
  slower.

Run from the repository root::

    .venv/bin/python benchmarks/dqn_vs_sb3.py [--seeds 0-9] [--sb3-threads N]

It prints a table and the ratio of the median times, and writes the figures
to ``benchmarks/out/dqn_vs_sb3.json``. A run that never solves counts as
infinitely slow for pcdl and, for SB3, as the training time it used (a lower
bound), so both censorings can only make the ratio look worse for pcdl.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from assistant.demos import dqn

ZOO_CARTPOLE: dict[str, Any] = {
    "learning_rate": 2.3e-3,
    "batch_size": 64,
    "buffer_size": 100_000,
    "learning_starts": 1_000,
    "gamma": 0.99,
    "target_update_interval": 10,
    "train_freq": 256,
    "gradient_steps": 128,
    "exploration_fraction": 0.16,
    "exploration_final_eps": 0.04,
    "policy_kwargs": {"net_arch": [256, 256]},
}
ZOO_TIMESTEPS = 50_000
THRESHOLD = 475.0
OUT = Path(__file__).parent / "out" / "dqn_vs_sb3.json"


def run_sb3(seed: int, eval_every: int, cap_s: float, threads: int) -> dict[str, Any]:
    """Train SB3's DQN on one seed; return its time to solve and counts."""
    import gymnasium as gym
    import torch
    from stable_baselines3 import DQN
    from stable_baselines3.common.callbacks import BaseCallback

    if threads:
        torch.set_num_threads(threads)
    eval_env = gym.make("CartPole-v1")

    class SolveClock(BaseCallback):
        """Evaluates every `eval_every` steps with the clock paused; stops at 475."""

        def _on_training_start(self) -> None:
            self.began, self.paused_s, self.rounds = time.perf_counter(), 0.0, 0
            self.solved_s: float | None = None
            self.best = float("-inf")

        def training_s(self) -> float:
            return time.perf_counter() - self.began - self.paused_s

        def _on_step(self) -> bool:
            if self.num_timesteps % eval_every == 0 and self.num_timesteps >= 1_000:
                paused = time.perf_counter()
                mean = self._evaluate()
                self.paused_s += time.perf_counter() - paused
                self.best = max(self.best, mean)
                if mean >= THRESHOLD:
                    self.solved_s = self.training_s()
                    return False
            return self.training_s() < cap_s

        def _evaluate(self) -> float:
            seeds = dqn.eval_seeds(seed, self.rounds, 10)
            self.rounds += 1
            policy = lambda obs: int(self.model.predict(obs, deterministic=True)[0])  # noqa: E731
            returns = dqn.evaluate(eval_env, policy, seeds)
            return sum(returns) / len(returns)

    model = DQN(
        "MlpPolicy",
        gym.make("CartPole-v1"),
        seed=seed,
        device="cpu",
        verbose=0,
        **ZOO_CARTPOLE,
    )
    clock = SolveClock()
    model.learn(total_timesteps=ZOO_TIMESTEPS, callback=clock)
    return {
        "solved": clock.solved_s is not None,
        "time_to_solve_s": clock.solved_s,
        "training_s": clock.training_s(),
        "env_steps": model.num_timesteps,
        "best_eval": clock.best,
        "torch_threads": torch.get_num_threads(),
    }


def run_ours(seed: int) -> dict[str, Any]:
    """Run the dqn demo on one seed, as pcdl would; return its result event."""
    done = subprocess.run(
        [sys.executable, "-m", "assistant.demos.dqn", "--seed", str(seed)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.splitlines()[-1])["data"]


def run_sb3_child(seed: int, args: argparse.Namespace) -> dict[str, Any]:
    """Run `run_sb3` in a fresh process, so that torch settings do not leak."""
    command = [
        sys.executable,
        __file__,
        "--sb3-worker",
        str(seed),
        "--eval-every",
        str(args.eval_every),
        "--sb3-cap-s",
        str(args.sb3_cap_s),
        "--sb3-threads",
        str(args.sb3_threads),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def seeds_from(text: str) -> list[int]:
    """Parse ``0-9`` or ``0,3,5`` into a list of seeds."""
    if "-" in text:
        low, high = text.split("-")
        return list(range(int(low), int(high) + 1))
    return [int(s) for s in text.split(",")]


def censored(run: dict[str, Any], unsolved: float | None) -> float:
    """Return a run's time to solve; `unsolved` (or its training time) if none."""
    if run["time_to_solve_s"] is not None:
        return float(run["time_to_solve_s"])
    return float(run["training_s"]) if unsolved is None else unsolved


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the medians and the ratio of the medians, censored as documented."""
    ours = [censored(r["ours"], float("inf")) for r in rows]
    theirs = [censored(r["sb3"], None) for r in rows]
    return {
        "ours_solved": sum(r["ours"]["solved"] for r in rows),
        "ours_first_solving_eval": sum(
            r["ours"]["time_to_solve_s"] is not None for r in rows
        ),
        "sb3_solved": sum(r["sb3"]["solved"] for r in rows),
        "seeds": len(rows),
        "ours_median_s": statistics.median(ours),
        "sb3_median_s": statistics.median(theirs),
        "ratio_of_medians": statistics.median(ours) / statistics.median(theirs),
        "median_of_ratios": statistics.median(
            a / b for a, b in zip(ours, theirs, strict=True)
        ),
    }


def print_row(row: dict[str, Any]) -> None:
    """Print one seed's line of the table."""
    ours, theirs = row["ours"], row["sb3"]

    def shown(run: dict[str, Any]) -> str:
        if run["time_to_solve_s"] is None:
            return f"≥{run['training_s']:6.1f}"
        return f"{run['time_to_solve_s']:7.1f}"

    def flag(run: dict[str, Any]) -> str:
        return "yes" if run["solved"] else "no"

    print(
        f"{row['seed']:4d} | {shown(ours)} {ours['env_steps']:6d} {flag(ours):>4} "
        f"{ours['eval_mean_return']:6.1f} | "
        f"{shown(theirs)} {theirs['env_steps']:6d} {flag(theirs):>4}",
        flush=True,
    )


def machine() -> dict[str, Any]:
    """Describe the machine and the library versions."""
    import stable_baselines3
    import torch

    model = platform.processor()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip()
            for line in cpuinfo.read_text().splitlines()
            if line.startswith("model name")
        ]
        model = names[0] if names else model
    return {
        "cpu": model,
        "cpus_usable": dqn.usable_cpus(),
        "python": platform.python_version(),
        "torch": torch.__version__,
        "stable_baselines3": stable_baselines3.__version__,
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def main() -> None:
    """Run the benchmark, or one SB3 seed when called as a worker."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="0-9")
    parser.add_argument("--eval-every", type=int, default=dqn.Config().eval_every)
    parser.add_argument("--sb3-cap-s", type=float, default=120.0)
    parser.add_argument(
        "--sb3-threads", type=int, default=1, help="torch threads for SB3; 0: default"
    )
    parser.add_argument("--sb3-worker", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if args.sb3_worker is not None:
        figures = run_sb3(
            args.sb3_worker, args.eval_every, args.sb3_cap_s, args.sb3_threads
        )
        print(json.dumps(figures))
        return

    print("seed |  pcdl: solve_s  steps solved final |  SB3: solve_s  steps solved")
    rows = []
    for seed in seeds_from(args.seeds):
        if seed % 2:
            theirs, ours = run_sb3_child(seed, args), run_ours(seed)
        else:
            ours, theirs = run_ours(seed), run_sb3_child(seed, args)
        rows.append({"seed": seed, "ours": ours, "sb3": theirs})
        print_row(rows[-1])

    summary = summarise(rows)
    print(json.dumps(summary, indent=2))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": machine(),
        "config": vars(dqn.Config()),
        "sb3_hyperparameters": {**ZOO_CARTPOLE, "n_timesteps": ZOO_TIMESTEPS},
        "summary": summary,
        "rows": rows,
    }
    args.out.write_text(json.dumps(report, indent=2, default=str))


if __name__ == "__main__":
    main()
