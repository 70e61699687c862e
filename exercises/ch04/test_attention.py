"""Task 4.2 — causal scaled dot-product attention, checked against torch's own."""

import math

import pytest
import torch
import torch.nn.functional as F

from grader.checks import assert_close, assert_equal
from grader.loader import implementation

attention = implementation("ch04.attention")
task = pytest.mark.task("4.2")


def torch_attention(q, k, v):
    """torch's attention with the mask aligned bottom-right: the queries are the last positions."""
    q_len, kv_len = q.shape[-2], k.shape[-2]
    mask = torch.ones(q_len, kv_len, dtype=torch.bool).tril(kv_len - q_len)
    return F.scaled_dot_product_attention(q, k, v, attn_mask=mask)


def random_qkv(batch, heads, q_len, kv_len, head_dim, dtype=torch.float32):
    generator = torch.Generator().manual_seed(0)
    q = torch.randn(batch, heads, q_len, head_dim, generator=generator, dtype=dtype)
    k = torch.randn(batch, heads, kv_len, head_dim, generator=generator, dtype=dtype)
    v = torch.randn(batch, heads, kv_len, head_dim, generator=generator, dtype=dtype)
    return q, k, v


@task
def test_causal_mask_docstring_example():
    """Two queries, three keys: the queries are the last two positions."""
    expected = torch.tensor([[True, True, False], [True, True, True]])
    got = attention.causal_mask(2, 3)
    assert got.dtype == torch.bool
    assert_equal(got, expected)


@task
def test_causal_mask_of_a_whole_sequence_is_lower_triangular():
    """q_len == kv_len: each token sees itself and the tokens before it."""
    assert_equal(attention.causal_mask(4, 4), torch.ones(4, 4, dtype=torch.bool).tril())


@task
def test_matches_torch_attention_on_a_whole_sequence():
    """q_len == kv_len: torch's scaled_dot_product_attention with is_causal=True."""
    q, k, v = random_qkv(2, 3, 5, 5, 8)
    expected = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    assert_close(attention.causal_attention(q, k, v), expected)


@task
def test_matches_torch_attention_when_queries_are_the_last_positions():
    """q_len=2, kv_len=5 (a KV cache): query i sits at position 3 + i and sees keys 0..3+i."""
    q, k, v = random_qkv(1, 2, 2, 5, 6)
    assert_close(attention.causal_attention(q, k, v), torch_attention(q, k, v))


@task
def test_shape_and_dtype():
    """Output (B, H, q_len, D) in the inputs' dtype (head_dim 3, float64)."""
    q, k, v = random_qkv(2, 4, 3, 7, 3, dtype=torch.float64)
    got = attention.causal_attention(q, k, v)
    assert tuple(got.shape) == (2, 4, 3, 3) and got.dtype == torch.float64


@task
def test_the_first_token_sees_only_itself():
    """With q_len == kv_len, the first output is exactly the first value."""
    q, k, v = random_qkv(1, 1, 4, 4, 5)
    assert_close(attention.causal_attention(q, k, v)[..., 0, :], v[..., 0, :])


@task
def test_scores_are_divided_by_sqrt_head_dim():
    """head_dim 4, q.k = 4 and 0: weights softmax([4 / 2, 0 / 2])."""
    q = torch.tensor([[[[2.0, 0, 0, 0]]]])
    k = torch.tensor([[[[2.0, 0, 0, 0], [0, 0, 0, 0]]]])
    v = torch.tensor([[[[1.0, 0, 0, 0], [0, 1.0, 0, 0]]]])
    first = math.exp(2) / (math.exp(2) + 1)
    assert_close(attention.causal_attention(q, k, v), torch.tensor([[[[first, 1 - first, 0, 0]]]]))


@task
def test_large_scores_stay_finite():
    """Scores around 1e4 give no inf or nan."""
    q, k, v = random_qkv(1, 2, 6, 6, 8)
    assert torch.isfinite(attention.causal_attention(q * 100, k * 100, v)).all(), "inf or nan in the output"
