"""Task 7.4: the loss is averaged over every position, the mask is ignored.

`-(advantages[:, None] * log_probs).mean()`: the prompt's tokens (which the policy did not
sample) and the padding are trained on as if the model had written them, and every sequence's
weight depends on how much padding it got.
"""
# ruff: noqa: F821


def policy_gradient_loss(log_probs, advantages, mask):
    return -(advantages.detach().unsqueeze(-1) * log_probs).mean()
