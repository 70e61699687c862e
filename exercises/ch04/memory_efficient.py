"""Task 4.5 (advanced) — attention without the T×T score matrix: blocks and an online softmax.

Plain attention stores every score, T×T per head: 4 MB per head at T=1024 in float32, and it
grows quadratically. Instead, take the queries a block at a time, and for each query block walk
over the key blocks, keeping per query a running maximum m, a running sum of exponentials l and
a running weighted sum of values acc. When a new block raises the maximum from m to m', the old
sum and accumulator are rescaled by exp(m - m') — the "online softmax". At the end, acc / l is
exactly softmax(scores) @ v. Only a (block × block) tile of scores exists at any time. Causal
masking lets a query block skip every key block entirely in its future.
"""

import math

import torch


def blockwise_attention(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, block_size: int = 128
) -> torch.Tensor:
    """Same result as `causal_attention(q, k, v)` (q_len <= kv_len), in O(block²) extra memory per head."""
    raise NotImplementedError("Task 4.5: memory-efficient blockwise attention (bonus)")
