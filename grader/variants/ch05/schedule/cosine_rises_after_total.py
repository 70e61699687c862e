"""Task 5.3: no floor after total_steps: the cosine goes on past pi and the rate climbs back up.

Fine for a run that stops exactly at total_steps; a run extended by a few hundred steps (or a
schedule called with a longer loop) sees the learning rate rise again to max_lr.
"""
# ruff: noqa: F821


def learning_rate(step, *, max_lr, min_lr, warmup_steps, total_steps):
    if step < 0 or warmup_steps < 0 or total_steps < warmup_steps or not 0 <= min_lr <= max_lr:
        raise ValueError("bad schedule")
    if step < warmup_steps:
        return max_lr * (step + 1) / warmup_steps
    progress = (step - warmup_steps) / max(total_steps - warmup_steps, 1)
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * progress)) / 2
