"""Task 4.3 — multi-head causal self-attention.

One projection makes queries, keys and values for all heads at once; the model dimension C is
split into H heads of D = C / H each, attention runs per head in parallel, and the heads' outputs
are put side by side again and mixed by an output projection.

    x (B, T, C) -> qkv (B, T, 3C) -> q, k, v (B, H, T, D) -> attention (B, H, T, D)
      -> merge heads (B, T, C) -> output projection (B, T, C)
"""

import torch
from torch import nn

from .attention import causal_attention


class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention; `qkv` and `proj` are the only parameters."""

    def __init__(self, d_model: int, n_heads: int, bias: bool = True) -> None:
        super().__init__()
        if d_model % n_heads:
            raise ValueError(f"d_model={d_model} must be divisible by n_heads={n_heads}")
        self.n_heads = n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model, bias=bias)  # [q | k | v], each head-major
        self.proj = nn.Linear(d_model, d_model, bias=bias)

    def split_heads(self, x: torch.Tensor) -> torch.Tensor:
        """(B, T, C) -> (B, H, T, D): channel c belongs to head c // D."""
        ### BEGIN SOLUTION 4.3
        batch, time, channels = x.shape
        return x.view(batch, time, self.n_heads, channels // self.n_heads).transpose(1, 2)
        ### END SOLUTION

    def merge_heads(self, x: torch.Tensor) -> torch.Tensor:
        """(B, H, T, D) -> (B, T, C): the inverse of `split_heads`."""
        ### BEGIN SOLUTION 4.3
        batch, heads, time, head_dim = x.shape
        return x.transpose(1, 2).reshape(batch, time, heads * head_dim)
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(B, T, C) -> (B, T, C)."""
        ### BEGIN SOLUTION 4.3
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        heads = causal_attention(self.split_heads(q), self.split_heads(k), self.split_heads(v))
        return self.proj(self.merge_heads(heads))
        ### END SOLUTION
