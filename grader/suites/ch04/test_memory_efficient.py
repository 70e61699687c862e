"""Task 4.5 (hidden, bonus) — `blockwise_attention` gives causal attention's output for every
block size. Its memory test is in test_performance.py.
"""

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites.ch04 import shared
from grader.suites.ch04.shared import attention_cases, visible_bounds

memory_efficient = implementation("ch04.memory_efficient")

block_sizes = st.one_of(st.integers(2, 9), st.sampled_from((1, 16, 128)))


@pytest.mark.task("4.5")
@pytest.mark.points(5)
@given(attention_cases(dtypes=st.just(torch.float64), max_len=40), block_sizes)
def test_matches_torch_attention_in_float64(qkv, block_size):
    """Any block size (dividing T or not, 1, above T), any q_len <= kv_len: torch's attention within 1e-10."""
    q, k, v = qkv
    got = memory_efficient.blockwise_attention(q, k, v, block_size=block_size)
    shared.assert_matches(got, shared.attention_oracle(q, k, v), q.dtype, f"block_size={block_size}")


@pytest.mark.task("4.5")
@pytest.mark.points(3)
@settings(max_examples=30)  # blocks loop in Python: keep the suite fast
@given(attention_cases(dtypes=st.just(torch.float32), max_len=40), block_sizes)
def test_matches_torch_attention_in_float32(qkv, block_size):
    """In float32 the output stays float32 and within 1e-4 of torch's float64 attention."""
    q, k, v = qkv
    got = memory_efficient.blockwise_attention(q, k, v, block_size=block_size)
    shared.assert_matches(got, shared.attention_oracle(q, k, v), q.dtype, f"block_size={block_size}")


@pytest.mark.task("4.5")
@pytest.mark.points(1)  # each of the three cases
@pytest.mark.parametrize("q_len", [1, 37, 200])
def test_block_edges_and_the_default_block_size(q_len):
    """T=200 (not a multiple of 128): the default block size, and 13, 128, 512; also 1 and 37 queries."""
    q, k, v = shared.qkv((2, 3, q_len, 200, 12), 2024 + q_len, torch.float64, 2.0)
    expected = shared.attention_oracle(q, k, v)
    shared.assert_matches(
        memory_efficient.blockwise_attention(q, k, v), expected, q.dtype, "default block size"
    )
    for block_size in (13, 128, 512):
        got = memory_efficient.blockwise_attention(q, k, v, block_size=block_size)
        shared.assert_matches(got, expected, q.dtype, f"block_size={block_size}")


@pytest.mark.task("4.5")
@pytest.mark.points(3)
@settings(max_examples=30)  # blocks loop in Python: keep the suite fast
@given(attention_cases(scales=st.just(100.0), max_len=40), block_sizes)
def test_huge_scores_stay_finite(qkv, block_size):
    """Scores around +-1e4, some rows all negative: no inf or nan; outputs in the visible values' range."""
    q, k, v = qkv
    got = memory_efficient.blockwise_attention(q, k, v, block_size=block_size)
    assert torch.isfinite(got).all(), (
        "inf or nan with large scores: start the running maximum at -inf and rescale by exp(m - m')"
    )
    low, high = visible_bounds(v, q.shape[-2])
    slack = 1e-4 * (1 + high.abs() + low.abs())
    assert (got.double() >= low - slack).all() and (got.double() <= high + slack).all()
    if q.dtype == torch.float64:
        expected = shared.attention_oracle(q, k, v)
        shared.assert_close(got, expected, **shared.HUGE_F64_TOLERANCE, what="output")


@pytest.mark.task("4.5")
@pytest.mark.points(1)
@settings(max_examples=30)  # blocks loop in Python: keep the suite fast
@given(attention_cases(max_len=30), block_sizes)
def test_inputs_are_left_alone(qkv, block_size):
    """q, k and v are not modified."""
    snapshot = [t.clone() for t in qkv]
    memory_efficient.blockwise_attention(*qkv, block_size=block_size)
    for name, before, after in zip("qkv", snapshot, qkv):
        assert torch.equal(before, after), f"blockwise_attention modified its input {name}"
