"""Pretraining and sampling speed of the course's tiny GPT on this CPU, with the chapter-5 references.

    python benchmarks/bench_pretrain.py             # ~1-2 min on 2 cores
    python benchmarks/bench_pretrain.py --quick     # smoke run, a few seconds; writes pretrain.quick.json

Training: tokens per second of `solutions.ch05.training.train_step` on `TinyGPT(GPTConfig())`
(the model `python -m llmdd.pretrain` trains: 4 layers, d_model 128, context 256, vocabulary
257) with the script's batch (8 windows of 256 tokens = 2048 tokens per step) and optimizer
(AdamW, betas 0.9/0.95, weight decay 0.1), windows drawn by `random_windows` from the training
text. Each timed round is several steps; the figure is the median over rounds, after a warm-up
round. With torch's default thread count and with one thread.

Sampling: new tokens per second of `solutions.ch05.sampling.generate` (temperature 0.8, top-k
50, no KV cache: every step runs the model on the whole window, up to 256 tokens) from the
prompt "The ", for 1 and for 8 sequences at once, 300 new tokens each. Figures go to
benchmarks/results/pretrain.json with the load average, since the machine is shared.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from llmdd import text  # noqa: E402
from llmdd.gpt import GPTConfig, TinyGPT  # noqa: E402
from solutions.ch05.batching import random_windows  # noqa: E402
from solutions.ch05.sampling import generate  # noqa: E402
from solutions.ch05.training import train_step  # noqa: E402

RESULTS = Path(__file__).parent / "results"
BATCH = 8  # windows per step, as in llmdd.pretrain


def training_tokens_per_second(threads: int, rounds: int, steps_per_round: int) -> dict:
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = TinyGPT(GPTConfig())
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, betas=(0.9, 0.95), weight_decay=0.1)
    stream = text.token_stream("train")
    generator = torch.Generator().manual_seed(0)
    tokens_per_step = BATCH * model.config.context_length
    rates = []
    for round_ in range(rounds + 1):  # round 0 warms up
        batches = [
            random_windows(stream, BATCH, model.config.context_length, generator)
            for _ in range(steps_per_round)
        ]
        started = time.perf_counter()
        for inputs, targets in batches:
            train_step(model, optimizer, inputs, targets, max_grad_norm=1.0)
        if round_:
            rates.append(steps_per_round * tokens_per_step / (time.perf_counter() - started))
    return {
        "threads": threads,
        "tokens_per_step": tokens_per_step,
        "tokens_per_second": statistics.median(rates),
        "samples": rates,
    }


def sampling_tokens_per_second(threads: int, batch: int, new_tokens: int, rounds: int) -> dict:
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = TinyGPT(GPTConfig()).eval()
    prompt = torch.tensor([text.encode("The ")] * batch)
    rates = []
    for round_ in range(rounds + 1):
        generator = torch.Generator().manual_seed(round_)
        started = time.perf_counter()
        out = generate(model, prompt, new_tokens, temperature=0.8, top_k=50, generator=generator)
        if round_:
            rates.append(batch * (out.shape[1] - prompt.shape[1]) / (time.perf_counter() - started))
    return {
        "threads": threads,
        "batch": batch,
        "new_tokens": new_tokens,
        "tokens_per_second": statistics.median(rates),
        "samples": rates,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run; writes pretrain.quick.json")
    args = parser.parse_args()
    rounds, steps, new_tokens = (1, 2, 40) if args.quick else (5, 5, 300)
    default_threads = torch.get_num_threads()
    thread_counts = sorted({default_threads, 1}, reverse=True)
    training = [training_tokens_per_second(t, rounds, steps) for t in thread_counts]
    for row in training:
        seconds_per_step = row["tokens_per_step"] / row["tokens_per_second"]
        print(
            f"training, {row['threads']} thread(s): {row['tokens_per_second']:,.0f} tokens/s "
            f"({seconds_per_step:.3f} s per step of {row['tokens_per_step']} tokens)"
        )
    sampling = [
        sampling_tokens_per_second(t, b, new_tokens, max(1, rounds // 2))
        for t in thread_counts
        for b in (1, 8)
    ]
    for row in sampling:
        print(
            f"sampling, {row['threads']} thread(s), batch {row['batch']}: "
            f"{row['tokens_per_second']:,.0f} new tokens/s"
        )
    figures = {
        "model": "TinyGPT(GPTConfig())",
        "parameters": TinyGPT(GPTConfig()).num_parameters(),
        "training": training,
        "sampling": sampling,
        "torch": torch.__version__,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
    }
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / ("pretrain.quick.json" if args.quick else "pretrain.json")
    path.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
