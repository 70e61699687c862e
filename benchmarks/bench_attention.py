"""Attention on this CPU: the chapter-4 references against PyTorch's fused kernel.

    python benchmarks/bench_attention.py            # T = 256, 1024, 2048 (~1 min on 2 cores)

For each sequence length: median wall time (interleaved repeats, warm-up first) of
`torch.nn.functional.scaled_dot_product_attention(is_causal=True)`, the reference
`causal_attention` (materializes the T×T scores) and the reference `blockwise_attention`
(online softmax); and each one's peak extra memory, measured in a fresh process as the growth of
peak resident memory (VmHWM) during one call, next to the size of one float32 T×T score
matrix per head. Figures go to benchmarks/results/attention.json.
"""

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from solutions.ch04.attention import causal_attention  # noqa: E402
from solutions.ch04.memory_efficient import blockwise_attention  # noqa: E402

RESULTS = Path(__file__).parent / "results" / "attention.json"
BATCH, HEADS, HEAD_DIM = 4, 8, 64
LENGTHS = (256, 1024, 2048)
KERNELS = {
    "sdpa": lambda q, k, v: F.scaled_dot_product_attention(q, k, v, is_causal=True),
    "reference": causal_attention,
    "blockwise": blockwise_attention,
}
# Peak resident memory of the process (VmHWM, per address space: unlike ru_maxrss it does not
# inherit the parent's peak across fork and exec).
MEMORY_PROBE = """
import sys, torch
sys.path.insert(0, {root!r})
sys.path.insert(0, {here!r})
from bench_attention import KERNELS
def peak_kib():
    return int(next(l for l in open("/proc/self/status") if l.startswith("VmHWM")).split()[1])
q, k, v = (torch.randn({batch}, {heads}, {length}, {dim}) for _ in range(3))
KERNELS[{name!r}](q[:, :, :8], k[:, :, :8], v[:, :, :8])  # load code paths first
before = peak_kib()
KERNELS[{name!r}](q, k, v)
print(peak_kib() - before)
"""


def median_times(length: int, repeats: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in KERNELS}
    for round_ in range(repeats + 1):
        q, k, v = (torch.randn(BATCH, HEADS, length, HEAD_DIM) for _ in range(3))  # fresh inputs
        for name, kernel in KERNELS.items():
            started = time.perf_counter()
            kernel(q, k, v)
            if round_:  # round 0 is the warm-up
                samples[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in samples.items()}


def peak_extra_mib(name: str, length: int) -> float:
    code = MEMORY_PROBE.format(
        root=str(ROOT), here=str(Path(__file__).parent), batch=BATCH, heads=HEADS,
        length=length, dim=HEAD_DIM, name=name,
    )  # fmt: skip
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(output.stdout.strip()) / 1024


def main() -> None:
    rows = []
    for length in LENGTHS:
        times = median_times(length, repeats=5 if length < 2048 else 3)
        memory = {name: peak_extra_mib(name, length) for name in KERNELS}
        scores_mib = BATCH * HEADS * length * length * 4 / 2**20
        rows.append({"T": length, "seconds": times, "peak_extra_mib": memory, "scores_mib": scores_mib})
        print(
            f"T={length:5d}  time ms: "
            + "  ".join(f"{n} {1000 * t:7.1f}" for n, t in times.items())
            + f"  | reference/sdpa {times['reference'] / times['sdpa']:.2f}x"
            + f"  blockwise/sdpa {times['blockwise'] / times['sdpa']:.2f}x"
            + "  | peak extra MiB: "
            + "  ".join(f"{n} {m:7.1f}" for n, m in memory.items())
            + f"  (B·H·T² float32 scores: {scores_mib:.0f} MiB)"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    figures = {
        "batch": BATCH, "heads": HEADS, "head_dim": HEAD_DIM, "threads": torch.get_num_threads(),
        "torch": torch.__version__, "rows": rows,
    }  # fmt: skip
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
