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
    raise NotImplementedError("Task 5.5: the sampling loop: temperature, top-k, top-p")


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
    raise NotImplementedError("Task 5.5: the sampling loop: temperature, top-k, top-p")
