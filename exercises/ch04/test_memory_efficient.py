"""Task 4.5 (bonus) — blockwise attention with an online softmax."""

import pytest
import torch
import torch.nn.functional as F

from grader.checks import assert_close
from grader.loader import implementation

memory_efficient = implementation("ch04.memory_efficient")
task = pytest.mark.task("4.5")


def torch_attention(q, k, v):
    """torch's attention with the mask aligned bottom-right: the queries are the last positions."""
    q_len, kv_len = q.shape[-2], k.shape[-2]
    mask = torch.ones(q_len, kv_len, dtype=torch.bool).tril(kv_len - q_len)
    return F.scaled_dot_product_attention(q, k, v, attn_mask=mask)


def random_qkv(batch, heads, q_len, kv_len, head_dim):
    generator = torch.Generator().manual_seed(0)
    q = torch.randn(batch, heads, q_len, head_dim, generator=generator)
    k = torch.randn(batch, heads, kv_len, head_dim, generator=generator)
    v = torch.randn(batch, heads, kv_len, head_dim, generator=generator)
    return q, k, v


@task
def test_blocks_that_do_not_divide_the_length():
    """T=10 in blocks of 3 (the last block is short): torch's attention."""
    q, k, v = random_qkv(1, 2, 10, 10, 4)
    assert_close(memory_efficient.blockwise_attention(q, k, v, block_size=3), torch_attention(q, k, v))


@task
def test_one_block_larger_than_the_sequence():
    """block_size larger than T: a single block, still exact."""
    q, k, v = random_qkv(2, 1, 6, 6, 5)
    assert_close(memory_efficient.blockwise_attention(q, k, v, block_size=64), torch_attention(q, k, v))


@task
def test_queries_are_the_last_positions():
    """q_len=3, kv_len=10: the same shifted mask as causal attention."""
    q, k, v = random_qkv(1, 2, 3, 10, 4)
    assert_close(memory_efficient.blockwise_attention(q, k, v, block_size=4), torch_attention(q, k, v))


@task
def test_default_block_size_on_a_longer_sequence():
    """T=200 with the default block size (128): two query blocks."""
    q, k, v = random_qkv(1, 1, 200, 200, 8)
    assert_close(memory_efficient.blockwise_attention(q, k, v), torch_attention(q, k, v))


@task
def test_large_scores_stay_finite():
    """Scores around +-1e4 give no inf or nan (start the running maximum at -inf)."""
    q, k, v = random_qkv(1, 2, 9, 9, 8)
    got = memory_efficient.blockwise_attention(q * 100, k * 100, v, block_size=4)
    assert torch.isfinite(got).all(), "inf or nan in the output"
