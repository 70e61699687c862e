"""Task 5.4 — one training step: forward, loss, backward, clip the gradient, update.

    inputs (B, T) -> model -> logits (B, T, V) -> next_token_loss(logits, targets) -> loss
    loss.backward()              every parameter's .grad = d loss / d parameter
    clip_grad_norm(...)          one unlucky batch cannot throw the weights far
    optimizer.step()             AdamW moves each weight against its gradient

Clipping is by the *global* norm: all gradients are treated as one long vector g. If its length
||g|| = sqrt(sum of every gradient entry squared) exceeds max_norm, every gradient is scaled by
the same factor max_norm / ||g||, so the update keeps its direction and only gets shorter.
Clipping each parameter on its own would change the direction: small-gradient parameters would
gain weight relative to large ones. This is what `torch.nn.utils.clip_grad_norm_` does (its
factor is max_norm / (||g|| + 1e-6), and gradients are never scaled up).

The learning rate is set by the caller (from `schedule.learning_rate`) before each step.
"""

from collections.abc import Iterable

import torch
from torch import nn

from .loss import next_token_loss

CLIP_EPS = 1e-6


def clip_grad_norm(parameters: Iterable[nn.Parameter], max_norm: float) -> float:
    """Scale all gradients together so their global L2 norm is at most `max_norm`; returns the norm before.

    Parameters without a gradient are skipped. The norm is accumulated in float64 so that large
    models do not lose precision summing millions of squares.
    """
    raise NotImplementedError("Task 5.4: one training step with global-norm clipping")


def train_step(
    model: nn.Module,
    optimizer: torch.optim.Optimizer,
    inputs: torch.Tensor,
    targets: torch.Tensor,
    max_grad_norm: float = 1.0,
) -> float:
    """One optimizer step on the batch (inputs, targets), both (B, T); returns the loss before the step."""
    raise NotImplementedError("Task 5.4: one training step with global-norm clipping")
