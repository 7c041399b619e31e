"""A complete DQN on gymnasium's CartPole-v1, small enough to read top to bottom.

Run as ``python -m assistant.demos.dqn [--seed N] [--time-budget S] [--steps N]
[--env ID] [--checkpoint PATH] [--resume PATH] [--lang ja|en]``. The file is
laid out in the order of the algorithm: options, environment, network, replay
buffer, the learning step, the loop, and what is reported at the end.

What a reader should know:

- Only a real end of an episode (``terminated``) drops the bootstrap term of
  the target; an episode cut by the time limit (``truncated``) still
  bootstraps from its next state, so the buffer stores ``terminated`` alone.
- Gradient steps come in bursts (16 every 64 env steps; in tuning, a quarter
  of a gradient step per env step solved sooner than a half). The target
  network is copied only between bursts, so the target Q-values of a whole
  burst are computed in one batched forward pass.
- Greedy actions are computed with numpy on views of the network's weights
  (no autograd, no torch dispatch per step); torch uses one thread, because a
  network this small only loses time to synchronising more.
- Every 1000 env steps the greedy policy plays 10 episodes. The run stops when
  their mean return reaches the environment's ``spec.reward_threshold`` (475
  for CartPole-v1), or at the time budget or at ``--steps`` steps of this run
  (a resumed run adds them to the saved count), whichever comes first. The
  best policy seen in those evaluations is kept, because DQN on CartPole often
  collapses after reaching 500; the kept policy is then scored on 20 fresh
  episodes, which is ``eval_mean_return``, and ``solved`` means that score
  reaches the threshold.
- ``time_to_solve_s`` is training time up to the first solving evaluation;
  evaluation time is excluded from it and from ``training_s``, but counts
  against the time budget.
- A checkpoint holds the online and target networks, Adam's state, the step
  and episode counts (so the ε schedule continues), the best policy, the
  episode history and the replay buffer (CartPole's is 2.4 MB when full). An
  episode interrupted by the end of a run is not resumed: the resumed run
  starts a fresh episode, but its transitions are in the saved buffer.
- ``atari_10m_frames_hours`` estimates how long 10 million Atari frames would
  take with the Nature DQN network (conv 32×8×8/4, 64×4×4/2, 64×3×3/1, fc 512,
  18 actions, input 4×84×84), from a measured fp32 matmul rate: frame-skip 4,
  so 2.5 million agent steps; one action-selection forward per step; one
  batch-32 update every 4 steps, costing 3 forwards per sample for the online
  network plus one for the target network; the network reaching
  `ATARI_EFFICIENCY` (0.3) of the matmul rate. On the 2-core machine this was
  written on, a measured batch-32 update of that network reached 0.4 of it and
  a batch-1 action forward 0.15, so 0.3 is a round figure between them. The
  emulator, frame preprocessing and Python overhead are left out.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from assistant.demos import _hw_accel as accel
from assistant.demos._common import (
    EXIT_USAGE,
    DemoExit,
    OptionParser,
    Texts,
    bounded,
    default_lang,
    require,
    run_demo,
)
from assistant.demos._dqn_text import TEXT
from assistant.demos.protocol import Emitter

ENVS = ("CartPole-v1", "Acrobot-v1", "MountainCar-v0")
CHECKPOINT_FORMAT = "pcdl-dqn-1"
ATARI_EFFICIENCY = 0.3
ATARI_AGENT_STEPS = 10_000_000 // 4


@dataclass(frozen=True)
class Config:
    """Hyperparameters: one set for every seed, chosen on CartPole-v1 seeds
    10-17 (see benchmarks/README.md); the layers are as wide as the seed's
    sketch."""

    hidden: int = 128
    lr: float = 2.5e-3
    batch_size: int = 64
    gamma: float = 0.99
    buffer_size: int = 50_000
    learning_starts: int = 1_000
    train_every: int = 64
    updates_per_burst: int = 16
    target_every: int = 256  # a multiple of train_every: copied between bursts
    eps_start: float = 1.0
    eps_end: float = 0.05
    eps_steps: int = 10_000
    max_grad_norm: float = 10.0
    eval_every: int = 1_000
    eval_episodes: int = 10
    final_episodes: int = 20
    window: int = 20
    checkpoint_every_s: float = 20.0


@dataclass
class History:
    """Everything about a run's progress that a checkpoint carries on."""

    env_steps: int = 0
    episodes: int = 0
    returns: list[float] = field(default_factory=list)
    evaluations: int = 0
    evals: list[list[float]] = field(default_factory=list)  # [episode, mean]
    best_eval: float | None = None
    training_s: float = 0.0
    time_to_solve_s: float | None = None


def parse_options(emitter: Emitter, argv: list[str] | None) -> Any:
    """Parse the demo's options; a bad one ends the demo with exit status 2."""
    parser = OptionParser("dqn", emitter, TEXT)
    option = parser.add_argument
    option(
        "--seed",
        type=bounded(int, 0, 2**31 - 1),
        default=0,
        metavar="N",
        help="opt_seed",
    )
    option(
        "--time-budget",
        type=bounded(float, 1, 3600),
        default=60.0,
        metavar="S",
        help="opt_time_budget",
    )
    option(
        "--steps",
        type=bounded(int, 1, 100_000_000),
        default=None,
        metavar="N",
        help="opt_steps",
    )
    option("--env", choices=ENVS, default=ENVS[0], metavar="ID", help="opt_env")
    option(
        "--checkpoint", type=Path, default=None, metavar="PATH", help="opt_checkpoint"
    )
    option("--resume", type=Path, default=None, metavar="PATH", help="opt_resume")
    return parser.parse_args(argv)


# --- The algorithm's pieces, each small enough to test on its own ---------------


def epsilon(step: int, cfg: Config) -> float:
    """Return ε after `step` env steps: linear from `eps_start` to `eps_end`."""
    fraction = min(1.0, step / cfg.eps_steps)
    return cfg.eps_start + fraction * (cfg.eps_end - cfg.eps_start)


def td_target(rewards: Any, terminated: Any, next_q: Any, gamma: float) -> Any:
    """Return r + γ·max_a Q_target(s', a), with the second term dropped where
    the episode terminated; a truncated episode is not terminated, so its
    next state still counts. Works on torch tensors and numpy arrays alike."""
    return rewards + gamma * (1.0 - terminated) * next_q


def make_q_network(obs_dim: int, n_actions: int, hidden: int) -> Any:
    """Return a Q-network: two hidden ReLU layers, one output per action."""
    from torch import nn

    return nn.Sequential(
        nn.Linear(obs_dim, hidden),
        nn.ReLU(),
        nn.Linear(hidden, hidden),
        nn.ReLU(),
        nn.Linear(hidden, n_actions),
    )


def greedy_policy(net: Any) -> Any:
    """Return ``act(obs) -> argmax_a Q(obs, a)``, computed in numpy.

    It reads views of the network's weights, which the optimizer and
    ``load_state_dict`` update in place, so it always follows the network.
    """
    import numpy as np

    layers = [
        (layer.weight.detach().numpy(), layer.bias.detach().numpy())
        for layer in net
        if hasattr(layer, "weight")
    ]

    def act(obs: Any) -> int:
        x = obs
        for weight, bias in layers[:-1]:
            x = np.maximum(weight @ x + bias, 0.0)
        weight, bias = layers[-1]
        return int(np.argmax(weight @ x + bias))

    return act


class ReplayBuffer:
    """A ring of the last `capacity` transitions, in preallocated numpy arrays."""

    FIELDS = ("obs", "actions", "rewards", "next_obs", "terminated")

    def __init__(self, capacity: int, obs_dim: int) -> None:
        import numpy as np

        self.obs = np.zeros((capacity, obs_dim), np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), np.float32)
        self.actions = np.zeros(capacity, np.int64)
        self.rewards = np.zeros(capacity, np.float32)
        self.terminated = np.zeros(capacity, np.float32)
        self.capacity, self.pos, self.size = capacity, 0, 0

    def add(
        self, obs: Any, action: int, reward: float, next_obs: Any, done: bool
    ) -> None:
        """Store one transition; `done` is ``terminated``, never ``truncated``."""
        i = self.pos
        self.obs[i], self.actions[i], self.rewards[i] = obs, action, reward
        self.next_obs[i], self.terminated[i] = next_obs, done
        self.pos = (i + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, rng: Any, n: int) -> tuple[Any, ...]:
        """Return `n` uniformly drawn transitions, as tensors in `FIELDS` order."""
        import torch

        index = rng.integers(0, self.size, size=n)
        return tuple(torch.from_numpy(getattr(self, f)[index]) for f in self.FIELDS)

    def state(self) -> dict[str, Any]:
        """Return the stored transitions as tensors, for a checkpoint."""
        import torch

        # Until the ring wraps, pos == size, so the first `size` rows are all of it.
        saved = {
            f: torch.from_numpy(getattr(self, f)[: self.size].copy())
            for f in self.FIELDS
        }
        return {**saved, "pos": self.pos, "size": self.size}

    def load(self, state: dict[str, Any]) -> None:
        """Refill the buffer from `state()`'s output."""
        size = int(state["size"])
        for f in self.FIELDS:
            getattr(self, f)[:size] = state[f].numpy()
        self.pos, self.size = int(state["pos"]), size


def clip_grad_norm(params: list[Any], max_norm: float) -> None:
    """Scale gradients so that their joint L2 norm is at most `max_norm`.

    The arithmetic of ``torch.nn.utils.clip_grad_norm_`` without its per-call
    bookkeeping, which costs more than the arithmetic on a network this small.
    """
    import torch

    grads = [p.grad for p in params]
    norm = torch.cat([g.view(-1) for g in grads]).norm()
    scale = (max_norm / (norm + 1e-6)).clamp_(max=1.0)
    for grad in grads:
        grad.mul_(scale)


def learn_burst(learner: Learner) -> None:
    """Take one burst of gradient steps on the online network."""
    import torch
    import torch.nn.functional as F

    cfg, n, b = learner.cfg, learner.cfg.updates_per_burst, learner.cfg.batch_size
    obs, actions, rewards, next_obs, terminated = learner.buffer.sample(
        learner.rng, n * b
    )
    # The target network does not change during a burst: one forward serves all.
    with torch.no_grad():
        next_q = learner.target(next_obs).max(dim=1).values
    targets = td_target(rewards, terminated, next_q, cfg.gamma).view(n, b)
    obs, actions = obs.view(n, b, -1), actions.view(n, b, 1)
    for i in range(n):
        q = learner.net(obs[i]).gather(1, actions[i]).squeeze(1)
        loss = F.smooth_l1_loss(q, targets[i])
        for param in learner.params:  # zero_grad(set_to_none=True), minus its overhead
            param.grad = None
        loss.backward()
        clip_grad_norm(learner.params, cfg.max_grad_norm)
        learner.optimizer.step()


def evaluate(env: Any, act: Any, seeds: list[int]) -> list[float]:
    """Play one greedy episode per seed; return the episodes' returns."""
    returns = []
    for seed in seeds:
        obs, _ = env.reset(seed=seed)
        total, done = 0.0, False
        while not done:
            obs, reward, terminated, truncated, _ = env.step(act(obs))
            total += float(reward)
            done = terminated or truncated
        returns.append(total)
    return returns


def eval_seeds(seed: int, round_: int, n: int) -> list[int]:
    """Return the episode seeds of evaluation `round_` (0, 1, ...) of a run,
    different in every round; ``round_=-1`` gives the final, fresh ones."""
    import numpy as np

    rng = np.random.default_rng([seed, round_ + 1])
    return [int(s) for s in rng.integers(0, 2**31 - 1, size=n)]


# --- The state of one run, and its checkpoint ------------------------------------


class Learner:
    """The networks, optimizer, replay buffer, random state and history of a run.

    Args:
        env_id: The gymnasium environment it learns.
        seed: Seeds torch and numpy here; the environments are seeded by the loop.
        obs_dim: Length of an observation.
        n_actions: Number of discrete actions.
        cfg: Hyperparameters.
    """

    def __init__(
        self, env_id: str, seed: int, obs_dim: int, n_actions: int, cfg: Config
    ) -> None:
        import numpy as np
        import torch

        torch.manual_seed(seed)
        self.env_id, self.seed, self.cfg = env_id, seed, cfg
        self.net = make_q_network(obs_dim, n_actions, cfg.hidden)
        self.target = make_q_network(obs_dim, n_actions, cfg.hidden)
        self.target.load_state_dict(self.net.state_dict())
        self.params = list(self.net.parameters())
        self.optimizer = _adam(self.params, cfg.lr)
        self.buffer = ReplayBuffer(cfg.buffer_size, obs_dim)
        self.rng = np.random.default_rng(seed)
        self.history = History()
        self.best: dict[str, Any] | None = None

    def keep_best(self, mean: float) -> None:
        """Remember the online network if `mean` beats every earlier evaluation."""
        if self.history.best_eval is None or mean > self.history.best_eval:
            self.history.best_eval = mean
            self.best = {k: v.clone() for k, v in self.net.state_dict().items()}

    def state(self) -> dict[str, Any]:
        """Return everything a resumed run needs, for ``torch.save``."""
        import torch

        return {
            "format": CHECKPOINT_FORMAT,
            "env": self.env_id,
            "seed": self.seed,
            "config": asdict(self.cfg),
            "online": self.net.state_dict(),
            "target": self.target.state_dict(),
            "best": self.best,
            "optimizer": self.optimizer.state_dict(),
            "buffer": self.buffer.state(),
            "history": asdict(self.history),
            "numpy_rng": self.rng.bit_generator.state,
            "torch_rng": torch.get_rng_state(),
        }

    def load(self, state: dict[str, Any]) -> None:
        """Take over a saved run; raises KeyError, TypeError or RuntimeError on
        a checkpoint that does not fit this network."""
        import torch

        self.net.load_state_dict(state["online"])
        self.target.load_state_dict(state["target"])
        self.optimizer.load_state_dict(state["optimizer"])
        self.buffer.load(state["buffer"])
        self.history = History(**state["history"])
        self.best = state["best"]
        self.rng.bit_generator.state = state["numpy_rng"]
        torch.set_rng_state(state["torch_rng"])


def _adam(params: list[Any], lr: float) -> Any:
    """Return Adam, fused into one kernel where this torch build supports it."""
    import torch

    try:
        return torch.optim.Adam(params, lr=lr, fused=True)
    except (RuntimeError, TypeError):
        return torch.optim.Adam(params, lr=lr)


def check_writable(path: Path, texts: Texts) -> None:
    """End the demo with exit status 2 unless a checkpoint can be written at
    `path`, so that a bad path is found before training rather than after."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # save_checkpoint creates the missing folders
    if path.is_dir():
        problem = texts("is_folder")
    elif not folder.is_dir():
        problem = texts("not_folder", folder=folder)
    else:
        # Only writing tells: os.access says yes to root even on /proc.
        try:
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".pcdl-probe-"):
                problem = None
        except OSError as error:
            reason = error.strerror or type(error).__name__
            problem = texts("folder_refuses", folder=folder, error=reason)
    if problem:
        message = texts("cannot_save", path=path, error=problem)
        raise DemoExit(message, EXIT_USAGE)


def save_checkpoint(learner: Learner, path: Path, texts: Texts) -> float:
    """Write the run to `path` (atomically); return its size in MB.

    Raises:
        DemoExit: The file could not be written; nothing is left behind.
    """
    import torch

    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        torch.save(learner.state(), partial)
        os.replace(partial, path)
        return path.stat().st_size / 2**20
    # torch.save reports a failed write as RuntimeError, not only OSError.
    except (OSError, RuntimeError) as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        reason = getattr(error, "strerror", None) or str(error).splitlines()[0]
        raise DemoExit(texts("cannot_save", path=path, error=reason)) from error


def read_checkpoint(path: Path, env_id: str, texts: Texts) -> dict[str, Any]:
    """Load a checkpoint written by this demo for `env_id`, or end the demo
    with a message that says what is wrong with it."""
    import torch

    def refuse(problem: str) -> DemoExit:
        return DemoExit(texts("bad_checkpoint", path=path, problem=problem))

    if not path.is_file():
        raise refuse(texts("no_file"))
    try:
        # weights_only: a checkpoint is data, never code to run.
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # torch raises many kinds on a damaged file
        raise refuse(texts("unreadable", error=type(error).__name__)) from error
    if not isinstance(state, dict) or state.get("format") != CHECKPOINT_FORMAT:
        raise refuse(texts("unreadable", error="format"))
    if state.get("env") != env_id:
        raise refuse(texts("wrong_env", found=state.get("env")))
    return state


def restore(
    state: dict[str, Any], obs_dim: int, n_actions: int, path: Path, texts: Texts
) -> Learner:
    """Rebuild the run saved in `state`; a mismatch ends the demo cleanly."""
    try:
        cfg = Config(**state["config"])
        learner = Learner(state["env"], int(state["seed"]), obs_dim, n_actions, cfg)
        learner.load(state)
    except (KeyError, TypeError, ValueError, RuntimeError) as error:
        problem = texts("unreadable", error=type(error).__name__)
        raise DemoExit(texts("bad_checkpoint", path=path, problem=problem)) from error
    return learner


# --- How long would Atari take here? ---------------------------------------------


def nature_dqn_forward_flops(n_actions: int = 18) -> int:
    """Return the FLOPs of one Nature DQN forward pass on 4×84×84 (2 per MAC)."""
    channels, size, macs = 4, 84, 0
    for filters, kernel, stride in ((32, 8, 4), (64, 4, 2), (64, 3, 1)):
        size = (size - kernel) // stride + 1
        macs += size * size * filters * channels * kernel * kernel
        channels = filters
    macs += channels * size * size * 512 + 512 * n_actions
    return 2 * macs


def atari_hours(gflops: float, efficiency: float = ATARI_EFFICIENCY) -> float:
    """Return the estimated hours of network compute for 10M Atari frames."""
    forward = nature_dqn_forward_flops()
    update = 32 * (3 + 1) * forward  # online forward+backward, target forward
    per_step = forward + update / 4
    return ATARI_AGENT_STEPS * per_step / (gflops * 1e9 * efficiency) / 3600


def usable_cpus() -> int:
    """Return how many CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def measure_matmul_gflops(seconds: float = 0.3) -> tuple[float, int]:
    """Measure fp32 matmul GFLOP/s on all usable threads, the way `hw` does;
    return (GFLOP/s, threads). Torch keeps its thread count afterwards."""
    import torch

    threads = usable_cpus()
    return accel.cpu_gflops(torch, threads, seconds), threads


# --- The loop --------------------------------------------------------------------


class Trainer:
    """Runs one demo: act, store, learn, evaluate, report, until solved or out of
    budget.

    Args:
        opts: The parsed options.
        emitter: Where the events go.
        texts: The user's language.
        cfg: Hyperparameters of a fresh run (a resumed one keeps its own).
    """

    def __init__(self, opts: Any, emitter: Emitter, texts: Texts, cfg: Config) -> None:
        import gymnasium as gym
        import torch

        torch.set_num_threads(1)
        self.opts, self.emitter, self.texts = opts, emitter, texts
        self.env, self.eval_env = gym.make(opts.env), gym.make(opts.env)
        self.threshold = float(self.env.spec.reward_threshold)
        self.dims = (self.env.observation_space.shape[0], int(self.env.action_space.n))
        if opts.resume:
            state = read_checkpoint(opts.resume, opts.env, texts)
            self.learner = restore(state, *self.dims, opts.resume, texts)
        else:
            self.learner = Learner(opts.env, opts.seed, *self.dims, cfg)
        self.cfg, self.history = self.learner.cfg, self.learner.history
        self.act = greedy_policy(self.learner.net)
        self.first_step, self.earlier_s = (
            self.history.env_steps,
            self.history.training_s,
        )
        self.start = self.last_save = self.last_progress = time.perf_counter()
        self.paused_s = 0.0  # evaluations and checkpoint writes: not training
        self.saved: bool | None = None  # whether the last checkpoint write worked

    def run(self) -> dict[str, Any]:
        """Train, then score the kept policy; return the result's figures."""
        self._announce()
        stop = self._loop()
        return self._finish(stop)

    def _loop(self) -> str:
        """Act ε-greedily, store, learn in bursts; return why the loop stopped."""
        learner, cfg, env, history = self.learner, self.cfg, self.env, self.history
        obs, _ = env.reset(seed=learner.seed + history.episodes)
        env.action_space.seed(learner.seed + history.episodes)
        episode_return = 0.0
        self.start = self.last_save = time.perf_counter()
        while True:
            if learner.rng.random() < epsilon(history.env_steps, cfg):
                action = int(env.action_space.sample())
            else:
                action = self.act(obs)
            next_obs, reward, terminated, truncated, _ = env.step(action)
            learner.buffer.add(obs, action, reward, next_obs, terminated)
            obs, episode_return = next_obs, episode_return + float(reward)
            history.env_steps += 1
            if terminated or truncated:
                self._episode_ended(episode_return)
                obs, _ = env.reset()
                episode_return = 0.0
            step = history.env_steps
            if step >= cfg.learning_starts and step % cfg.train_every == 0:
                learn_burst(learner)
                if step % cfg.target_every == 0:
                    learner.target.load_state_dict(learner.net.state_dict())
            stop = self._stop_reason(step)
            if stop:
                return stop

    def _stop_reason(self, step: int) -> str | None:
        """Evaluate or save when due; return why to stop, or None to go on."""
        cfg, opts = self.cfg, self.opts
        due = step % cfg.eval_every == 0 and step >= cfg.learning_starts
        if due and self._evaluate() >= self.threshold:
            return "solved"
        now = time.perf_counter()
        if now - self.start >= opts.time_budget:
            return "budget"
        if opts.steps is not None and step - self.first_step >= opts.steps:
            return "steps"
        if opts.checkpoint and now - self.last_save >= cfg.checkpoint_every_s:
            self._save()
        return None

    def _training_s(self) -> float:
        """Return this run's training time so far, pauses excluded."""
        return time.perf_counter() - self.start - self.paused_s

    def _episode_ended(self, episode_return: float) -> None:
        """Record an episode and stream its points."""
        history, emit = self.history, self.emitter
        history.episodes += 1
        history.returns.append(episode_return)
        recent = history.returns[-self.cfg.window :]
        emit.metric("return", history.episodes, episode_return)
        emit.metric("moving_avg", history.episodes, sum(recent) / len(recent))
        emit.metric("epsilon", history.episodes, epsilon(history.env_steps, self.cfg))
        now = time.perf_counter()
        if now - self.last_progress >= 0.25:
            self.last_progress = now
            self.emitter.progress(self._used(now), self.texts("training"))

    def _used(self, now: float) -> float:
        """Return the fraction of the time budget or step limit used, the larger."""
        used = (now - self.start) / self.opts.time_budget
        if self.opts.steps is not None:
            used = max(
                used, (self.history.env_steps - self.first_step) / self.opts.steps
            )
        return min(1.0, used)

    def _evaluate(self) -> float:
        """Score the greedy policy on `eval_episodes` episodes; keep it if best."""
        began, history, cfg = time.perf_counter(), self.history, self.cfg
        seeds = eval_seeds(self.learner.seed, history.evaluations, cfg.eval_episodes)
        returns = evaluate(self.eval_env, self.act, seeds)
        mean = sum(returns) / len(returns)
        history.evaluations += 1
        history.evals.append([history.episodes, mean])
        self.learner.keep_best(mean)
        self.paused_s += time.perf_counter() - began
        history.training_s = self.earlier_s + self._training_s()
        if mean >= self.threshold and history.time_to_solve_s is None:
            history.time_to_solve_s = history.training_s
        self._report_evaluation(mean)
        return mean

    def _report_evaluation(self, mean: float) -> None:
        """Stream an evaluation's points and its log line."""
        history = self.history
        speed = (history.env_steps - self.first_step) / max(self._training_s(), 1e-9)
        self.emitter.metric("eval", history.episodes, mean)
        self.emitter.metric("steps_per_s", history.episodes, speed)
        self.emitter.log(
            self.texts(
                "eval",
                steps=history.env_steps,
                episodes=history.episodes,
                mean=mean,
                n=self.cfg.eval_episodes,
                best=history.best_eval,
                eps=epsilon(history.env_steps, self.cfg),
                sps=speed,
            )
        )

    def _save(self) -> None:
        """Write the checkpoint; the time it takes is not training time.

        A failed write is reported and training goes on: the run's result is
        worth more than its checkpoint. `saved` tells whether the last write
        succeeded."""
        began = time.perf_counter()
        self.history.training_s = self.earlier_s + self._training_s()
        try:
            size_mb = save_checkpoint(self.learner, self.opts.checkpoint, self.texts)
        except DemoExit as failed:
            self.saved = False
            self.emitter.log(f"{failed} {self.texts('goes_on')}")
        else:
            self.saved = True
            path = self.opts.checkpoint
            self.emitter.log(self.texts("saved", path=path, mb=size_mb))
        self.last_save = time.perf_counter()
        self.paused_s += self.last_save - began

    def _announce(self) -> None:
        """Say what is about to run; on a resume, replay the saved curve first."""
        texts, cfg, (obs_dim, n_actions) = self.texts, self.cfg, self.dims
        if self.opts.env != ENVS[0]:
            self.emitter.log(
                texts("env_note", env=self.opts.env, threshold=self.threshold)
            )
        self.emitter.log(
            texts(
                "setup",
                env=self.opts.env,
                obs=obs_dim,
                hidden=cfg.hidden,
                actions=n_actions,
                starts=cfg.learning_starts,
                threshold=self.threshold,
            )
        )
        if self.opts.resume:
            self._replay_history()

    def _replay_history(self) -> None:
        """Re-send a resumed run's saved curve (at most about 500 points), so the
        new run's plot continues it."""
        history, returns, window = self.history, self.history.returns, self.cfg.window
        stride = max(1, len(returns) // 500)
        for i in range(0, len(returns), stride):
            recent = returns[max(0, i + 1 - window) : i + 1]
            self.emitter.metric("return", i + 1, returns[i])
            self.emitter.metric("moving_avg", i + 1, sum(recent) / len(recent))
        for episode, mean in history.evals:
            self.emitter.metric("eval", episode, mean)
        best = "-" if history.best_eval is None else f"{history.best_eval:.1f}"
        self.emitter.log(
            self.texts(
                "resumed",
                path=self.opts.resume,
                episodes=history.episodes,
                steps=history.env_steps,
                eps=epsilon(history.env_steps, self.cfg),
                best=best,
                size=self.learner.buffer.size,
            )
        )

    def _finish(self, stop: str) -> dict[str, Any]:
        """Report why training stopped, score the kept policy, save, estimate."""
        texts, history = self.texts, self.history
        run_s = self._training_s()
        history.training_s = self.earlier_s + run_s
        if stop == "solved":
            self.emitter.log(
                texts(
                    "solved",
                    mean=history.best_eval,
                    threshold=self.threshold,
                    seconds=history.time_to_solve_s,
                    steps=history.env_steps,
                )
            )
        elif stop == "budget":
            self.emitter.log(texts("budget", seconds=self.opts.time_budget))
        else:
            self.emitter.log(texts("step_limit", steps=self.opts.steps))
        if self.learner.best is None:
            self._evaluate()  # a run too short to have been evaluated yet
        final_mean = self._score_kept_policy()
        if self.opts.checkpoint:
            self._save()
        gflops, threads = measure_matmul_gflops()
        hours = atari_hours(gflops)
        self.emitter.log(
            texts(
                "atari",
                gflops=gflops,
                threads=threads,
                mflops=nature_dqn_forward_flops() / 1e6,
                eff=ATARI_EFFICIENCY,
                hours=hours,
            )
        )
        figures = {
            "env": self.opts.env,
            "seed": self.learner.seed,
            "solved": final_mean >= self.threshold,
            "eval_mean_return": round(final_mean, 2),
            "best_eval": round(float(history.best_eval), 2),
            "episodes": history.episodes,
            "env_steps": history.env_steps,
            "wall_s": round(time.perf_counter() - self.opts.began, 3),
            "steps_per_s": round((history.env_steps - self.first_step) / run_s, 1),
            "atari_10m_frames_hours": round(hours, 1),
            "training_s": round(history.training_s, 3),
            "time_to_solve_s": _rounded(history.time_to_solve_s),
            "reward_threshold": self.threshold,
            "stopped_by": stop,
            "matmul_gflops": round(gflops, 1),
        }
        if self.opts.checkpoint:
            figures["checkpoint_saved"] = bool(self.saved)
        self._table(figures)
        self.emitter.progress(1.0, texts("finished"))
        return figures

    def _score_kept_policy(self) -> float:
        """Return the kept policy's mean return on fresh episodes, and log it."""
        net = make_q_network(*self.dims, self.cfg.hidden)
        net.load_state_dict(self.learner.best)
        seeds = eval_seeds(self.learner.seed, -1, self.cfg.final_episodes)
        returns = evaluate(self.eval_env, greedy_policy(net), seeds)
        mean = sum(returns) / len(returns)
        self.emitter.log(
            self.texts(
                "final",
                best=self.history.best_eval,
                mean=mean,
                n=self.cfg.final_episodes,
            )
        )
        return mean

    def _table(self, figures: dict[str, Any]) -> None:
        """Show the result as a two-column table in the user's language."""
        t = self.texts
        solve_s = figures["time_to_solve_s"]
        rows = [
            [t("row_env"), figures["env"]],
            [t("row_solved"), t("yes") if figures["solved"] else t("no")],
            [t("row_eval"), f"{figures['eval_mean_return']:.1f}"],
            [t("row_best"), f"{figures['best_eval']:.1f}"],
            [t("row_solve_s"), "-" if solve_s is None else f"{solve_s:.1f}"],
            [t("row_steps"), f"{figures['episodes']} / {figures['env_steps']}"],
            [t("row_speed"), f"{figures['steps_per_s']:.0f}"],
            [t("row_wall"), f"{figures['wall_s']:.1f}"],
            [t("row_atari"), f"{figures['atari_10m_frames_hours']:.0f}"],
        ]
        self.emitter.table(t("title"), [t("item"), t("value")], rows)


def _rounded(value: float | None) -> float | None:
    """Round a figure that may be missing."""
    return None if value is None else round(value, 3)


def main(argv: list[str] | None = None) -> int:
    """Run the demo as a program; return its exit status."""
    texts = [Texts(default_lang(), TEXT)]

    def body(emitter: Emitter) -> None:
        began = time.perf_counter()
        opts = parse_options(emitter, argv)
        texts[0] = Texts(opts.lang, TEXT)
        shown = {k: str(v) if isinstance(v, Path) else v for k, v in vars(opts).items()}
        if opts.checkpoint:
            check_writable(opts.checkpoint, texts[0])
        emitter.start("dqn", shown)
        opts.began = began
        for module in ("numpy", "torch", "gymnasium"):
            require(module, module, texts[0])
        emitter.result(**Trainer(opts, emitter, texts[0], Config()).run())

    return run_demo(body, lambda: texts[0])


if __name__ == "__main__":
    raise SystemExit(main())
