"""Task 5.3 — the learning rate: a linear warm-up, then a cosine decay to a floor.

    lr
    max |    ____
        |   /    `--.__
        |  /           `-.__
    min | /                 `------------
        +------+-----------------+------- step
        0   warmup             total

Early on the weights are random and the gradients large and noisy: a full-size step would throw
the model somewhere bad, so the rate climbs from max/warmup to max over the first `warmup_steps`
steps. Then it follows half a cosine from max down to `min_lr` at `total_steps`, and stays there:
big steps while the loss falls fast, small ones to settle at the end.

Steps count from 0. The warm-up steps 0 .. warmup-1 get max * (step + 1) / warmup, so step 0
already learns (a rate of 0 would waste it) and step warmup-1 reaches max; from step `warmup`:

    progress = (step - warmup) / (total - warmup)                       0 at warmup, 1 at total
    lr = min + (max - min) * (1 + cos(pi * progress)) / 2
"""

import math


def learning_rate(step: int, *, max_lr: float, min_lr: float, warmup_steps: int, total_steps: int) -> float:
    """The learning rate at `step` (from 0).

    >>> [round(learning_rate(s, max_lr=1.0, min_lr=0.1, warmup_steps=2, total_steps=6), 3) for s in range(8)]
    [0.5, 1.0, 1.0, 0.868, 0.55, 0.232, 0.1, 0.1]

    ValueError for a negative step, warmup_steps < 0, total_steps < warmup_steps, or
    min_lr outside 0 .. max_lr.
    """
    raise NotImplementedError("Task 5.3: learning-rate warm-up and cosine decay")
