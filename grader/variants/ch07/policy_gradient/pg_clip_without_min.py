"""Task 7.4: the clipped loss uses the clipped ratio alone, without the pessimistic min.

`clip(ratio, 1 - eps, 1 + eps) * A`: moves the advantage wants are clipped as intended, but so
are moves the *wrong* way (A < 0 while the ratio grows), which then get no gradient to undo
them, and the loss's value is wrong whenever a ratio is outside the range.
"""
# ruff: noqa: F821


def clipped_policy_loss(log_probs, old_log_probs, advantages, mask, clip_eps=0.2):
    mask = mask.bool()
    ratio = torch.where(
        mask, log_probs - old_log_probs.detach(), torch.zeros((), dtype=log_probs.dtype)
    ).exp()
    return -masked_mean(ratio.clamp(1 - clip_eps, 1 + clip_eps) * advantages.detach().unsqueeze(-1), mask)
