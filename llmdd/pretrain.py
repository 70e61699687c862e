"""Pretrain the tiny GPT on Python's documentation with your chapter 5 code.

    python -m llmdd.pretrain                    # your exercises/ch05 (batching, schedule, step, sampling)
    python -m llmdd.pretrain --impl solutions   # the reference: how the course's checkpoint was made

Every step draws random windows (task 5.1), sets the learning rate (5.3) and runs one training
step (5.4, which uses your loss, 5.2); every `--eval-every` steps the validation loss is measured
and at the end a sample is drawn (5.5). The result is a versioned checkpoint (`checkpoint.py`)
and a CSV of the loss curve; `--plot` draws the curve (needs matplotlib, in the `dev` extra).

The baseline to beat is the unigram loss: the best a model can do knowing only how often each
byte occurs. Anything below it was learned from context.
"""

import argparse
import csv
import math
import sys
import time
from pathlib import Path

import torch
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from grader.loader import implementation, select

from . import checkpoint, text
from .gpt import GPTConfig, TinyGPT

console = Console()


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m llmdd.pretrain", description=__doc__.split("\n\n")[0])
    parser.add_argument("--impl", default="exercises", help="exercises (default), solutions, or a PATH")
    parser.add_argument("--steps", type=int, default=1500)
    parser.add_argument(
        "--batch-size", type=int, default=8, help="windows per step, each of the model's context length"
    )
    parser.add_argument("--max-lr", type=float, default=3e-3)
    parser.add_argument("--warmup-steps", type=int, default=100)
    parser.add_argument("--eval-every", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1337)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    parser.add_argument("--out", type=Path, default=Path("runs/pydoc-tiny.pt"), help="checkpoint to write")
    parser.add_argument("--plot", type=Path, help="also draw the loss curve into this image")
    return parser.parse_args(argv)


@torch.no_grad()
def evaluate(model: TinyGPT, stream: torch.Tensor, context_length: int) -> float:
    """Mean next-token loss (nats) over `stream` cut into consecutive windows."""
    model.eval()
    windows = (len(stream) - 1) // context_length
    inputs = stream[: windows * context_length].view(windows, context_length)
    targets = stream[1 : windows * context_length + 1].view(windows, context_length)
    logits = model(inputs)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten()).item()


def main(argv: list[str] | None = None) -> None:
    args = parse_arguments(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    select(args.impl)
    batching, schedule = implementation("ch05.batching"), implementation("ch05.schedule")
    training, sampling = implementation("ch05.training"), implementation("ch05.sampling")

    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    train, validation = text.token_stream("train"), text.token_stream("validation")
    baseline = text.unigram_loss(train, validation)
    model = TinyGPT(GPTConfig())
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.max_lr, betas=(0.9, 0.95), weight_decay=0.1)
    console.print(
        f"tiny GPT: {model.num_parameters():,} parameters; {len(train):,} training tokens; "
        f"unigram baseline {baseline:.3f} nats/token"
    )

    curve: list[tuple[int, int, float, float | None]] = []  # step, tokens seen, train loss, val loss
    tokens_per_step = args.batch_size * model.config.context_length
    started = time.perf_counter()
    columns = (TextColumn("step"), MofNCompleteColumn(), BarColumn(), TextColumn("{task.fields[status]}"))
    with Progress(*columns, TimeRemainingColumn(), console=console) as progress:
        bar = progress.add_task("pretraining", total=args.steps, status="")
        for step in range(args.steps):
            lr = schedule.learning_rate(
                step,
                max_lr=args.max_lr,
                min_lr=args.max_lr / 10,
                warmup_steps=min(args.warmup_steps, args.steps),
                total_steps=args.steps,
            )
            for group in optimizer.param_groups:
                group["lr"] = lr
            inputs, targets = batching.random_windows(
                train, args.batch_size, model.config.context_length, generator
            )
            loss = training.train_step(model, optimizer, inputs, targets, max_grad_norm=1.0)
            last = step == args.steps - 1
            val = (
                evaluate(model, validation, model.config.context_length)
                if last or step % args.eval_every == 0
                else None
            )
            curve.append((step, (step + 1) * tokens_per_step, loss, val))
            rate = (step + 1) * tokens_per_step / (time.perf_counter() - started)
            status = (
                f"loss {loss:.3f}" + (f"  val {val:.3f}" if val is not None else "") + f"  {rate:,.0f} tok/s"
            )
            progress.update(bar, advance=1, status=status)
            if not math.isfinite(loss):
                raise SystemExit(f"the loss became {loss} at step {step}: check your loss and clipping")

    seconds = time.perf_counter() - started
    final = curve[-1][3]
    console.print(f"validation loss {final:.3f} nats/token (unigram {baseline:.3f}) after {seconds:.0f} s")
    meta = {
        "impl": args.impl,
        "steps": args.steps,
        "tokens_seen": args.steps * tokens_per_step,
        "validation_loss": final,
        "unigram_loss": baseline,
        "seconds": round(seconds, 1),
        "seed": args.seed,
        "command": " ".join(["python -m llmdd.pretrain", *(sys.argv[1:] if argv is None else argv)]),
        "torch": str(torch.__version__),  # a plain str: weights_only loading refuses torch's version class
    }
    checkpoint.save(model, args.out, meta)
    write_curve(curve, args.out.with_suffix(".csv"))
    if args.plot:
        plot_curve(curve, baseline, args.plot)
    prompt = torch.tensor([text.encode("The ")])
    sample = sampling.generate(model.eval(), prompt, 300, temperature=0.8, top_k=50, generator=generator)
    console.print("[bold]sample[/bold] (temperature 0.8, top-k 50):", markup=True)
    console.print(text.decode(sample[0].tolist()), markup=False, highlight=False)


def write_curve(curve: list, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["step", "tokens", "train_loss", "validation_loss"])
        writer.writerows(
            (step, tokens, f"{loss:.4f}", "" if val is None else f"{val:.4f}")
            for step, tokens, loss, val in curve
        )


def plot_curve(curve: list, baseline: float, path: Path) -> None:
    """Train loss (light), validation loss (points) and the unigram baseline against tokens seen."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4), dpi=110)
    axes.plot(
        [c[1] for c in curve],
        [c[2] for c in curve],
        color="tab:blue",
        alpha=0.35,
        label="training batch loss",
    )
    evaluated = [c for c in curve if c[3] is not None]
    axes.plot(
        [c[1] for c in evaluated], [c[3] for c in evaluated], "o-", color="tab:blue", label="validation loss"
    )
    axes.axhline(baseline, color="tab:red", linestyle="--", label=f"unigram baseline ({baseline:.2f})")
    axes.set_xlabel("training tokens seen")
    axes.set_ylabel("loss (nats per byte token)")
    axes.set_title("Pretraining the tiny GPT on Python's documentation")
    axes.legend()
    axes.grid(alpha=0.3)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)


if __name__ == "__main__":
    main()
