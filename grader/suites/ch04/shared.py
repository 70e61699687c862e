"""What the chapter-4 test files share: seeded tensors, torch's attention as an oracle, the
reference's modules with random weights, and the tolerances.

Tolerances. On 3000 random shapes (batch 1-3, heads 1-4, lengths 1-140, head_dim 1-64, q and
k scaled by up to 4, so scores up to about 50), the largest difference from torch's float64
attention was 4e-14 for the reference in float64, and 2.1e-5 in float32 both for the reference
and for torch's own float32 `scaled_dot_product_attention`: float32 rounding grows with the
size of the scores. The suites scale q and k by at most 3 (scores up to about 30). There, on
1500 more shapes, an independent learner-style implementation (einsum, its own softmax, another
head layout code, blockwise with any block size) stayed within 8e-6 of the oracle in float32
and 1.2e-14 in float64, and its TinyGPT (up to 3 layers) within 8.8e-6 of the reference's
logits in float32 and 3e-15 in float64. Allowed: 1e-4 in float32 (ten times that), 1e-10 in
float64; every bug the suites look for (a missing scale, a mask off by one, a wrong softmax
axis, heads mixed up, post-norm) moves outputs by far more on most drawn examples.

Nothing here loads the code under test at import time: a broken learner file must only fail
the tests that use it.
"""

import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import loader
from grader.checks import assert_close  # noqa: F401  (re-exported for the chapter's tests)
from grader.suites import strategies

F64_TOLERANCE = {"atol": 1e-10, "rtol": 1e-10}
F32_TOLERANCE = {"atol": 1e-4, "rtol": 1e-4}
# Scores around 1e4 in float64: rounding of the scores alone moves outputs by up to 6.4e-12
# (2000 random shapes, reference and independent implementations alike).
HUGE_F64_TOLERANCE = {"atol": 1e-8, "rtol": 1e-8}
DTYPES = (torch.float32, torch.float64)

seeds = st.integers(0, 2**32 - 1)
dtypes = st.sampled_from(DTYPES)
scales = st.sampled_from((0.1, 0.5, 1.0, 2.0, 3.0))  # of q and k: sharper and sharper softmax


def reference(module: str):
    """Module `module` ("attention") of the reference solution."""
    return loader.load(f"ch04.{module}", "solutions")


def tolerance(dtype: torch.dtype) -> dict:
    return F64_TOLERANCE if dtype == torch.float64 else F32_TOLERANCE


def tensor(shape: tuple[int, ...], seed: int, dtype: torch.dtype = torch.float64, scale: float = 1.0):
    """Standard normal entries times `scale`, the same numbers (rounded) in every dtype."""
    generator = torch.Generator().manual_seed(seed)
    return (torch.randn(shape, generator=generator, dtype=torch.float64) * scale).to(dtype)


def qkv(shape: tuple[int, int, int, int, int], seed: int, dtype: torch.dtype, scale: float = 1.0):
    """q (B, H, q_len, D), k and v (B, H, kv_len, D) for `shape` = (B, H, q_len, kv_len, D)."""
    batch, heads, q_len, kv_len, head_dim = shape
    return (
        tensor((batch, heads, q_len, head_dim), seed, dtype, scale),
        tensor((batch, heads, kv_len, head_dim), seed + 1, dtype, scale),
        tensor((batch, heads, kv_len, head_dim), seed + 2, dtype),
    )


@st.composite
def attention_cases(draw, dtypes=dtypes, scales=scales, **shape_options):
    """q, k, v for a drawn shape (`strategies.attention_shapes`), seed, dtype and scale of q and k."""
    shape = draw(strategies.attention_shapes(**shape_options))
    return qkv(shape, draw(seeds), draw(dtypes), draw(scales))


def bottom_right_mask(q_len: int, kv_len: int) -> torch.Tensor:
    """True where query i may see key j: the queries are the last q_len positions."""
    return torch.ones(q_len, kv_len, dtype=torch.bool).tril(kv_len - q_len)


def attention_oracle(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """torch's `scaled_dot_product_attention` in float64 with an explicit bottom-right causal mask.

    (`is_causal=True` aligns the mask top-left, which is wrong when q_len < kv_len.)
    """
    mask = bottom_right_mask(q.shape[-2], k.shape[-2])
    return F.scaled_dot_product_attention(q.double(), k.double(), v.double(), attn_mask=mask)


def visible_bounds(v: torch.Tensor, q_len: int):
    """Per query and channel, the smallest and largest value among the keys it may see."""
    mask = bottom_right_mask(q_len, v.shape[-2]).unsqueeze(-1)  # (q_len, kv_len, 1)
    values = v.double().unsqueeze(-3)  # (B, H, 1, kv_len, D)
    low = torch.where(mask, values, math.inf).amin(dim=-2)
    high = torch.where(mask, values, -math.inf).amax(dim=-2)
    return low, high


def assert_matches(actual, expected: torch.Tensor, dtype: torch.dtype, what: str) -> None:
    """`actual` is a tensor of `expected`'s shape in `dtype`, equal within the dtype's tolerance."""
    assert isinstance(actual, torch.Tensor), f"{what}: expected a tensor, got {type(actual).__name__}"
    assert tuple(actual.shape) == tuple(expected.shape), (
        f"{what}: shape {tuple(actual.shape)}, expected {tuple(expected.shape)}"
    )
    assert actual.dtype == dtype, f"{what}: dtype {actual.dtype}, expected {dtype} (the inputs' dtype)"
    assert_close(actual, expected, **tolerance(dtype), what=what)


def perturb_parameters(module: torch.nn.Module, seed: int, amount: float = 0.2) -> None:
    """Add noise to every parameter, so that no LayerNorm is the identity and no bias is zero."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for parameter in module.parameters():
            noise = torch.randn(parameter.shape, generator=generator, dtype=torch.float64)
            parameter.add_((noise * amount).to(parameter.dtype))


def build(factory, seed: int):
    """`factory()` with torch's global CPU random generator seeded, and left as it was afterwards.

    (Not `torch.manual_seed`: without CUDA it records a stack trace for each device type it
    would seed later, milliseconds per call under pytest.)
    """
    state = torch.default_generator.get_state()
    torch.default_generator.manual_seed(seed)
    try:
        return factory()
    finally:
        torch.default_generator.set_state(state)


def reference_and_learner(reference_factory, learner_factory, seed: int, dtype: torch.dtype):
    """A reference module with random weights and the learner's module with the same weights."""
    expected = build(reference_factory, seed)
    perturb_parameters(expected, seed)
    expected = expected.to(dtype)
    actual = build(learner_factory, seed).to(dtype)
    actual.load_state_dict(expected.state_dict())
    return expected, actual


def peak_allocated_bytes(call) -> tuple[int, object]:
    """(most bytes torch held at once for tensors allocated during `call()`, what `call()` returned).

    `tracemalloc` does not see torch's allocations, and the process's peak RSS cannot be reset.
    torch's profiler with `profile_memory=True` records every CPU allocation and free by torch
    (size and time), cheaply when only CPU operators are recorded. Summing them in time order
    gives the live bytes at every moment; the peak counts everything allocated during the call
    and still alive at that moment, the returned tensor included. Memory allocated before the
    call (the inputs) is not counted. Run it on one thread: allocations of worker threads are
    recorded too, but the course's code needs none.
    """
    from torch.autograd import profiler

    with profiler.profile(profile_memory=True, use_cpu=True) as recording:
        result = call()
    events, pending = [], list(recording.kineto_results.experimental_event_tree())
    while pending:
        event = pending.pop()
        pending.extend(event.children)
        size = getattr(event.extra_fields, "alloc_size", None)
        if size is not None:
            events.append((event.start_time_ns, size))
    live = peak = 0
    for _, size in sorted(events, key=lambda e: e[0]):
        live += size
        peak = max(peak, live)
    return peak, result
