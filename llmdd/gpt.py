"""The tiny GPT, given: chapter 4's model with PyTorch's fused attention, for chapters 5 to 8.

Parameter names match `exercises/ch04/model.py`, so a state dict moves between the two:

    ids (B, T) -> token_embedding + position_embedding       (B, T, C)  the residual stream
      -> blocks[i]: x = x + attention(norm1(x)); x = x + mlp(norm2(x))
      -> norm -> head                                        (B, T, vocab_size) next-token logits

Chapter 8 reads the pieces one by one (`attention.qkv`, `split_heads`, `merge_heads`, `proj`)
to run the same computation incrementally with a KV cache.
"""

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F


@dataclass(frozen=True)
class GPTConfig:
    vocab_size: int = 257  # 256 bytes + <|endoftext|> (see text.py)
    context_length: int = 256  # longest sequence the position embedding covers
    d_model: int = 128  # width of the residual stream
    n_heads: int = 4  # attention heads per layer (d_model must divide evenly)
    n_layers: int = 4  # transformer blocks
    mlp_ratio: int = 4  # hidden width of the MLP, as a multiple of d_model


class CausalSelfAttention(nn.Module):
    """Multi-head causal self-attention; `qkv` makes [q | k | v], `proj` mixes the heads."""

    def __init__(self, d_model: int, n_heads: int) -> None:
        super().__init__()
        if d_model % n_heads:
            raise ValueError(f"d_model={d_model} must be divisible by n_heads={n_heads}")
        self.n_heads = n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)

    def split_heads(self, x: torch.Tensor) -> torch.Tensor:
        """(B, T, C) -> (B, H, T, D): channel c belongs to head c // D."""
        batch, time, channels = x.shape
        return x.view(batch, time, self.n_heads, channels // self.n_heads).transpose(1, 2)

    def merge_heads(self, x: torch.Tensor) -> torch.Tensor:
        """(B, H, T, D) -> (B, T, C): the inverse of `split_heads`."""
        batch, heads, time, head_dim = x.shape
        return x.transpose(1, 2).reshape(batch, time, heads * head_dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """(B, T, C) -> (B, T, C)."""
        q, k, v = (self.split_heads(part) for part in self.qkv(x).chunk(3, dim=-1))
        return self.proj(self.merge_heads(F.scaled_dot_product_attention(q, k, v, is_causal=True)))


class MLP(nn.Module):
    """Position-wise feed-forward: widen, GELU, project back."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.up = nn.Linear(config.d_model, config.mlp_ratio * config.d_model)
        self.down = nn.Linear(config.mlp_ratio * config.d_model, config.d_model)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.down(F.gelu(self.up(x)))


class Block(nn.Module):
    """One pre-norm transformer block: attention, then MLP, each added to the residual stream."""

    def __init__(self, config: GPTConfig) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(config.d_model)
        self.attention = CausalSelfAttention(config.d_model, config.n_heads)
        self.norm2 = nn.LayerNorm(config.d_model)
        self.mlp = MLP(config)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attention(self.norm1(x))
        return x + self.mlp(self.norm2(x))


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
        self.apply(_init_weights)

    def embed(self, ids: torch.Tensor, start: int = 0) -> torch.Tensor:
        """(B, T) ids at positions start..start+T-1 -> (B, T, C) residual stream."""
        end = start + ids.shape[1]
        if end > self.config.context_length:
            raise ValueError(f"position {end - 1} is past context_length={self.config.context_length}")
        positions = torch.arange(start, end, device=ids.device)
        return self.token_embedding(ids) + self.position_embedding(positions)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """Logits for the next token at every position; ValueError if T exceeds the context length."""
        x = self.embed(ids)
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x))

    def num_parameters(self) -> int:
        return sum(p.numel() for p in self.parameters())


def _init_weights(module: nn.Module) -> None:
    """GPT-2's initialization: small normal weights, zero biases; keeps early logits near uniform."""
    if isinstance(module, (nn.Linear, nn.Embedding)):
        nn.init.normal_(module.weight, mean=0.0, std=0.02)
    if isinstance(module, nn.Linear) and module.bias is not None:
        nn.init.zeros_(module.bias)
