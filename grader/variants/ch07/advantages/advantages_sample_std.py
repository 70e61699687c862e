"""Task 7.3: the sample standard deviation (divided by N - 1) instead of the population one.

torch's `std()` defaults to the sample std. The task pins the population std: with it, a 0/1
group half right gives ±1 / (1 + 2 eps); with the sample std every advantage shrinks by
sqrt((N - 1) / N), and a group of one has an undefined (nan) spread.
"""
# ruff: noqa: F821


def group_advantages(rewards, eps=EPS):
    rewards = torch.as_tensor(rewards)
    if not rewards.is_floating_point():
        rewards = rewards.float()
    centered = rewards - rewards.mean(dim=-1, keepdim=True)
    advantages = centered / (rewards.std(dim=-1, keepdim=True) + eps)
    all_equal = (rewards == rewards[..., :1]).all(dim=-1, keepdim=True)
    return advantages.masked_fill(all_equal, 0.0)
