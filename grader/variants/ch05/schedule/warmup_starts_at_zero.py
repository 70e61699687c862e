"""Task 5.3: warm-up as max * step / warmup, one step behind: step 0 gets a rate of 0.

The formula from many blog posts, counting steps from 1 while the loop counts from 0: the first
step is wasted and max_lr is reached one step late.
"""
# ruff: noqa: F821


def learning_rate(step, *, max_lr, min_lr, warmup_steps, total_steps):
    if step < 0 or warmup_steps < 0 or total_steps < warmup_steps or not 0 <= min_lr <= max_lr:
        raise ValueError("bad schedule")
    if step < warmup_steps:
        return max_lr * step / warmup_steps
    if step >= total_steps:
        return min_lr
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + (max_lr - min_lr) * (1 + math.cos(math.pi * progress)) / 2
