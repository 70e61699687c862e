"""Task 8.2 — generation with the KV cache: prefill once, then one token per step.

Without a cache, step n runs the model on all P + n tokens so far and throws away every output
but the last: the work per step grows with the sequence. With the cache, the prompt is run
once (prefill) and each later step runs one token (decode):

    logits = forward_with_cache(model, prompt, cache)            # (B, P, V): prefill
    next = choose(logits[:, -1])                                 # (B,)
    repeat: logits = forward_with_cache(model, next[:, None], cache); next = choose(logits[:, -1])

How the next token is chosen is not this chapter's subject (chapter 5's sampler does it
properly), so it is a parameter: `choose(logits (B, V)) -> ids (B,)`. `greedy` takes the
argmax; `sampler(generator)` draws from the softmax with a seeded generator. The cached and the
uncached loop call `choose` on the same logits (up to float rounding) in the same order, so
they produce the same tokens, greedy or sampled.
"""

from collections.abc import Callable

import torch
from torch.nn import functional as F

from llmdd.gpt import TinyGPT

from .kv_cache import KVCache, forward_with_cache

Choose = Callable[[torch.Tensor], torch.Tensor]  # logits (B, V) -> next ids (B,)


def greedy(logits: torch.Tensor) -> torch.Tensor:
    """The most likely token of each row (the first one on ties)."""
    return logits.argmax(dim=-1)


def sampler(generator: torch.Generator, temperature: float = 1.0) -> Choose:
    """A `choose` that draws from softmax(logits / temperature) with `generator`."""

    def choose(logits: torch.Tensor) -> torch.Tensor:
        probabilities = F.softmax(logits.double() / temperature, dim=-1)
        return torch.multinomial(probabilities, 1, generator=generator).squeeze(-1)

    return choose


@torch.no_grad()
def generate_without_cache(
    model: TinyGPT, prompt_ids: torch.Tensor, max_new_tokens: int, choose: Choose = greedy
) -> torch.Tensor:
    """(B, P) prompt -> (B, P + max_new_tokens): the whole sequence through the model at every step."""
    ids = prompt_ids
    for _ in range(max_new_tokens):
        next_ids = choose(model(ids)[:, -1])
        ids = torch.cat([ids, next_ids.unsqueeze(1).to(ids.dtype)], dim=1)
    return ids


@torch.no_grad()
def generate_with_cache(
    model: TinyGPT, prompt_ids: torch.Tensor, max_new_tokens: int, choose: Choose = greedy
) -> torch.Tensor:
    """(B, P) prompt -> (B, P + max_new_tokens), the same tokens as `generate_without_cache`.

    Prefills a cache sized for the whole generation, then feeds one token per step. Raises
    ValueError if P + max_new_tokens exceeds the model's context length.
    """
    raise NotImplementedError("Task 8.2: generation with the cache")
