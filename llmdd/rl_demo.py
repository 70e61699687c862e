"""Chapter 7 end to end: about a minute of RL teaches the tiny GPT single-digit addition.

    python -m llmdd.rl_demo                                    # with your exercises/ch07 code
    python -m llmdd.rl_demo --impl solutions --out lessons/ch07  # the reference: the lesson's figure

The task is verifiable: the prompt is `3+4=`, the gold answer `7`, and a completion earns reward
1 when `math_reward` (task 7.1) reads `#### 7` from it. The run has three parts:

1. **Warm-up (supervised).** A fresh tiny GPT (byte tokens, as in `text.py`) imitates completions
   `#### 7<|endoftext|>` for all 100 sums `a+b=` with 0 <= a, b <= 9. The data is deliberately
   imperfect: about a third of the answers are off by one. Imitation is stopped early, so the
   model has learned the layout and roughly where the answer lies, but adds badly.
2. **RL (GRPO).** Each step draws a batch of prompts and samples a group of completions per
   prompt (plain `torch.multinomial`, temperature 1). `math_reward` scores them,
   `group_advantages` (7.3) compares each with its group, and `policy_gradient_loss` (7.4) on the
   completion tokens (`token_log_probs`, a mask up to the first <|endoftext|>) drives an AdamW step.
   No gold completion is ever shown again: the only signal is the reward.
3. **Measurement.** Greedy accuracy on all 100 sums, before RL and every `--eval-every` steps,
   goes into a CSV and a plot (`rl_accuracy.csv`, `rl_accuracy.png` in `--out`). The plot also
   marks imitation's ceiling, the share of warm-up labels that are right: a model that imitated
   them perfectly would score exactly that.

The sums the model practises on are the sums it is measured on: with 100 problems in the whole
task there is nothing left to hold out. What RL adds is that the model's own attempts, scored by
an exact reward, replace the noisy labels it imitated.
"""

import argparse
import csv
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import torch
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from torch.nn import functional as F

from grader.loader import load

from . import text
from .gpt import GPTConfig, TinyGPT

console = Console()

ANSWER_TOKENS = 8  # "#### 18" is 7 bytes, then <|endoftext|>
PROMPT_TOKENS = 4  # "a+b="
CONFIG = GPTConfig(context_length=PROMPT_TOKENS + ANSWER_TOKENS, d_model=64, n_heads=4, n_layers=2)
Point = tuple[int, float | None, float | None, float]  # RL step, mean sampled reward, accuracy, seconds


@dataclass(frozen=True)
class Problem:
    prompt: str  # "3+4="
    gold: str  # "7"


@dataclass(frozen=True)
class Chapter7:
    """The chapter 7 functions the demo calls, taken from one implementation."""

    math_reward: Callable  # (prompt, completion, gold) -> MathReward (float() is the reward)
    group_advantages: Callable  # rewards (G, N) -> advantages (G, N)
    token_log_probs: Callable  # logits (B, T, V), tokens (B, T) -> (B, T)
    policy_gradient_loss: Callable  # log_probs (B, T), advantages (B,), mask (B, T) -> loss


def chapter7(spec: str) -> Chapter7:
    """Chapter 7's functions from implementation `spec` (exercises, solutions or a PATH).

    `load(module, spec)` rather than `select(spec)`: the choice stays local, so calling the demo
    from a test does not change which implementation later tests load.
    """
    rewards = load("ch07.math_reward", spec)
    advantages = load("ch07.advantages", spec)
    policy = load("ch07.policy_gradient", spec)
    return Chapter7(
        rewards.math_reward, advantages.group_advantages, policy.token_log_probs, policy.policy_gradient_loss
    )


def problems() -> list[Problem]:
    """All 100 single-digit sums, `0+0=` to `9+9=`."""
    return [Problem(f"{a}+{b}=", str(a + b)) for a in range(10) for b in range(10)]


def completion_ids(answer: str) -> list[int]:
    """`#### 7<|endoftext|>` as byte ids, padded with <|endoftext|> to ANSWER_TOKENS."""
    ids = text.encode(f"#### {answer}") + [text.END_OF_TEXT]
    return ids + [text.END_OF_TEXT] * (ANSWER_TOKENS - len(ids))


def completion_text(ids: list[int]) -> str:
    """The completion up to (not including) its first <|endoftext|>."""
    if text.END_OF_TEXT in ids:
        ids = ids[: ids.index(text.END_OF_TEXT)]
    return text.decode(ids)


def completion_mask(completions: torch.Tensor) -> torch.Tensor:
    """(B, L) completion ids -> (B, L) bool: every token up to and including the first <|endoftext|>."""
    ended = (completions == text.END_OF_TEXT).int().cumsum(dim=1)
    return (ended == 0) | ((ended == 1) & (completions == text.END_OF_TEXT))


def noisy_labels(tasks: list[Problem], noise: float, generator: torch.Generator) -> list[str]:
    """The warm-up's answers: each gold answer, or with probability `noise` one off by +-1."""
    labels = []
    for problem in tasks:
        value = int(problem.gold)
        if torch.rand((), generator=generator).item() < noise:
            value += 1 if value == 0 or torch.rand((), generator=generator).item() < 0.5 else -1
        labels.append(str(value))
    return labels


def prompt_ids(tasks: list[Problem]) -> torch.Tensor:
    return torch.tensor([text.encode(problem.prompt) for problem in tasks])


def warm_up(
    model: TinyGPT,
    tasks: list[Problem],
    labels: list[str],
    steps: int,
    lr: float,
    batch_size: int,
    generator: torch.Generator,
) -> float:
    """Supervised steps on prompt + label completions, loss on completion tokens only; the last loss."""
    ids = torch.cat([prompt_ids(tasks), torch.tensor([completion_ids(label) for label in labels])], dim=1)
    targets = ids[:, 1:].clone()
    targets[:, : PROMPT_TOKENS - 1] = -100  # the prompt is given, not learned
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.0)
    model.train()
    loss = torch.tensor(float("nan"))
    for _ in range(steps):
        rows = torch.randint(len(tasks), (batch_size,), generator=generator)
        logits = model(ids[rows, :-1])
        loss = F.cross_entropy(logits.flatten(0, 1), targets[rows].flatten(), ignore_index=-100)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
    return loss.item()


@torch.no_grad()
def generate(model: TinyGPT, prompts: torch.Tensor, generator: torch.Generator | None) -> torch.Tensor:
    """(B, P) prompts -> (B, ANSWER_TOKENS) completions: sampled at temperature 1, greedy if no generator."""
    model.eval()
    ids = prompts
    for _ in range(ANSWER_TOKENS):
        logits = model(ids)[:, -1]
        if generator is None:
            token = logits.argmax(dim=-1, keepdim=True)
        else:
            token = torch.multinomial(torch.softmax(logits, dim=-1), 1, generator=generator)
        ids = torch.cat([ids, token], dim=1)
    return ids[:, prompts.shape[1] :]


def rewards(rl: Chapter7, tasks: list[Problem], completions: torch.Tensor) -> torch.Tensor:
    """(B,) rewards: `math_reward` of completion row i against tasks[i]."""
    return torch.tensor(
        [
            float(rl.math_reward(problem.prompt, completion_text(ids), problem.gold))
            for problem, ids in zip(tasks, completions.tolist(), strict=True)
        ]
    )


def accuracy(model: TinyGPT, tasks: list[Problem], rl: Chapter7) -> float:
    """Fraction of `tasks` whose greedy completion `math_reward` scores 1."""
    return rewards(rl, tasks, generate(model, prompt_ids(tasks), None)).mean().item()


def rl_step(
    model: TinyGPT,
    optimizer: torch.optim.Optimizer,
    batch: list[Problem],
    group_size: int,
    rl: Chapter7,
    generator: torch.Generator,
) -> tuple[float, float]:
    """One GRPO step on `batch`: sample, reward, advantages, loss, update. (mean reward, loss)."""
    prompts = prompt_ids(batch).repeat_interleave(group_size, dim=0)  # (G*N, P), a group per prompt
    completions = generate(model, prompts, generator)  # (G*N, L)
    grouped = [problem for problem in batch for _ in range(group_size)]  # the prompt of each row
    scores = rewards(rl, grouped, completions).view(len(batch), group_size)  # (G, N)
    advantages = rl.group_advantages(scores).flatten()  # (G*N,)

    model.train()
    ids = torch.cat([prompts, completions], dim=1)
    logits = model(ids[:, :-1])[:, PROMPT_TOKENS - 1 :]  # the distributions the completion was drawn from
    log_probs = rl.token_log_probs(logits, completions)  # (G*N, L)
    loss = rl.policy_gradient_loss(log_probs, advantages, completion_mask(completions))
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    return scores.mean().item(), loss.item()


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m llmdd.rl_demo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--impl", default="exercises", help="exercises (default), solutions, or a PATH")
    parser.add_argument("--out", type=Path, default=Path("runs/rl_demo"), help="folder for the CSV and plot")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--warmup-steps", type=int, default=120, help="supervised steps before RL")
    parser.add_argument("--noise", type=float, default=0.3, help="share of warm-up labels off by one")
    parser.add_argument("--steps", type=int, default=400, help="RL steps")
    parser.add_argument("--prompts", type=int, default=32, help="prompts per RL step")
    parser.add_argument("--group-size", type=int, default=8, help="completions sampled per prompt")
    parser.add_argument("--lr", type=float, default=3e-4, help="RL learning rate")
    parser.add_argument("--eval-every", type=int, default=20)
    # One thread: the matrices are so small that more threads cost more in handing out work than
    # they save; on the course's shared 2-core CPU, 2 threads made the run about 8 times slower.
    parser.add_argument("--threads", type=int, default=1, help="torch threads (default 1: fastest here)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_arguments(argv)
    try:
        run(args)
    except NotImplementedError as error:  # an unfinished stub: say which task, not a traceback
        message = f"{args.impl}/ch07 is not finished ({error}); --impl solutions runs the reference"
        raise SystemExit(message) from None


def run(args: argparse.Namespace) -> None:
    torch.set_num_threads(args.threads)
    rl = chapter7(args.impl)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    tasks = problems()
    labels = noisy_labels(tasks, args.noise, generator)
    wrong = sum(label != problem.gold for label, problem in zip(labels, tasks))
    started = time.perf_counter()

    model = TinyGPT(CONFIG)
    warm_loss = warm_up(model, tasks, labels, args.warmup_steps, 3e-3, 32, generator)
    before = accuracy(model, tasks, rl)
    console.print(
        f"tiny GPT, {model.num_parameters():,} parameters; warm-up: {args.warmup_steps} steps on 100 sums "
        f"({wrong} labels off by one), loss {warm_loss:.3f}; greedy accuracy {before:.0%}"
    )

    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.0)
    curve: list[Point] = [(0, None, before, time.perf_counter() - started)]  # step 0: before RL
    columns = (TextColumn("RL step"), MofNCompleteColumn(), BarColumn(), TextColumn("{task.fields[status]}"))
    with Progress(*columns, TimeElapsedColumn(), console=console) as progress:
        bar = progress.add_task("rl", total=args.steps, status=f"accuracy {before:.0%}")
        last = before
        for step in range(1, args.steps + 1):
            rows = torch.randperm(len(tasks), generator=generator)[: args.prompts].tolist()
            batch = [tasks[row] for row in rows]
            reward, _ = rl_step(model, optimizer, batch, args.group_size, rl, generator)
            measure = step % args.eval_every == 0 or step == args.steps
            score = accuracy(model, tasks, rl) if measure else None
            last = last if score is None else score
            curve.append((step, reward, score, time.perf_counter() - started))
            progress.update(bar, advance=1, status=f"reward {reward:.2f}  accuracy {last:.0%}")

    seconds = time.perf_counter() - started
    console.print(
        f"greedy accuracy on the 100 sums: {before:.0%} before RL, {last:.0%} after {args.steps} steps "
        f"({seconds:.0f} s in all)"
    )
    write_curve(curve, args.out / "rl_accuracy.csv")
    plot_curve(curve, args.group_size, 1 - wrong / len(tasks), args.out / "rl_accuracy.png")
    console.print(f"wrote {args.out / 'rl_accuracy.csv'} and {args.out / 'rl_accuracy.png'}")


def write_curve(curve: list[Point], path: Path) -> None:
    """One row per RL step (step 0: before RL); accuracy only at the steps where it was measured."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["step", "mean_reward", "greedy_accuracy", "seconds"])
        for step, reward, score, seconds in curve:
            reward_cell = "" if reward is None else f"{reward:.4f}"
            writer.writerow([step, reward_cell, "" if score is None else f"{score:.2f}", f"{seconds:.1f}"])


def plot_curve(curve: list[Point], group_size: int, ceiling: float, path: Path) -> None:
    """Mean sampled reward per step (light), greedy accuracy (points) and imitation's ceiling (dashed)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4), dpi=110)
    sampled = [point for point in curve if point[1] is not None]
    axes.plot(
        [p[0] for p in sampled],
        [p[1] for p in sampled],
        color="tab:orange",
        alpha=0.4,
        label=f"mean reward of the sampled completions ({group_size} per prompt)",
    )
    measured = [point for point in curve if point[2] is not None]
    axes.plot(
        [p[0] for p in measured],
        [p[2] for p in measured],
        "o-",
        color="tab:blue",
        label="greedy accuracy on all 100 sums",
    )
    axes.axhline(
        ceiling,
        color="tab:gray",
        linestyle="--",
        label=f"imitating the warm-up labels perfectly ({ceiling:.0%} right)",
    )
    axes.set_xlabel("RL step")
    axes.set_ylabel("accuracy / reward")
    axes.set_ylim(0, 1.02)
    axes.set_title("GRPO on single-digit addition (tiny GPT, after a noisy warm-up)")
    axes.legend(loc="lower right")
    axes.grid(alpha=0.3)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    plt.close(figure)


if __name__ == "__main__":
    main()
