"""Task 7.3: a group of equal rewards relies on r - mean being 0, which rounding breaks.

(r - mean) / (std + eps) with eps, but no test for the all-equal case. Seven copies of 0.7 in
float32 have a mean that is not exactly 0.7, so every sample gets the same small non-zero
"advantage", about 6e-4, from a group that carries no signal at all.
"""
# ruff: noqa: F821


def group_advantages(rewards, eps=EPS):
    rewards = torch.as_tensor(rewards)
    if not rewards.is_floating_point():
        rewards = rewards.float()
    centered = rewards - rewards.mean(dim=-1, keepdim=True)
    return centered / (rewards.std(dim=-1, keepdim=True, unbiased=False) + eps)
