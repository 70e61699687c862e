"""Serving the tiny GPT on this CPU: the chapter-8 KV cache and weight quantization, measured.

    python benchmarks/bench_deployment.py --plot lessons/ch08/decode_step_time.png   # ~1 min on 2 idle cores
    python benchmarks/bench_deployment.py --quick    # smoke run (~15 s); writes deployment.quick.json

All with the chapter-8 references (`solutions/ch08`), float32, one torch thread by default
(`--threads`): on a shared 2-core machine one thread gives far steadier timings.

1. **Decode step time** with the cache (`forward_with_cache`: one new token over T cached
   positions) and without it (`model(ids)` on all T tokens, last position kept), at context
   lengths T up to 1024. `GPTConfig()` stops at 256 positions, so this part uses
   `GPTConfig(context_length=1024)`: the course model's shape with a longer position table
   (speed does not depend on the weights' values, so they are freshly initialized). The two
   take turns; with the cache, each turn is 10 consecutive steps, as in a generation loop.
   Then whole greedy generations (1-token prompt, T - 1 new tokens) with `generate_with_cache`
   and `generate_without_cache`, checked to give identical tokens.
2. **Bytes read per decoded token**: the estimate (every weight once, one row of each embedding,
   the cache's 2 · layers · T · d_model values) against the bytes that the tensor operations of
   one step are handed, counted by intercepting every operation (torch's dispatch mode). This
   counts what the kernels read, not DRAM traffic: small tensors stay in the CPU's caches.
3. **Bandwidth and batching**: this machine's read and copy bandwidth; the decode step of the
   tiny GPT and of a 101.6 M-parameter GPT of the same design (d_model 1024, 8 layers: a step reads
   404 MB of float32 weights, far more than any CPU cache holds) at batch 1 to 64.
4. **Quantization of the course model** (`llmdd/checkpoints/pydoc-tiny.pt`) on the validation
   split of `llmdd.text` (42 windows of 256 tokens): stored size, bits per weight, KL(float ||
   quantized) of the next-token distributions, perplexity and top-1 agreement, for int8 per
   channel and int4 with groups of 32, 64 and 128 (`quantize_model`), next to per-tensor int8,
   one int4 group per row, and emulations of llama.cpp's Q8_0 and Q4_0 blocks (32 weights and
   a float16 scale: 8.5 and 4.5 bits per weight).

Figures go to benchmarks/results/deployment.json with the machine, the date and the load average.
"""

import argparse
import copy
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F
from torch.utils._python_dispatch import TorchDispatchMode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from llmdd import checkpoint, text  # noqa: E402
from llmdd.gpt import GPTConfig, TinyGPT  # noqa: E402
from solutions.ch08.generation import generate_with_cache, generate_without_cache  # noqa: E402
from solutions.ch08.int4 import dequantize_int4, quantize_int4  # noqa: E402
from solutions.ch08.int8 import dequantize_int8, quantize_int8  # noqa: E402
from solutions.ch08.kv_cache import KVCache, forward_with_cache  # noqa: E402
from solutions.ch08.quantized_linear import QuantizedLinear, quantize_model  # noqa: E402

RESULTS = Path(__file__).parent / "results"
LONG = GPTConfig(context_length=1024)  # the course model's shape, with room for T = 1024
WIDE = GPTConfig(d_model=1024, n_heads=16, n_layers=8)  # 101.6 M parameters: 404 MB read per step in float32
LLAMA_BLOCK = 32  # weights per block in llama.cpp's Q8_0 and Q4_0


def nbytes(tensor: torch.Tensor) -> int:
    return tensor.numel() * tensor.element_size()


def cache_bytes_per_position(config: GPTConfig, batch: int = 1) -> int:
    """2 (k and v) · layers · d_model float32 values per cached token and sequence."""
    return batch * 2 * config.n_layers * config.d_model * 4


def fresh_model(config: GPTConfig = LONG) -> TinyGPT:
    """A freshly initialized model (seed 0): speed does not depend on the weights' values."""
    torch.manual_seed(0)
    return TinyGPT(config).eval()


def cache_at(model: TinyGPT, length: int, batch: int = 1, max_len: int | None = None) -> KVCache:
    """A cache already holding `length` positions (random keys and values: timing ignores values)."""
    config = model.config  # not KVCache.for_model: it reads model.head.weight, which a quantized head lacks
    head_dim = config.d_model // config.n_heads
    cache = KVCache(config.n_layers, batch, config.n_heads, head_dim, max_len or config.context_length)
    for keys, values in zip(cache.keys, cache.values):
        keys.normal_()
        values.normal_()
    cache.length = length
    return cache


def decode_step(model: TinyGPT, cache: KVCache) -> None:
    """One cached step on a fresh token, then rewound, so that every call sees the same length."""
    batch = cache.keys[0].shape[0]
    forward_with_cache(model, torch.randint(0, model.config.vocab_size, (batch, 1)), cache)
    cache.length -= 1  # as after reset: positions >= length are written before they are read again


def uncached_step(model: TinyGPT, length: int, batch: int = 1) -> None:
    """One step without a cache: the whole (fresh) sequence of `length` tokens, last position kept."""
    model(torch.randint(0, model.config.vocab_size, (batch, length)))[:, -1]


def steps_at(model: TinyGPT, length: int) -> dict[str, Callable[[], None]]:
    """The two ways to decode one token at context `length`: with a cache of length - 1, and without."""
    cache = cache_at(model, length - 1)
    return {"cached": partial(decode_step, model, cache), "uncached": partial(uncached_step, model, length)}


def median_seconds(
    calls: dict[str, Callable[[], object]], rounds: int, runs: dict[str, int] | None = None
) -> dict:
    """Median (and samples) of each call's wall time. The calls take turns round by round, so that a
    change of load hits them alike. In each round a call runs once untimed, then `runs[name]` times
    in a row (default 1), timed together."""
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            count = (runs or {}).get(name, 1)
            call()
            started = time.perf_counter()
            for _ in range(count):
                call()
            samples[name].append((time.perf_counter() - started) / count)
    return {name: {"median_s": statistics.median(s), "samples_s": s} for name, s in samples.items()}


def median_of(call: Callable[[], object], rounds: int, runs: int = 1) -> float:
    return median_seconds({"call": call}, rounds, {"call": runs})["call"]["median_s"]


@torch.no_grad()
def decode_times(lengths: list[int], rounds: int) -> dict:
    model = fresh_model()
    rows = []
    for length in lengths:
        times = median_seconds(
            steps_at(model, length), rounds if length < 512 else max(3, rounds // 2), {"cached": 10}
        )
        cached, uncached = times["cached"]["median_s"], times["uncached"]["median_s"]
        rows.append({"T": length, **times, "speedup": uncached / cached})
        print(
            f"decode T={length:5d}: cached {1e3 * cached:6.2f} ms ({1 / cached:5.0f} tok/s), "
            f"uncached {1e3 * uncached:6.2f} ms ({1 / uncached:5.0f} tok/s), "
            f"speed-up {uncached / cached:4.1f}x"
        )
    # Cached step ~ fixed cost + slope · T: the slope is the price of one more cached position.
    ts = torch.tensor([float(row["T"]) for row in rows], dtype=torch.float64)
    ys = torch.tensor([row["cached"]["median_s"] for row in rows], dtype=torch.float64)
    slope = (((ts - ts.mean()) * (ys - ys.mean())).sum() / ((ts - ts.mean()) ** 2).sum()).item()
    fit = {
        "intercept_s": (ys.mean() - slope * ts.mean()).item(),
        "slope_s_per_position": slope,
        "implied_gb_per_s": cache_bytes_per_position(LONG) / slope / 1e9 if slope > 0 else None,
    }
    return {"config": LONG.__dict__, "rows": rows, "cached_fit": fit}


@torch.no_grad()
def generation_rates(lengths: list[int]) -> list[dict]:
    """Whole greedy generations from a 1-token prompt up to T tokens, with and without the cache."""
    model = fresh_model()
    rows = []
    for length in lengths:
        prompt = torch.randint(0, LONG.vocab_size, (1, 1))
        seconds, outputs = {}, {}
        for name, generate in (("cached", generate_with_cache), ("uncached", generate_without_cache)):
            started = time.perf_counter()
            outputs[name] = generate(model, prompt, length - 1)
            seconds[name] = time.perf_counter() - started
        assert torch.equal(outputs["cached"], outputs["uncached"]), "the cache changed the generated tokens"
        rates = {name: (length - 1) / s for name, s in seconds.items()}
        rows.append({"T": length, "new_tokens": length - 1, "seconds": seconds, "tokens_per_s": rates})
        print(
            f"generate {length - 1:4d} tokens: cached {rates['cached']:5.0f} tok/s, "
            f"uncached {rates['uncached']:5.0f} tok/s (identical tokens)"
        )
    return rows


class Traffic(TorchDispatchMode):
    """Adds up the bytes of the tensors each operation reads (views are free; an embedding reads its rows)."""

    def __init__(self) -> None:
        super().__init__()
        self.read = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func is torch.ops.aten.embedding.default:
            weight, indices = args[0], args[1]
            self.read += nbytes(indices) + indices.numel() * weight.shape[1] * weight.element_size()
        elif not func.is_view:
            for index, argument in enumerate(func._schema.arguments):
                value = args[index] if index < len(args) else kwargs.get(argument.name)
                if argument.alias_info is not None and argument.alias_info.is_write:
                    continue  # the destination of an in-place write, not an input
                for tensor in value if isinstance(value, (list, tuple)) else [value]:
                    self.read += nbytes(tensor) if isinstance(tensor, torch.Tensor) else 0
        return func(*args, **kwargs)


def read_bytes(call: Callable[[], object]) -> int:
    with Traffic() as traffic:
        call()
    return traffic.read


def weight_bytes_per_token(model: nn.Module) -> int:
    """What a decoding step reads once: every parameter and buffer, but one row of each embedding."""
    total = sum(nbytes(t) for t in (*model.parameters(), *model.buffers()))
    for embedding in (m for m in model.modules() if isinstance(m, nn.Embedding)):
        total -= nbytes(embedding.weight) - embedding.weight.shape[1] * embedding.weight.element_size()
    return total


@torch.no_grad()
def traffic(lengths: list[int], rounds: int) -> dict:
    model = fresh_model()
    rows = []
    for length in lengths:
        steps = steps_at(model, length)
        row = {
            "T": length,
            "cached_estimate": weight_bytes_per_token(model) + length * cache_bytes_per_position(LONG),
            "cached_counted": read_bytes(steps["cached"]),
            "uncached_counted": read_bytes(steps["uncached"]),
        }
        rows.append(row)
        print(
            f"bytes read per token at T={length:4d}: estimate {row['cached_estimate'] / 1e6:.2f} MB, counted "
            f"{row['cached_counted'] / 1e6:.2f} MB with the cache, "
            f"{row['uncached_counted'] / 1e6:.1f} MB without"
        )
    # The same step with every linear layer quantized: QuantizedLinear dequantizes at every call.
    quantized, length = [], 256
    for label, bits, group in (("float32", 0, 0), ("int8 per channel", 8, 64), ("int4 group 64", 4, 64)):
        variant = copy.deepcopy(model)
        if bits:
            quantize_model(variant, bits, group)
        cache = cache_at(variant, length - 1)
        step = partial(decode_step, variant, cache)
        row = {
            "weights": label,
            "stored_bytes": weight_bytes_per_token(variant),
            "counted_bytes": read_bytes(step),
            "step_s": median_of(step, rounds, runs=10),
        }
        quantized.append(row)
        print(
            f"  T=256, {label}: weights stored {row['stored_bytes'] / 1e6:.2f} MB, "
            f"read {row['counted_bytes'] / 1e6:.2f} MB, {1e3 * row['step_s']:.2f} ms per step"
        )
    return {
        "cache_bytes_per_position": cache_bytes_per_position(LONG),
        "rows": rows,
        "quantized_T256": quantized,
    }


def bandwidth(mebibytes: int, rounds: int) -> dict:
    """GB/s of summing a large float32 tensor (reads only) and of copying it (reads + writes)."""
    source = torch.randn(mebibytes * 2**18)
    target = torch.empty_like(source)
    times = median_seconds({"read": source.sum, "copy": partial(target.copy_, source)}, rounds)
    size = nbytes(source)
    figures = {
        "bytes": size,
        "read_gb_per_s": size / times["read"]["median_s"] / 1e9,
        "copy_gb_per_s": 2 * size / times["copy"]["median_s"] / 1e9,
    }
    print(
        f"memory bandwidth, {size / 2**20:.0f} MiB: read {figures['read_gb_per_s']:.1f} GB/s, "
        f"copy (read + write) {figures['copy_gb_per_s']:.1f} GB/s"
    )
    return figures


@torch.no_grad()
def batching(config: GPTConfig, length: int, batches: list[int], rounds: int, with_int8: bool) -> dict:
    """Decode step time by batch size: the weights are read once per step, whatever the batch."""
    model = fresh_model(config)
    weights = weight_bytes_per_token(model)
    name = f"d_model {config.d_model}, {config.n_layers} layers"
    runs = 10 if config.d_model <= 128 else 1
    rows = []
    for batch in batches:
        seconds = median_of(
            partial(decode_step, model, cache_at(model, length - 1, batch, length)), rounds, runs
        )
        cache_bytes = length * cache_bytes_per_position(config, batch)
        rows.append(
            {"batch": batch, "step_s": seconds, "tokens_per_s": batch / seconds, "cache_bytes": cache_bytes}
        )
        print(
            f"  {name}, T={length}, batch {batch:2d}: {1e3 * seconds:6.2f} ms per step, "
            f"{batch / seconds:6.0f} tok/s"
        )
    figures = {"config": config.__dict__, "parameters": model.num_parameters(), "weight_bytes": weights}
    figures |= {"T": length, "rows": rows}
    figures["uncached_batch1_step_s"] = median_of(partial(uncached_step, model, length), max(1, rounds // 2))
    print(
        f"  {name}, T={length}, batch 1 without the cache: {1e3 * figures['uncached_batch1_step_s']:.2f} ms"
    )
    if with_int8:  # QuantizedLinear stores int8 but multiplies by a float32 copy made at every call
        quantize_model(model, 8)
        seconds = median_of(partial(decode_step, model, cache_at(model, length - 1, max_len=length)), rounds)
        figures["int8_batch1"] = {"step_s": seconds, "weight_bytes_stored": weight_bytes_per_token(model)}
        print(f"  {name}, int8 weights dequantized at every call, batch 1: {1e3 * seconds:.2f} ms per step")
    return figures


def llama_q8_0(weight: torch.Tensor) -> torch.Tensor:
    """llama.cpp's Q8_0, dequantized: blocks of 32; d = absmax / 127, stored as float16; q = roundf(w / d)."""
    blocks = weight.reshape(-1, LLAMA_BLOCK)
    d = blocks.abs().amax(dim=-1, keepdim=True) / 127
    scaled = blocks * torch.where(d > 0, 1 / d, torch.zeros_like(d))
    q = torch.sign(scaled) * torch.floor(scaled.abs() + 0.5)  # C's roundf: ties away from zero
    return (q * d.half().float()).reshape(weight.shape)


def llama_q4_0(weight: torch.Tensor) -> torch.Tensor:
    """llama.cpp's Q4_0, dequantized: blocks of 32; d = (the block's largest-magnitude weight, signed) / -8,
    stored as float16; nibble = min(15, floor(w / d + 8.5)); w~ = (nibble - 8) · d. The extreme weight
    lands on level -8, so the step is |max| / 8 (ours: absmax / 7), and the other sign stops at +7."""
    blocks = weight.reshape(-1, LLAMA_BLOCK)
    d = blocks.gather(-1, blocks.abs().argmax(dim=-1, keepdim=True)) / -8
    nibbles = torch.floor(blocks * torch.where(d != 0, 1 / d, torch.zeros_like(d)) + 8.5).clamp(max=15)
    return ((nibbles - 8) * d.half().float()).reshape(weight.shape)


def per_tensor_int8(weight: torch.Tensor) -> torch.Tensor:
    """Task 8.3's rule with one scale for the whole matrix."""
    q, scale = quantize_int8(weight.reshape(1, -1))
    return dequantize_int8(q, scale).reshape(weight.shape)


def per_row_int4(weight: torch.Tensor) -> torch.Tensor:
    """Task 8.5's rule with one group per row (group size = in_features)."""
    columns = weight.shape[1]
    return dequantize_int4(*quantize_int4(weight, columns), columns, columns)


# Schemes applied by rounding each linear weight in place: (label, rounding, bits per weight (rows, columns)).
EMULATED = (
    ("float16", lambda w: w.half().float(), lambda rows, columns: 16.0),
    ("int8 per tensor", per_tensor_int8, lambda rows, columns: 8 + 32 / (rows * columns)),
    ("llama.cpp Q8_0", llama_q8_0, lambda rows, columns: 8 * (2 + 32) / LLAMA_BLOCK),  # float16 d + 32 int8
    ("int4, one group per row", per_row_int4, lambda rows, columns: 4 + 32 / columns),
    ("llama.cpp Q4_0", llama_q4_0, lambda rows, columns: 8 * (2 + 16) / LLAMA_BLOCK),  # float16 d + 16 bytes
)
# Schemes of the course's QuantizedLinear: (label, bits, group size).
COURSE = (
    ("int8 per channel", 8, 64),
    ("int4 group 128", 4, 128),
    ("int4 group 64", 4, 64),
    ("int4 group 32", 4, 32),
)


@torch.no_grad()
def quantization(windows: int | None) -> dict:
    model = checkpoint.load()
    stream = text.token_stream("validation")
    length = model.config.context_length
    count = min(windows or len(stream), (len(stream) - 1) // length)
    inputs = stream[: count * length].view(count, length)
    targets = stream[1 : count * length + 1].view(count, length).flatten()
    reference = F.log_softmax(model(inputs).double(), dim=-1)
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    weights = sum(m.weight.numel() for m in linears)
    linear_bytes = sum(nbytes(p) for m in linears for p in m.parameters())
    other_bytes = sum(nbytes(p) for p in model.parameters()) - linear_bytes
    bias_bytes = linear_bytes - 4 * weights

    def measure(label: str, variant: nn.Module, weight_bits: float, linear_bytes_after: float) -> dict:
        log_probs = F.log_softmax(variant(inputs).double(), dim=-1)
        loss = F.nll_loss(log_probs.flatten(0, 1), targets).item()
        row = {
            "scheme": label,
            "bits_per_weight": weight_bits / weights,
            "linear_bytes": round(linear_bytes_after),
            "model_bytes": round(other_bytes + linear_bytes_after),
            "kl_nats": (reference.exp() * (reference - log_probs)).sum(-1).mean().item(),
            "loss_nats": loss,
            "perplexity": float(torch.tensor(loss).exp()),
            "top1_agreement": (log_probs.argmax(-1) == reference.argmax(-1)).double().mean().item(),
        }
        print(
            f"  {label:24s} {row['bits_per_weight']:5.2f} bits/weight, "
            f"model {row['model_bytes'] / 1e6:4.2f} MB, KL {row['kl_nats']:.1e}, "
            f"perplexity {row['perplexity']:.3f}, same top-1 {row['top1_agreement']:.1%}"
        )
        return row

    rows = [measure("float32", model, 32.0 * weights, linear_bytes)]
    for label, rounding, bits in EMULATED:
        variant, layout_bits = copy.deepcopy(model), 0.0
        for layer in (m for m in variant.modules() if isinstance(m, nn.Linear)):
            layout_bits += bits(*layer.weight.shape) * layer.weight.numel()
            layer.weight.copy_(rounding(layer.weight))
        rows.append(measure(label, variant, layout_bits, layout_bits / 8 + bias_bytes))
    for label, bits, group in COURSE:
        variant = copy.deepcopy(model)
        report = quantize_model(variant, bits, group)
        layers = [m for m in variant.modules() if isinstance(m, QuantizedLinear)]
        stored_bits = 8 * sum(nbytes(m.weight_q) + nbytes(m.scales) for m in layers)
        rows.append(measure(label, variant, stored_bits, report.bytes_after))
    return {
        "checkpoint": str(checkpoint.COURSE_MODEL.relative_to(ROOT)),
        "tokens": count * length,
        "windows": count,
        "linear_weights": weights,
        "linear_bytes_float32": linear_bytes,
        "other_bytes_float32": other_bytes,
        "rows": rows,
    }


def plot(decode: dict, path: Path) -> None:
    """Per-step decode time against context length: both on a log scale, and the cached one alone."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    ts = [row["T"] for row in decode["rows"]]
    cached = [1e3 * row["cached"]["median_s"] for row in decode["rows"]]
    uncached = [1e3 * row["uncached"]["median_s"] for row in decode["rows"]]
    fit = decode["cached_fit"]
    line = [1e3 * (fit["intercept_s"] + fit["slope_s_per_position"] * t) for t in ts]
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4), dpi=110)
    left.plot(ts, uncached, "o-", color="tab:red", label="without cache: model(all T tokens)")
    left.plot(ts, cached, "o-", color="tab:blue", label="with cache: forward_with_cache(1 token)")
    left.set_yscale("log")
    left.set_ylabel("time per decoding step (ms, log scale)")
    left.set_title("One new token at context length T")
    right.plot(ts, cached, "o-", color="tab:blue", label="with cache (median)")
    intercept, slope = 1e3 * fit["intercept_s"], 1e6 * fit["slope_s_per_position"]
    label = f"fit: {intercept:.2f} ms + {slope:.2f} µs per cached token"
    right.plot(ts, line, "--", color="gray", label=label)
    right.set_ylabel("time per decoding step (ms)")
    right.set_title("With the cache alone, on a linear scale")
    left.set_ylim(top=8 * max(uncached))  # room for the legends above the curves
    right.set_ylim(0, 1.4 * max(cached))
    for axes in (left, right):
        axes.set_xlabel("context length T (tokens)")
        axes.grid(alpha=0.3)
        axes.legend(loc="upper left", fontsize=8)
    figure.suptitle("Tiny GPT (4 layers, d_model 128), float32, 1 thread, batch 1", fontsize=10)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)


def machine() -> dict:
    with open("/proc/cpuinfo") as handle:
        cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), None)
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "torch": torch.__version__,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run; writes deployment.quick.json")
    parser.add_argument(
        "--threads", type=int, default=1, help="torch threads (default 1: steadier if shared)"
    )
    parser.add_argument("--plot", type=Path, help="also draw the per-step decode times into this image")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    if args.quick:
        lengths, rounds, generations, batches, windows = [64, 256, 1024], 3, [64], [1, 8], 4
    else:
        lengths = [16, 32, 64, 128, 192, 256, 384, 512, 640, 768, 896, 1024]
        rounds, generations, batches, windows = 25, [64, 256, 1024], [1, 4, 16, 64], None
    figures = {
        "command": " ".join(["python benchmarks/bench_deployment.py", *sys.argv[1:]]),
        "date_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "machine": machine(),
        "threads": args.threads,
        "load_average_before": os.getloadavg(),
    }
    started = time.perf_counter()
    figures["decode"] = decode_times(lengths, rounds)
    figures["generation"] = generation_rates(generations)
    figures["traffic"] = traffic([64, 256, 1024], rounds)
    figures["bandwidth"] = bandwidth(64 if args.quick else 256, 3 if args.quick else 7)
    print("batching, with the cache:")
    figures["batching_tiny"] = batching(GPTConfig(), 256, batches, rounds, with_int8=False)
    figures["batching_wide"] = batching(WIDE, 64, batches, 3 if args.quick else 5, with_int8=True)
    print("quantization of the course model, on the validation text:")
    figures["quantization"] = quantization(windows)
    figures["load_average_after"] = os.getloadavg()
    figures["seconds"] = round(time.perf_counter() - started, 1)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / ("deployment.quick.json" if args.quick else "deployment.json")
    path.write_text(json.dumps(figures, indent=2) + "\n")
    before, after = figures["load_average_before"][0], figures["load_average_after"][0]
    print(
        f"written to {path.relative_to(ROOT)} in {figures['seconds']:.0f} s; "
        f"load average {before:.2f} -> {after:.2f}"
    )
    if args.plot:
        plot(figures["decode"], args.plot)
        print(f"plot written to {args.plot}")


if __name__ == "__main__":
    main()
