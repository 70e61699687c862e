"""Task 7.3: the rewards are divided by the group's spread but the mean is never subtracted.

r / (std + eps): with 0/1 rewards, every correct sample is pushed up and wrong ones are not
pushed down at all, and adding a constant to the rewards changes everything. Without the
baseline the advantages no longer say "better than its siblings".
"""
# ruff: noqa: F821


def group_advantages(rewards, eps=EPS):
    rewards = torch.as_tensor(rewards)
    if not rewards.is_floating_point():
        rewards = rewards.float()
    std = rewards.std(dim=-1, keepdim=True, unbiased=False)
    advantages = rewards / (std + eps)
    all_equal = (rewards == rewards[..., :1]).all(dim=-1, keepdim=True)
    return advantages.masked_fill(all_equal, 0.0)
