"""Task 4.3 — multi-head causal self-attention."""

import pytest
import torch
import torch.nn.functional as F

from grader.checks import assert_close, assert_equal
from grader.loader import implementation

multi_head = implementation("ch04.multi_head")
task = pytest.mark.task("4.3")


def module(d_model=12, n_heads=3):
    torch.manual_seed(0)
    return multi_head.CausalSelfAttention(d_model, n_heads)


@task
def test_split_heads_gives_each_head_its_own_channels():
    """(B, T, C) -> (B, H, T, D): head h gets channels h*D .. h*D + D - 1."""
    x = torch.arange(2 * 6, dtype=torch.float32).reshape(1, 2, 6)  # B=1, T=2, C=6
    heads = module(6, 2).split_heads(x)
    assert tuple(heads.shape) == (1, 2, 2, 3)
    assert heads[0, 1].tolist() == [[3.0, 4.0, 5.0], [9.0, 10.0, 11.0]]


@task
def test_merge_heads_undoes_split_heads():
    """merge_heads(split_heads(x)) is x again, shape (B, T, C)."""
    attn = module()
    x = torch.randn(2, 5, 12)
    assert_equal(attn.merge_heads(attn.split_heads(x)), x)


@task
def test_forward_keeps_the_shape():
    """(B, T, C) -> (B, T, C)."""
    assert tuple(module()(torch.randn(2, 5, 12)).shape) == (2, 5, 12)


@task
def test_forward_matches_torch_attention_with_the_same_weights():
    """qkv projection, heads, torch's causal attention, merge, output projection."""
    attn, x = module(), torch.randn(2, 5, 12)
    q, k, v = attn.qkv(x).split(12, dim=-1)
    split = lambda t: t.reshape(2, 5, 3, 4).transpose(1, 2)  # noqa: E731
    heads = F.scaled_dot_product_attention(split(q), split(k), split(v), is_causal=True)
    expected = attn.proj(heads.transpose(1, 2).reshape(2, 5, 12))
    assert_close(attn(x), expected)


@task
def test_the_last_position_does_not_change_the_others():
    """Changing the input at the last position leaves every earlier output unchanged."""
    attn, x = module(), torch.randn(1, 6, 12)
    changed = x.clone()
    changed[:, -1] = torch.randn(12)
    assert_close(attn(changed)[:, :-1], attn(x)[:, :-1])
