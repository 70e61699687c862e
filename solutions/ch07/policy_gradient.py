"""Task 7.4 — the policy-gradient loss: make the tokens of better-than-average samples likelier.

The policy is the model; a sample is a completion it generated. REINFORCE's idea: the gradient
of the expected reward is the average over samples of `advantage * gradient of log p(sample)`,
and log p(sample) is the sum of its tokens' log-probabilities. So the loss to *minimize* is

    loss = - mean over samples of ( advantage * mean over its completion tokens of log p(token) )

Gradient descent on it raises the log-probability of every token of a sample with a positive
advantage and lowers it for a negative one. The minus sign matters: without it the model learns
to do *less* of what worked.

The pieces, with B sequences of T positions:

* `token_log_probs(logits, tokens)`: logits (B, T, V) and the tokens actually sampled (B, T),
  already aligned so that `logits[:, t]` is the distribution `tokens[:, t]` was drawn from (for a
  model run on whole sequences `ids`, pass `logits[:, :-1]` and `ids[:, 1:]`). Result (B, T):
  `log_softmax(logits)` at each sampled token.
* `mask` (B, T): True (or 1) on completion tokens. The prompt was not sampled by the policy and
  padding is not text, so neither takes part; the values of log-probs outside the mask do not
  change the loss and get zero gradient.
* **Averaging, pinned:** first the mean over each sequence's completion tokens, then the mean over
  the B sequences (as in the GRPO paper). A long and a short completion count the same, whatever
  their lengths. A sequence with no completion token contributes 0 and still counts in the
  batch mean (its token count is taken as at least 1). `masked_mean` does exactly this.
* `advantages` (B,): one number per sequence (from `group_advantages`), the same for all its
  tokens. Advantages and old log-probs are constants of the update: no gradient flows into them.

**The clipped variant (PPO, GRPO).** Sampling is expensive, so each batch of samples is often
used for several gradient steps. After the first, the policy being trained is no longer the one
that sampled. Importance weighting corrects for that with the ratio
`ratio = p_new(token) / p_old(token) = exp(log_probs - old_log_probs)`, and clipping keeps one
batch from pushing the policy too far:

    objective per token = min(ratio * A, clip(ratio, 1 - clip_eps, 1 + clip_eps) * A)
    loss = - masked_mean(objective)

Once a token's probability has moved more than `clip_eps` (relative) in the direction its
advantage wants, the clipped term is the smaller one and is constant: its gradient is 0 and the
token stops pulling. Moves the *wrong* way are never clipped (`min` is pessimistic). At the
first step, `old_log_probs` equal `log_probs` (detached) and every ratio is 1: nothing is clipped,
the loss equals the unclipped `-masked_mean(ratio * A)` (which is `-masked_mean(A)` there, not
REINFORCE's value), and since the gradient of the ratio is then the gradient of log p, its
gradient is exactly REINFORCE's.
"""

import torch


def token_log_probs(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    """log softmax(logits)[b, t, tokens[b, t]]: logits (B, T, V), integer tokens (B, T) -> (B, T).

    Stable for large logits (never log of a softmax that underflowed to 0); differentiable.
    """
    ### BEGIN SOLUTION 7.4
    return torch.log_softmax(logits, dim=-1).gather(-1, tokens.long().unsqueeze(-1)).squeeze(-1)
    ### END SOLUTION


def masked_mean(values: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean of `values` (B, T) over each row's masked positions, then over the rows: a 0-dim tensor.

    A row with no masked position contributes 0 (divided by max(count, 1)). Positions outside the
    mask never change the result and get zero gradient.
    """
    ### BEGIN SOLUTION 7.4
    mask = mask.bool()
    # `where`, not `values * mask`: an inf or nan outside the mask must not turn into nan.
    total = torch.where(mask, values, torch.zeros((), dtype=values.dtype)).sum(dim=-1)
    count = mask.sum(dim=-1).clamp(min=1).to(values.dtype)
    return (total / count).mean()
    ### END SOLUTION


def policy_gradient_loss(
    log_probs: torch.Tensor, advantages: torch.Tensor, mask: torch.Tensor
) -> torch.Tensor:
    """REINFORCE: `-masked_mean(advantages[:, None] * log_probs, mask)`, a 0-dim tensor.

    log_probs (B, T) of the sampled tokens (with gradient), advantages (B,), mask (B, T).
    """
    ### BEGIN SOLUTION 7.4
    return -masked_mean(advantages.detach().unsqueeze(-1) * log_probs, mask)
    ### END SOLUTION


def clipped_policy_loss(
    log_probs: torch.Tensor,
    old_log_probs: torch.Tensor,
    advantages: torch.Tensor,
    mask: torch.Tensor,
    clip_eps: float = 0.2,
) -> torch.Tensor:
    """The clipped surrogate: `-masked_mean(min(ratio * A, clip(ratio, 1 - eps, 1 + eps) * A), mask)`.

    ratio = exp(log_probs - old_log_probs), per token; old_log_probs (B, T) come from the policy
    that sampled and get no gradient. When `old_log_probs` equals `log_probs` (ratio 1), the value is
    `-masked_mean(A)` and the gradient is `policy_gradient_loss`'s.
    """
    ### BEGIN SOLUTION 7.4
    mask = mask.bool()
    zero = torch.zeros((), dtype=log_probs.dtype)
    difference = torch.where(mask, log_probs - old_log_probs.detach(), zero)  # no inf - inf outside
    ratio = difference.exp()
    advantage = advantages.detach().unsqueeze(-1)
    objective = torch.minimum(ratio * advantage, ratio.clamp(1 - clip_eps, 1 + clip_eps) * advantage)
    return -masked_mean(objective, mask)
    ### END SOLUTION
