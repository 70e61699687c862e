"""Task 7.3: advantages are divided by the standard deviation itself, without eps or a check.

(r - mean) / std: a group whose samples all earned the same reward (all right, or all wrong,
common early and late in training) has std 0, and 0 / 0 is nan. One nan advantage turns the
loss, every gradient and then every weight into nan.
"""
# ruff: noqa: F821


def group_advantages(rewards, eps=EPS):
    rewards = torch.as_tensor(rewards)
    if not rewards.is_floating_point():
        rewards = rewards.float()
    centered = rewards - rewards.mean(dim=-1, keepdim=True)
    return centered / rewards.std(dim=-1, keepdim=True, unbiased=False)
