"""Task 7.4: the loss is the objective itself, not its negative.

Minimizing `masked_mean(A * log p)` *lowers* the probability of samples with a positive advantage
and raises it for the bad ones: training makes the model steadily worse at the task. Same for the
clipped loss.
"""
# ruff: noqa: F821


def policy_gradient_loss(log_probs, advantages, mask):
    return masked_mean(advantages.detach().unsqueeze(-1) * log_probs, mask)


def clipped_policy_loss(log_probs, old_log_probs, advantages, mask, clip_eps=0.2):
    ratio = torch.where(mask.bool(), log_probs - old_log_probs.detach(), 0.0).exp()
    advantage = advantages.detach().unsqueeze(-1)
    return masked_mean(
        torch.minimum(ratio * advantage, ratio.clamp(1 - clip_eps, 1 + clip_eps) * advantage), mask
    )
