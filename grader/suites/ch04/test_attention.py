"""Task 4.2 (hidden) — `causal_mask` and `causal_attention` against torch's own attention.

The oracle is `torch.nn.functional.scaled_dot_product_attention` in float64 with an explicit
boolean mask aligned bottom-right (the queries are the last q_len positions). Tolerances: see
`shared`. The speed tests of attention are in test_performance.py.
"""

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.checks import assert_equal
from grader.loader import implementation
from grader.suites.ch04 import shared
from grader.suites.ch04.shared import attention_cases, visible_bounds

attention = implementation("ch04.attention")

CAUSALITY_TOLERANCE = {"atol": 1e-12, "rtol": 0.0}  # masked keys must not count at all


@pytest.mark.task("4.2")
@pytest.mark.points(2)
def test_causal_mask_known_answers():
    """The docstring's example, a square mask, a single query and a single key: boolean tensors."""
    expected = torch.tensor([[True, True, False], [True, True, True]])
    got = attention.causal_mask(2, 3)
    assert isinstance(got, torch.Tensor) and got.dtype == torch.bool, "the mask must be a bool tensor"
    assert_equal(got, expected, what="mask")
    square = [[True, False, False], [True, True, False], [True, True, True]]
    assert attention.causal_mask(3, 3).tolist() == square  # a token sees itself and the past
    assert attention.causal_mask(1, 4, torch.device("cpu")).tolist() == [[True] * 4]  # decoding
    assert attention.causal_mask(1, 1).tolist() == [[True]]


@pytest.mark.task("4.2")
@pytest.mark.points(2)
@given(st.integers(1, 70), st.integers(0, 70))
def test_causal_mask_matches_its_definition(q_len, extra):
    """For any q_len <= kv_len: True exactly where key j <= kv_len - q_len + i."""
    kv_len = q_len + extra
    got = attention.causal_mask(q_len, kv_len)
    assert got.dtype == torch.bool and tuple(got.shape) == (q_len, kv_len)
    assert_equal(got, shared.bottom_right_mask(q_len, kv_len), what="mask")


@pytest.mark.task("4.2")
@pytest.mark.points(5)
@given(attention_cases(dtypes=st.just(torch.float64)))
def test_matches_torch_attention_in_float64(qkv):
    """Over random shapes (T from 1, head_dim 1-64, q_len <= kv_len): torch's attention, within 1e-10."""
    q, k, v = qkv
    shared.assert_matches(
        attention.causal_attention(q, k, v), shared.attention_oracle(q, k, v), q.dtype, "output"
    )


@pytest.mark.task("4.2")
@pytest.mark.points(4)
@given(attention_cases(dtypes=st.just(torch.float32)))
def test_matches_torch_attention_in_float32(qkv):
    """In float32 the output stays float32 and within 1e-4 of torch's float64 attention."""
    q, k, v = qkv
    shared.assert_matches(
        attention.causal_attention(q, k, v), shared.attention_oracle(q, k, v), q.dtype, "output"
    )


@pytest.mark.task("4.2")
@pytest.mark.points(2)
@settings(max_examples=30)  # a property that fails at once when broken
@given(attention_cases(max_len=60, equal_lengths=False))
def test_a_single_new_query_sees_every_key(qkv):
    """Decoding with a cache: one query (q_len=1) is the last position and attends to all kv_len keys."""
    q, k, v = qkv
    q = q[..., -1:, :]
    shared.assert_matches(
        attention.causal_attention(q, k, v), shared.attention_oracle(q, k, v), q.dtype, "output"
    )


@pytest.mark.task("4.2")
@pytest.mark.points(2)
def test_known_answers():
    """Zero queries average the visible values; scores are scaled by 1/sqrt(head_dim); weights sum to 1."""
    v = torch.arange(12.0, dtype=torch.float64).reshape(1, 1, 6, 2) ** 1.5
    running_mean = v.cumsum(dim=-2) / torch.arange(1, 7, dtype=torch.float64).reshape(6, 1)
    zeros = torch.zeros(1, 1, 6, 2, dtype=torch.float64)
    shared.assert_close(attention.causal_attention(zeros, v, v), running_mean)
    shared.assert_close(attention.causal_attention(zeros[..., 4:, :], v, v), running_mean[..., 4:, :])
    # head_dim 4: q.k = 4 for the first key and 0 for the second; scaled by 1/sqrt(4), softmax([2, 0]).
    q = torch.tensor([[[[2.0, 0, 0, 0]]]])
    k = torch.tensor([[[[2.0, 0, 0, 0], [0, 0, 0, 0]]]])
    values = torch.tensor([[[[1.0, 0, 0, 0], [0, 1.0, 0, 0]]]])
    first = math.exp(2) / (math.exp(2) + 1)
    expected = torch.tensor([[[[first, 1 - first, 0, 0]]]])
    shared.assert_close(attention.causal_attention(q, k, values), expected)
    one = torch.tensor([[[[0.5, -1.5, 3.0]]]])
    shared.assert_close(attention.causal_attention(one * 9, one, one), one)
    # Values all 1: every output is 1 exactly when each query's weights sum to 1.
    q, k, _ = shared.qkv((2, 3, 4, 7, 5), 3, torch.float64, scale=3.0)
    ones = torch.ones(2, 3, 7, 5, dtype=torch.float64)
    shared.assert_close(attention.causal_attention(q, k, ones), torch.ones(2, 3, 4, 5, dtype=torch.float64))


@pytest.mark.task("4.2")
@pytest.mark.points(4)
@given(attention_cases(dtypes=st.just(torch.float64)), st.data())
def test_the_future_never_changes_the_past(qkv, data):
    """Changing queries, keys and values after position t leaves every output at positions <= t unchanged."""
    q, k, v = qkv
    q_len, kv_len = q.shape[-2], k.shape[-2]
    cut = data.draw(st.integers(kv_len - q_len, kv_len - 1), label="last unchanged position")
    seed = data.draw(shared.seeds, label="seed of the new future")
    keep_q = cut - (kv_len - q_len) + 1  # queries 0..keep_q-1 sit at positions <= cut
    q2, k2, v2 = q.clone(), k.clone(), v.clone()
    q2[..., keep_q:, :] = shared.tensor(tuple(q2[..., keep_q:, :].shape), seed, scale=3.0)
    k2[..., cut + 1 :, :] = shared.tensor(tuple(k2[..., cut + 1 :, :].shape), seed + 1, scale=3.0)
    v2[..., cut + 1 :, :] = shared.tensor(tuple(v2[..., cut + 1 :, :].shape), seed + 2, scale=10.0)
    before = attention.causal_attention(q, k, v)[..., :keep_q, :]
    after = attention.causal_attention(q2, k2, v2)[..., :keep_q, :]
    shared.assert_close(after, before, **CAUSALITY_TOLERANCE)


@pytest.mark.task("4.2")
@pytest.mark.points(1)
@settings(max_examples=30)  # a property that fails at once when broken
@given(attention_cases(dtypes=st.just(torch.float64)))
def test_sequences_of_a_batch_do_not_mix(qkv):
    """Each sequence of the batch gets the output it gets alone."""
    q, k, v = qkv
    together = attention.causal_attention(q, k, v)
    for b in range(q.shape[0]):
        alone = attention.causal_attention(q[b : b + 1], k[b : b + 1], v[b : b + 1])
        shared.assert_close(together[b : b + 1], alone, **shared.F64_TOLERANCE)


@pytest.mark.task("4.2")
@pytest.mark.points(2)
@settings(max_examples=30)  # a property that fails at once when broken
@given(attention_cases(dtypes=st.just(torch.float64)), st.randoms(use_true_random=False))
def test_permuting_heads_permutes_outputs(qkv, rng):
    """Heads are independent: shuffling the heads of q, k and v shuffles the output's heads the same way."""
    q, k, v = qkv
    order = list(range(q.shape[1]))
    rng.shuffle(order)
    expected = attention.causal_attention(q, k, v)[:, order]
    got = attention.causal_attention(q[:, order], k[:, order], v[:, order])
    shared.assert_close(got, expected, **shared.F64_TOLERANCE)


@pytest.mark.task("4.2")
@pytest.mark.points(3)
@settings(max_examples=30)  # a property that fails at once when broken
@given(attention_cases(scales=st.just(100.0)))
def test_huge_scores_stay_finite(qkv):
    """Scores around 1e4 (q, k scaled by 100): no inf or nan; each output within its visible values' range."""
    q, k, v = qkv
    got = attention.causal_attention(q, k, v)
    assert torch.isfinite(got).all(), "inf or nan with large scores: is the softmax stable?"
    low, high = visible_bounds(v, q.shape[-2])
    slack = 1e-4 * (1 + high.abs() + low.abs())
    assert (got.double() >= low - slack).all() and (got.double() <= high + slack).all(), (
        "an output lies outside the range of the values its query may see"
    )
    if q.dtype == torch.float64:
        expected = shared.attention_oracle(q, k, v)
        shared.assert_close(got, expected, **shared.HUGE_F64_TOLERANCE, what="output")


@pytest.mark.task("4.2")
@pytest.mark.points(3)
@settings(max_examples=30)  # a property that fails at once when broken
@given(attention_cases(dtypes=st.just(torch.float64), max_len=24))
def test_gradients_match_the_reference(qkv):
    """Backpropagating through causal_attention gives the reference's gradients for q, k and v."""
    inputs = [t.clone().requires_grad_() for t in qkv]
    reference_inputs = [t.clone().requires_grad_() for t in qkv]
    upstream = shared.tensor(tuple(qkv[0].shape), 11)
    (attention.causal_attention(*inputs) * upstream).sum().backward()
    (shared.reference("attention").causal_attention(*reference_inputs) * upstream).sum().backward()
    for name, ours, theirs in zip("qkv", inputs, reference_inputs):
        assert ours.grad is not None, f"no gradient reached {name}"
        shared.assert_close(ours.grad, theirs.grad, **shared.F64_TOLERANCE, what=f"d{name}")


@pytest.mark.task("4.2")
@pytest.mark.points(1)
@settings(max_examples=30)  # a property that fails at once when broken
@given(attention_cases())
def test_inputs_are_left_alone(qkv):
    """q, k and v are not modified (no in-place scaling of the caller's queries)."""
    snapshot = [t.clone() for t in qkv]
    attention.causal_attention(*qkv)
    for name, before, after in zip("qkv", snapshot, qkv):
        assert torch.equal(before, after), f"causal_attention modified its input {name}"
