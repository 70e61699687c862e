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
    ### BEGIN SOLUTION 4.5
    q_len, kv_len, head_dim = q.shape[-2], k.shape[-2], q.shape[-1]
    if q_len > kv_len:
        raise ValueError(f"q_len={q_len} exceeds kv_len={kv_len}: queries must be the last positions")
    scale, offset = 1.0 / math.sqrt(head_dim), kv_len - q_len
    output = torch.empty_like(q)
    for q_start in range(0, q_len, block_size):
        q_block = q[..., q_start : q_start + block_size, :] * scale  # (B, H, bq, D)
        q_positions = torch.arange(q_start, q_start + q_block.shape[-2], device=q.device) + offset
        shape = (*q_block.shape[:-1], 1)
        running_max = torch.full(shape, float("-inf"), dtype=q.dtype, device=q.device)
        running_sum = torch.zeros(shape, dtype=q.dtype, device=q.device)
        accumulator = torch.zeros_like(q_block)
        last_visible = int(q_positions[-1]) + 1  # key blocks past this are all in the future
        for k_start in range(0, last_visible, block_size):
            k_end = min(k_start + block_size, last_visible)
            scores = q_block @ k[..., k_start:k_end, :].transpose(-2, -1)  # (B, H, bq, bk)
            k_positions = torch.arange(k_start, k_end, device=q.device)
            visible = k_positions.unsqueeze(0) <= q_positions.unsqueeze(1)
            scores = scores.masked_fill(~visible, float("-inf"))
            new_max = torch.maximum(running_max, scores.amax(dim=-1, keepdim=True))
            correction = torch.exp(running_max - new_max)  # rescales what was summed so far
            weights = torch.exp(scores - new_max)
            running_sum = running_sum * correction + weights.sum(dim=-1, keepdim=True)
            accumulator = accumulator * correction + weights @ v[..., k_start:k_end, :]
            running_max = new_max
        output[..., q_start : q_start + q_block.shape[-2], :] = accumulator / running_sum
    return output
    ### END SOLUTION
