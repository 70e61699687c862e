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
        raise NotImplementedError("Task 4.3: multi-head causal self-attention")

    def merge_heads(self, x: torch.Tensor) -> torch.Tensor:
        """(B, H, T, D) -> (B, T, C): the inverse of `split_heads`."""
        raise NotImplementedError("Task 4.3: multi-head causal self-attention")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(B, T, C) -> (B, T, C)."""
        raise NotImplementedError("Task 4.3: multi-head causal self-attention")
