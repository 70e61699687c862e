"""Task 8.1 — a KV cache and the incremental forward pass of the tiny GPT.

Generating token t+1 needs attention of the newest query over the keys and values of *all*
earlier positions. Those keys and values do not change once computed (a token's key depends
only on the tokens up to it), so a server keeps them: each layer writes its new k and v into
a cache, and a decoding step runs the model on the new token(s) only.

    prefill: ids (B, P) at positions 0..P-1       -> writes k, v of P positions per layer
    decode:  ids (B, 1) at position cache.length   -> writes 1 position, attends over length + 1

The cache is **preallocated**: one (B, H, max_len, D) tensor of keys and one of values per
layer, made once, written in place. Growing it with `torch.cat` would copy the whole cache at
every step, which makes each step cost grow with the context (quadratic in total).

The causal mask, when a step brings q_len >= 1 new tokens and the cache then holds kv_len keys:
the queries are the *last* q_len positions, so query i sits at position kv_len - q_len + i and
sees keys 0 .. kv_len - q_len + i (the mask is aligned bottom-right):

    q_len=2, kv_len=5:   keys  0 1 2 3 4
                  query 0      x x x x .      (position 3)
                  query 1      x x x x x      (position 4)

`F.scaled_dot_product_attention(..., is_causal=True)` aligns its mask *top-left* (query i sees
keys 0..i), which is only right when q_len == kv_len: pass an explicit mask for multi-token steps.

Cost of the cache: 2 (k and v) x layers x d_model values per token; for the default tiny GPT
(4 layers, d_model 128, float32) that is 4 KiB per token, 1 MiB for 256 tokens.
"""

import torch
from torch.nn import functional as F

from llmdd.gpt import TinyGPT


class KVCache:
    """Per-layer keys and values (B, H, max_len, D), preallocated; `length` positions are filled.

    >>> cache = KVCache(n_layers=2, batch_size=1, n_heads=4, head_dim=8, max_len=16)
    >>> cache.keys[0].shape, cache.length
    (torch.Size([1, 4, 16, 8]), 0)
    """

    def __init__(
        self,
        n_layers: int,
        batch_size: int,
        n_heads: int,
        head_dim: int,
        max_len: int,
        dtype: torch.dtype = torch.float32,
        device: torch.device | str | None = None,
    ) -> None:
        raise NotImplementedError("Task 8.1: a KV cache and the incremental forward pass")

    @classmethod
    def for_model(cls, model: TinyGPT, batch_size: int = 1, max_len: int | None = None) -> "KVCache":
        """An empty cache shaped for `model` (default max_len: its context length), in its dtype."""
        config = model.config
        parameter = model.head.weight
        return cls(
            config.n_layers,
            batch_size,
            config.n_heads,
            config.d_model // config.n_heads,
            max_len or config.context_length,
            dtype=parameter.dtype,
            device=parameter.device,
        )

    def update(self, layer: int, k: torch.Tensor, v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Write k, v (B, H, T, D) at positions length..length+T-1 of `layer`; return all keys and
        values so far, (B, H, length + T, D) each (views, no copies). `length` is not moved: the
        forward pass calls `advance(T)` once every layer has written."""
        raise NotImplementedError("Task 8.1: a KV cache and the incremental forward pass")

    def advance(self, steps: int) -> None:
        """Mark `steps` more positions as filled."""
        raise NotImplementedError("Task 8.1: a KV cache and the incremental forward pass")

    def reset(self) -> None:
        """Forget everything: the next forward pass starts again at position 0."""
        raise NotImplementedError("Task 8.1: a KV cache and the incremental forward pass")


def causal_mask(q_len: int, kv_len: int, device: torch.device | None = None) -> torch.Tensor:
    """Boolean (q_len, kv_len), True where query i may see key j: j <= kv_len - q_len + i.

    >>> causal_mask(2, 3)
    tensor([[ True,  True, False],
            [ True,  True,  True]])
    """
    raise NotImplementedError("Task 8.1: a KV cache and the incremental forward pass")


def forward_with_cache(model: TinyGPT, ids: torch.Tensor, cache: KVCache) -> torch.Tensor:
    """Run `ids` (B, T) at positions cache.length.. through `model`, reading and extending `cache`.

    Returns logits (B, T, vocab_size), equal (up to rounding) to the last T positions of
    `model(all ids so far)`. Raises ValueError, leaving the cache unchanged, if the T new
    positions do not fit in the cache.
    """
    raise NotImplementedError("Task 8.1: a KV cache and the incremental forward pass")
