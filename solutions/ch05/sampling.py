"""Task 5.5 — the sampling loop: turn next-token logits into text, one token at a time.

One step of generation, for each sequence of the batch:

    logits of the last position (V,)
      -> divide by the temperature           T < 1 sharpens, T > 1 flattens; T = 0 means greedy
      -> top-k: keep the k largest           (k larger than V keeps all)
      -> top-p: keep the smallest set of most likely tokens whose probability adds up to p
      -> softmax, renormalized over what is kept; every other token has probability exactly 0
      -> draw one token with the seeded generator, append it, repeat

The filters, pinned:
* **temperature** 0 is greedy (the argmax, the first one on ties); a negative temperature is a
  ValueError. Temperature is applied to the logits, before softmax, never to probabilities.
* **top_k** None keeps everything; k < 1 is a ValueError; a token is kept when its logit is at
  least the k-th largest, so ties at the boundary are all kept.
* **top_p** None (or 1.0) keeps everything; p outside (0, 1] is a ValueError. Sort by probability
  (after temperature and top-k), keep a token while the probability *before* it is below p: the
  token that crosses p is kept, and the most likely token is always kept, so the set is never
  empty. Example: probabilities [0.5, 0.3, 0.2] with p = 0.6 keep the first two (0.5 < 0.6, then
  0.5 + 0.3 crosses 0.6); p = 0.5 keeps only the first.

Generation stops early at `stop_id`: a sequence that produced it keeps receiving `stop_id` (as
padding) while the others go on, and the loop ends when every sequence has stopped. Only the
last `context_length` tokens are fed to the model, so a long generation slides its window.
"""

import torch
from torch import nn


def next_token_probabilities(
    logits: torch.Tensor, temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None
) -> torch.Tensor:
    """Logits (B, V) -> sampling probabilities (B, V) after temperature, top-k and top-p.

    >>> next_token_probabilities(torch.tensor([[2.0, 1.0, 0.0]]), top_k=2)
    tensor([[0.7311, 0.2689, 0.0000]])
    """
    ### BEGIN SOLUTION 5.5
    if temperature < 0:
        raise ValueError(f"temperature must be >= 0, got {temperature}")
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k must be >= 1 or None, got {top_k}")
    if top_p is not None and not 0 < top_p <= 1:
        raise ValueError(f"top_p must be in (0, 1] or None, got {top_p}")
    if temperature == 0:  # greedy: all probability on the (first) argmax
        return nn.functional.one_hot(logits.argmax(dim=-1), logits.shape[-1]).to(logits.dtype)
    logits = logits / temperature
    if top_k is not None and top_k < logits.shape[-1]:
        kth_largest = logits.topk(top_k, dim=-1).values[..., -1:]
        logits = logits.masked_fill(logits < kth_largest, float("-inf"))
    probabilities = logits.softmax(dim=-1)
    if top_p is not None and top_p < 1:
        sorted_probabilities, order = probabilities.sort(dim=-1, descending=True, stable=True)
        before = sorted_probabilities.cumsum(dim=-1) - sorted_probabilities  # mass of the more likely ones
        dropped = torch.zeros_like(probabilities, dtype=torch.bool).scatter(-1, order, before >= top_p)
        probabilities = probabilities.masked_fill(dropped, 0.0)
        probabilities = probabilities / probabilities.sum(dim=-1, keepdim=True)
    return probabilities
    ### END SOLUTION


@torch.no_grad()
def generate(
    model: nn.Module,
    prompt: torch.Tensor,
    max_new_tokens: int,
    *,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
    generator: torch.Generator | None = None,
    stop_id: int | None = None,
) -> torch.Tensor:
    """Prompt ids (B, T0) -> (B, T0 + n) with n <= max_new_tokens new tokens per sequence.

    `model(ids)` returns logits (B, T, V); `model.config.context_length` bounds what it sees.
    The same generator state gives the same tokens.
    """
    ### BEGIN SOLUTION 5.5
    context_length = model.config.context_length
    ids = prompt
    stopped = torch.zeros(prompt.shape[0], dtype=torch.bool)
    for _ in range(max_new_tokens):
        logits = model(ids[:, -context_length:])[:, -1, :]  # (B, V): the next token's logits
        probabilities = next_token_probabilities(logits, temperature, top_k, top_p)
        if temperature == 0:
            next_ids = probabilities.argmax(dim=-1)
        else:
            next_ids = torch.multinomial(probabilities, 1, generator=generator).squeeze(-1)
        if stop_id is not None:
            next_ids = next_ids.masked_fill(stopped, stop_id)
            stopped |= next_ids == stop_id
        ids = torch.cat([ids, next_ids[:, None]], dim=1)
        if stopped.all():
            break
    return ids
    ### END SOLUTION
