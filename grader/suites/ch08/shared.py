"""What the chapter-8 test files share: small seeded tiny GPTs, the oracles, and the tolerances.

Oracles. The cache is checked against the given model's own full forward pass
(`llmdd.gpt.TinyGPT`): the logits of every step against the full sequence's logits at the same
positions, the stored keys and values against the `qkv` outputs of that forward pass (read with
forward hooks). Generation is checked against the same loop written out here without a cache.
The quantization formulas are written out below in float32 from the lesson's rules (absmax
scales, half-to-even rounding, a zero row's scale 1, the range of uint8 widened to contain 0),
and int4 packing with Python integers byte by byte. Nothing shares code with the reference.

Tolerances. The cache tests run float64 models: a correct incremental forward differs from the
full one only by rounding, below 1e-13 on these sizes (an einsum-and-own-softmax
implementation as well as the reference); 1e-9 is allowed. The quantized values themselves
are exact (`q`, packed bytes); a float32 division may put w / scale within an ulp of a half
integer on either side, so wherever the exact quotient lies within NEAR_TIE of a tie, both
neighbours are accepted; exact ties are tested with values on a power-of-two grid, where the
division is exact. Scales must equal the formula's to RTOL_SCALE (a few ulps: computing in
float64 and rounding once is as good as float32).

Nothing here loads the code under test at import time: a broken learner file must only fail
the tests that use it.
"""

import functools
import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader.suites.ch04.shared import assert_close, build, perturb_parameters
from llmdd.gpt import GPTConfig, TinyGPT

CACHE_TOLERANCE = {"atol": 1e-9, "rtol": 1e-9}
NEAR_TIE = 1e-3  # |w / scale - (k + 0.5)| below this: float rounding may send it either way
RTOL_SCALE = 1e-6
seeds = st.integers(0, 2**32 - 1)

# -- models -----------------------------------------------------------------------------------

CONFIGS = (  # small, odd sizes: one head, three heads of 4, four heads of 4; 1-3 layers
    GPTConfig(vocab_size=23, context_length=24, d_model=12, n_heads=3, n_layers=2),
    GPTConfig(vocab_size=17, context_length=24, d_model=8, n_heads=1, n_layers=1),
    GPTConfig(vocab_size=31, context_length=24, d_model=16, n_heads=4, n_layers=3, mlp_ratio=2),
)
MODEL_SEEDS = (0, 1)


@functools.cache
def tiny_gpt(config: GPTConfig = CONFIGS[0], seed: int = 0) -> TinyGPT:
    """A float64 TinyGPT in eval mode with every parameter perturbed (no LayerNorm is the identity,
    logits differ clearly between tokens and positions). Shared between tests: never modify it."""
    model = build(lambda: TinyGPT(config), seed)
    perturb_parameters(model, seed, amount=0.3)
    return model.double().eval()


def token_ids(shape: tuple[int, int], vocab_size: int, seed: int) -> torch.Tensor:
    return torch.randint(0, vocab_size, shape, generator=torch.Generator().manual_seed(seed))


@torch.no_grad()
def full_logits(model: TinyGPT, ids: torch.Tensor) -> torch.Tensor:
    """The oracle of the cache: the given model's forward pass over the whole sequence."""
    return model(ids)


@torch.no_grad()
def keys_and_values(model: TinyGPT, ids: torch.Tensor) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """Per layer, the keys and values (B, H, T, D) the full forward pass computes, read from `qkv`."""
    captured = []
    hooks = [
        block.attention.qkv.register_forward_hook(lambda module, inputs, output: captured.append(output))
        for block in model.blocks
    ]
    try:
        model(ids)
    finally:
        for hook in hooks:
            hook.remove()
    result = []
    for block, output in zip(model.blocks, captured):
        _, k, v = output.chunk(3, dim=-1)
        result.append((block.attention.split_heads(k), block.attention.split_heads(v)))
    return result


def counting_embedded_tokens(model: TinyGPT) -> tuple[list[int], object]:
    """(counter, hook handle): counter[0] grows by the number of ids each token-embedding call sees."""
    counter = [0]

    def count(module, inputs, output):
        counter[0] += inputs[0].numel()

    return counter, model.token_embedding.register_forward_hook(count)


# -- generation -------------------------------------------------------------------------------


@torch.no_grad()
def generate_oracle(model: TinyGPT, prompt: torch.Tensor, new_tokens: int, choose) -> torch.Tensor:
    """Generation without a cache, written out: the whole sequence through the model every step."""
    ids = prompt
    for _ in range(new_tokens):
        next_ids = choose(model(ids)[:, -1])
        ids = torch.cat([ids, next_ids.reshape(-1, 1).to(ids.dtype)], dim=1)
    return ids


def greedy(logits: torch.Tensor) -> torch.Tensor:
    return logits.argmax(dim=-1)


def seeded_sampler(seed: int, temperature: float = 1.0):
    """A `choose` drawing from softmax(logits / temperature) with its own generator."""
    generator = torch.Generator().manual_seed(seed)

    def choose(logits: torch.Tensor) -> torch.Tensor:
        probabilities = F.softmax(logits.double() / temperature, dim=-1)
        return torch.multinomial(probabilities, 1, generator=generator).squeeze(-1)

    return choose


# -- quantization oracles (float32, written from the lesson) ---------------------------------


def absmax_scales(groups: torch.Tensor, top: int) -> torch.Tensor:
    """max |x| / top over the last dimension, in float32; 1.0 where the whole group is zero."""
    absmax = groups.float().abs().amax(dim=-1)
    return torch.where(absmax > 0, absmax / top, torch.ones_like(absmax))


def int8_oracle(weight: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(q as float64 (out, in), scales float32 (out,)): absmax / 127 per row, round half to even."""
    scales = absmax_scales(weight, 127)
    return torch.round(weight.float().double() / scales.double().unsqueeze(-1)), scales


def int4_oracle(weight: torch.Tensor, group_size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(q as float64 (out, in), scales float32 (out, groups)): absmax / 7 per group of columns."""
    rows, columns = weight.shape
    groups = math.ceil(columns / group_size)
    padded = F.pad(weight.float(), (0, groups * group_size - columns)).view(rows, groups, group_size)
    scales = absmax_scales(padded, 7)
    per_column = scales.double().repeat_interleave(group_size, dim=-1)[:, :columns]
    return torch.round(weight.float().double() / per_column), scales


def uint8_oracle(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(q, scales float32, zero points) per row: the range [min(x, 0), max(x, 0)] onto 0..255."""
    x = x.float()
    low, high = x.amin(dim=-1).clamp(max=0), x.amax(dim=-1).clamp(min=0)
    scales = torch.where(high > low, (high - low) / 255, torch.ones_like(high))
    zero_points = torch.round(-low.double() / scales.double()).clamp(0, 255)
    q = (torch.round(x.double() / scales.double().unsqueeze(-1)) + zero_points.unsqueeze(-1)).clamp(0, 255)
    return q, scales, zero_points


def near_ties(quotient: torch.Tensor) -> torch.Tensor:
    """True where `quotient` lies within NEAR_TIE of a half integer (either rounding is fine there)."""
    return ((quotient - torch.floor(quotient)) - 0.5).abs() < NEAR_TIE


def pack_oracle(values: list[int]) -> list[int]:
    """Bytes of int4 values in -8..7: element 2i in the low nibble, 2i+1 in the high, two's complement."""
    nibbles = [v & 0xF for v in values] + ([0] if len(values) % 2 else [])
    return [low | (high << 4) for low, high in zip(nibbles[0::2], nibbles[1::2])]


def unpack_oracle(data: list[int], length: int) -> list[int]:
    """The signed values of `length` nibbles of `data`, low nibble first."""
    nibbles = [n for byte in data for n in (byte & 0xF, byte >> 4)][:length]
    return [n - 16 if n >= 8 else n for n in nibbles]


def assert_scales(got, expected: torch.Tensor, what: str = "scales") -> None:
    """float32 scales of `expected`'s shape, equal to the formula's within RTOL_SCALE."""
    assert isinstance(got, torch.Tensor), f"{what}: expected a tensor, got {type(got).__name__}"
    assert got.dtype == torch.float32, f"{what}: dtype {got.dtype}, expected torch.float32 whatever the input"
    assert_close(got, expected, atol=0.0, rtol=RTOL_SCALE, what=what)


def assert_tensor(got, shape: tuple[int, ...], dtype: torch.dtype, what: str) -> None:
    assert isinstance(got, torch.Tensor), f"{what}: expected a tensor, got {type(got).__name__}"
    assert got.dtype == dtype, f"{what}: dtype {got.dtype}, expected {dtype}"
    assert tuple(got.shape) == tuple(shape), f"{what}: shape {tuple(got.shape)}, expected {tuple(shape)}"


def fail_where(bad: torch.Tensor, what: str, problem: str, describe) -> None:
    """Raise if `bad` has any True entry: how many, and `describe(index)` of the first."""
    if bad.any():
        where = tuple(bad.nonzero()[0].tolist())
        raise AssertionError(
            f"{what}: {int(bad.sum())} of {bad.numel()} values {problem}; at index {where}{describe(where)}"
        )


def assert_quantized(
    got, expected: torch.Tensor, quotient: torch.Tensor, dtype: torch.dtype, what: str
) -> None:
    """Integer tensor `got` of `dtype` equals `expected`, except near ties (see `near_ties`) where the
    other neighbour of the quotient is accepted too."""
    assert_tensor(got, expected.shape, dtype, what)
    got = got.double()
    wrong = (got != expected) & ~(near_ties(quotient) & ((got - quotient).abs() <= 0.5 + NEAR_TIE))

    def describe(i):
        return (
            f" got {got[i].item():g}, expected {expected[i].item():g} (x / scale = {quotient[i].item():.6g})"
        )

    fail_where(wrong, what, "differ from the formula's", describe)


def assert_within_half_a_step(back, original: torch.Tensor, steps: torch.Tensor, what: str) -> None:
    """Float32 `back` is within step / 2 of `original` everywhere (`steps` broadcast), up to rounding."""
    assert_tensor(back, original.shape, torch.float32, what)
    x = original.float().double()
    steps = steps.double().expand_as(x)
    error = (back.double() - x).abs()
    bad = ~(error <= steps * (0.5 + 1e-5) + 4 * torch.finfo(torch.float32).eps * x.abs())  # nan fails too

    def describe(i):
        return f": {x[i].item():.6g} came back as {back[i].item():.6g}, step {steps[i].item():.3g}"

    fail_where(bad, what, "are off by more than half a step", describe)


# -- weight strategies ------------------------------------------------------------------------

FLOAT_DTYPES = (torch.float32, torch.float16, torch.float64)


@st.composite
def weight_matrices(
    draw, max_rows: int = 6, max_columns: int = 70, dtypes=FLOAT_DTYPES, shifted: bool = False
):
    """A weight matrix (rows, columns) of a drawn dtype whose rows differ in size by up to 1e6x
    (float16: up to ~1e3, in range), sometimes extreme (1e-30 or 1e36 in float32/float64), with
    all-zero rows, scattered zeros and outliers. `shifted` adds a per-row offset (lopsided rows:
    all positive, all negative, or mostly one sign)."""
    dtype = draw(st.sampled_from(dtypes))
    rows, columns = draw(st.integers(1, max_rows)), draw(st.integers(1, max_columns))
    generator = torch.Generator().manual_seed(draw(seeds))
    x = torch.randn(rows, columns, generator=generator, dtype=torch.float64)
    if shifted:
        offsets = torch.tensor(
            draw(st.lists(st.sampled_from((-4.0, -1.0, 0.0, 0.5, 4.0)), min_size=rows, max_size=rows))
        )
        x = x + offsets.double().unsqueeze(-1)
    if dtype == torch.float16:
        exponents = st.integers(-3, 3)
    else:
        exponents = st.one_of(st.integers(-3, 3), st.sampled_from((-30, -20, 20, 30, 36)))
    magnitudes = torch.tensor([10.0 ** draw(exponents) for _ in range(rows)], dtype=torch.float64)
    x = x * magnitudes.unsqueeze(-1)
    if draw(st.booleans()):  # outliers: a few entries 50x their row
        x = x * torch.where(torch.rand(rows, columns, generator=generator) < 0.05, 50.0, 1.0).double()
    if draw(st.booleans()):
        x = x * (torch.rand(rows, columns, generator=generator) > 0.2)  # scattered exact zeros
    zero_rows = draw(st.lists(st.integers(0, rows - 1), max_size=2))
    x[zero_rows] = 0.0
    if dtype == torch.float16:
        x = x.clamp(-60000, 60000)
    return x.to(dtype)


@st.composite
def grid_weights(
    draw,
    top: int,
    group_size: int | None = None,
    max_rows: int = 5,
    max_columns: int = 70,
    float16: bool = True,
):
    """(weight, q, exponent): integers q in -top..top times 2**exponent, each row (or group of
    `group_size` columns) reaching ±top once, so that the scale is exactly 2**exponent and every
    value lies on the grid. Sometimes float16 (exponents -14..8 keep it exact)."""
    use_float16 = float16 and draw(st.booleans())
    exponent = draw(st.integers(-14, 8) if use_float16 else st.integers(-40, 40))
    rows, columns = draw(st.integers(1, max_rows)), draw(st.integers(1, max_columns))
    generator = torch.Generator().manual_seed(draw(seeds))
    q = torch.randint(-top, top + 1, (rows, columns), generator=generator).double()
    width = group_size or columns
    for row in range(rows):
        for start in range(0, columns, width):
            column = start + int(torch.randint(0, min(width, columns - start), (1,), generator=generator))
            q[row, column] = top if torch.rand(1, generator=generator).item() < 0.5 else -top
    weight = (q * 2.0**exponent).to(torch.float16 if use_float16 else torch.float32)
    return weight, q, exponent
