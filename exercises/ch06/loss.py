"""Task 6.4 — the SFT loss: mean cross-entropy over the supervised positions only.

The loss of pretraining, restricted: at each supervised position, -log p(label), where p is the
softmax of that position's logits; then the mean over *supervised positions of the whole batch*.

    logits (..., V), e.g. (B, T, V)    labels (...) int64    loss_mask (...) bool, optional

A position is supervised when its label is not IGNORE_INDEX and, if a loss mask is given, the
mask is True there. That is `F.cross_entropy(logits.view(-1, V), labels.view(-1),
ignore_index=IGNORE_INDEX)` with the mask folded into the labels, except for an empty batch.

Why the mean over supervised positions and not over all positions? A batch of short answers
behind long prompts would otherwise get a tiny loss (most positions count as zero), and the
learning rate would effectively shrink with the prompt length. Why not a mean per sequence,
then over the batch? Then one token of a one-word answer weighs as much as a whole paragraph
of another. Here every supervised token counts the same.

A batch with no supervised position (only prompts, or only padding) has nothing to average:
the loss is pinned to 0, not 0 / 0 = nan, and backpropagating it gives zero gradients. One nan
would otherwise poison every weight at the next optimizer step.

Bad input is a ValueError: logits' leading shape not equal to the labels' shape, a mask of
another shape, or a supervised label outside 0..V-1.
"""

import torch
import torch.nn.functional as F

from .masking import IGNORE_INDEX


def sft_loss(
    logits: torch.Tensor, labels: torch.Tensor, loss_mask: torch.Tensor | None = None
) -> torch.Tensor:
    """A 0-dim tensor in the logits' dtype: mean -log p(label) over supervised positions; 0 if none."""
    raise NotImplementedError("Task 6.4: the SFT loss over supervised tokens")
