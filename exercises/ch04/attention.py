"""Task 4.2 — scaled dot-product attention with a causal mask.

Each query asks "which earlier tokens matter for me?": its dot product with every key, scaled by
1/sqrt(head_dim) so the scores' spread does not grow with the dimension, turned into weights by a
softmax, then used to average the values. The causal mask forbids looking ahead.

Shapes: q is (B, H, q_len, D); k and v are (B, H, kv_len, D) with q_len <= kv_len. The queries
are the *last* q_len positions of the key sequence (during generation with a KV cache, q_len is 1
and kv_len grows), so query i sits at position kv_len - q_len + i and sees keys 0 .. that position.

    scores (B, H, q_len, kv_len) = q @ k^T / sqrt(D)      masked above the shifted diagonal
    weights = softmax(scores)                             each row sums to 1
    output (B, H, q_len, D) = weights @ v
"""

import math

import torch


def causal_mask(q_len: int, kv_len: int, device: torch.device | None = None) -> torch.Tensor:
    """Boolean (q_len, kv_len) mask, True where query i may see key j: j <= kv_len - q_len + i.

    >>> causal_mask(2, 3)
    tensor([[ True,  True, False],
            [ True,  True,  True]])
    """
    raise NotImplementedError("Task 4.2: causal scaled dot-product attention")


def causal_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """Causal scaled dot-product attention; q (B, H, q_len, D), k and v (B, H, kv_len, D)."""
    raise NotImplementedError("Task 4.2: causal scaled dot-product attention")
