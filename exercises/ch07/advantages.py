"""Task 7.3 — group-relative advantages (GRPO): how much better than its siblings each sample did.

A reward of 1 says little on its own: on an easy prompt every sample earns it, on a hard one
none does. What should drive learning is whether a sample did *better than usual for its
prompt*. So sample a group of N completions per prompt, and compare each one with its group:

    advantage_i = (r_i - mean(r)) / (std(r) + eps)

* Subtracting the group's mean (the *baseline*) makes advantages sum to zero: above-average
  samples are pushed up, below-average ones down. Adding a constant to every reward of a group
  changes nothing.
* Dividing by the standard deviation puts every prompt on the same scale, whether its rewards
  are 0/1 or spread over 0..1.1.
* `std` is the **population** standard deviation, sqrt(mean((r - mean(r))**2)) (`unbiased=False`
  in torch): it is defined for a group of one and makes a 0/1 group with half right give exactly
  ±1 / (1 + 2 eps). (Some libraries use the sample std, which divides by N - 1: the advantages
  then shrink by sqrt((N - 1) / N).)
* `eps` (default 1e-4) keeps the division finite when the spread is tiny.
* A group whose rewards are **all equal** (all right, or all wrong) carries no signal: nobody
  did better than anybody else. Its advantages are exactly 0. Do not count on `r - mean(r)`
  being 0 there: the mean of seven copies of 0.7 is not always exactly 0.7 in floating point,
  and (0.7 - mean) / (0 + eps) is then a small, meaningless, non-zero number. Test for the case.

`rewards` is (N,) for one group or (G, N) for G groups of N samples each (one prompt per row);
the advantages have the same shape and dtype. No critic network is needed: the group is the
baseline, which is what makes this cheaper than PPO's learned value function.

>>> group_advantages(torch.tensor([1.0, 0.0, 0.0, 1.0]))
tensor([ 0.9998, -0.9998, -0.9998,  0.9998])
>>> group_advantages(torch.tensor([[1.0, 1.0], [0.0, 3.0]]))
tensor([[ 0.0000,  0.0000],
        [-0.9999,  0.9999]])
"""

import torch

EPS = 1e-4


def group_advantages(rewards: torch.Tensor, eps: float = EPS) -> torch.Tensor:
    """(r - mean) / (population std + eps) along the last dimension; 0 for a group of equal rewards.

    `rewards`: a floating tensor (N,) or (G, N); integer tensors are converted to float32. The
    input is not modified.
    """
    raise NotImplementedError("Task 7.3: group-relative advantages")
