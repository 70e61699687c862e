"""Task 4.4 — the transformer block and a tiny GPT: from token ids to next-token logits.

    ids (B, T) -> token embedding + position embedding (B, T, C)   the residual stream
      -> n_layers x Block: x = x + attention(norm(x)); x = x + mlp(norm(x))
      -> final norm -> linear head (B, T, vocab_size)             logits for the next token

Pre-norm (normalize the input of each sub-layer, not its output) keeps the residual stream a
clean sum, which trains stably even when deep.
"""

from dataclasses import dataclass

import torch
from torch import nn

from .multi_head import CausalSelfAttention


@dataclass(frozen=True)
class GPTConfig:
    vocab_size: int = 512  # number of token ids
    context_length: int = 256  # longest sequence the position embedding covers
    d_model: int = 128  # width of the residual stream
    n_heads: int = 4  # attention heads per layer (d_model must divide evenly)
    n_layers: int = 4  # transformer blocks
    mlp_ratio: int = 4  # hidden width of the MLP, as a multiple of d_model


class MLP(nn.Module):
    """Position-wise feed-forward: widen, GELU, project back."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.up = nn.Linear(config.d_model, config.mlp_ratio * config.d_model)
        self.down = nn.Linear(config.mlp_ratio * config.d_model, config.d_model)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.down(nn.functional.gelu(self.up(x)))


class Block(nn.Module):
    """One pre-norm transformer block: attention, then MLP, each added to the residual stream."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(config.d_model)
        self.attention = CausalSelfAttention(config.d_model, config.n_heads)
        self.norm2 = nn.LayerNorm(config.d_model)
        self.mlp = MLP(config)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(B, T, C) -> (B, T, C)."""
        ### BEGIN SOLUTION 4.4
        x = x + self.attention(self.norm1(x))
        return x + self.mlp(self.norm2(x))
        ### END SOLUTION


class TinyGPT(nn.Module):
    """A decoder-only transformer: ids (B, T) -> logits (B, T, vocab_size)."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.config = config
        self.token_embedding = nn.Embedding(config.vocab_size, config.d_model)
        self.position_embedding = nn.Embedding(config.context_length, config.d_model)
        self.blocks = nn.ModuleList(Block(config) for _ in range(config.n_layers))
        self.norm = nn.LayerNorm(config.d_model)
        self.head = nn.Linear(config.d_model, config.vocab_size, bias=False)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """Logits for the next token at every position; ValueError if T exceeds the context length."""
        ### BEGIN SOLUTION 4.4
        time = ids.shape[1]
        if time > self.config.context_length:
            raise ValueError(f"sequence of {time} tokens exceeds context_length={self.config.context_length}")
        positions = torch.arange(time, device=ids.device)
        x = self.token_embedding(ids) + self.position_embedding(positions)  # (B, T, C)
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x))  # (B, T, vocab_size)
        ### END SOLUTION
