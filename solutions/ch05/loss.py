"""Task 5.2 — the next-token loss: cross-entropy between the model's logits and the next tokens.

At each position the model gives logits z (one per vocabulary entry); softmax turns them into
probabilities, and the loss is the surprise of the true next token, -log p(target), averaged:

    -log p(y) = -log(exp(z_y) / sum_j exp(z_j)) = logsumexp(z) - z_y

Computed that way, with the maximum subtracted first, no exp overflows even for logits of 1e4.
A loss of L nats per token means the model was, on average, as unsure as a uniform choice
among exp(L) tokens (the perplexity): L = 2.0 is a choice among about 7.4; in bits, L / ln 2.

Positions whose target is `ignore_index` (padding, or a prompt not trained on) do not count:
the mean is over the other positions. This equals `F.cross_entropy(logits.view(-1, V),
targets.view(-1), ignore_index=...)`, except that when every target is ignored the loss is 0
(not 0 / 0 = nan), as in chapter 6: one nan would poison every weight at the next step.
"""

import torch

IGNORE_INDEX = -100


def next_token_loss(
    logits: torch.Tensor, targets: torch.Tensor, ignore_index: int = IGNORE_INDEX
) -> torch.Tensor:
    """Mean -log p(target) over positions not ignored: logits (..., V), targets (...) -> 0-dim tensor.

    >>> next_token_loss(torch.zeros(1, 4), torch.tensor([2]))    # uniform over 4: log 4
    tensor(1.3863)
    """
    ### BEGIN SOLUTION 5.2
    if tuple(logits.shape[:-1]) != tuple(targets.shape):
        raise ValueError(f"logits {tuple(logits.shape)} must be targets' shape {tuple(targets.shape)} + (V,)")
    logits = logits.reshape(-1, logits.shape[-1])
    targets = targets.reshape(-1)
    kept = targets != ignore_index
    shifted = logits - logits.amax(dim=-1, keepdim=True).detach()  # the largest logit becomes 0
    log_normalizer = shifted.exp().sum(dim=-1).log()
    target_logit = shifted.gather(-1, targets.masked_fill(~kept, 0)[:, None]).squeeze(-1)
    losses = (log_normalizer - target_logit) * kept
    return losses.sum() / kept.sum().clamp(min=1)
    ### END SOLUTION
