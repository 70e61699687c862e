"""Task 6.4 — mean cross-entropy over the supervised positions, and 0 when there are none."""

import math

import pytest
import torch
import torch.nn.functional as F

from grader.loader import implementation

loss = implementation("ch06.loss")
task = pytest.mark.task("6.4")

IGNORE = -100


def close(got, expected, tolerance=1e-5):
    return abs(float(got) - float(expected)) <= tolerance * (1 + abs(float(expected)))


@task
def test_uniform_logits_cost_log_vocab_size():
    """Equal logits over 4 ids: every supervised token costs ln 4."""
    logits = torch.zeros(1, 3, 4)
    labels = torch.tensor([[IGNORE, 2, 3]])
    assert close(loss.sft_loss(logits, labels), math.log(4))


@task
def test_matches_torch_cross_entropy_with_ignore_index():
    """Without a loss mask: F.cross_entropy(..., ignore_index=-100) on the flattened batch."""
    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(2, 5, 7, generator=generator)
    labels = torch.tensor([[IGNORE, 1, 2, IGNORE, 6], [0, IGNORE, IGNORE, IGNORE, 3]])
    expected = F.cross_entropy(logits.view(-1, 7), labels.view(-1), ignore_index=IGNORE)
    assert close(loss.sft_loss(logits, labels), expected)


@task
def test_the_mean_is_over_supervised_tokens_of_the_whole_batch():
    """One supervised token costing ln 2 and three costing ln 4: (ln 2 + 3 ln 4) / 4."""
    logits = torch.full((2, 3, 4), -1e4)
    logits[0, 0, :2] = 0  # ln 2: two ids equally likely
    logits[1, :, :] = 0  # ln 4 at each position
    labels = torch.tensor([[0, IGNORE, IGNORE], [1, 2, 3]])
    assert close(loss.sft_loss(logits, labels), (math.log(2) + 3 * math.log(4)) / 4)


@task
def test_the_loss_mask_removes_positions():
    """A False in loss_mask drops that position even though its label is a real id."""
    logits = torch.zeros(1, 2, 4)
    logits[0, 1, 0] = 5.0
    labels = torch.tensor([[1, 1]])
    mask = torch.tensor([[True, False]])
    assert close(loss.sft_loss(logits, labels, mask), math.log(4))


@task
def test_nothing_supervised_gives_zero_not_nan():
    """All labels ignored: the loss is 0, and backward gives zero gradients."""
    logits = torch.randn(2, 3, 5, requires_grad=True)
    got = loss.sft_loss(logits, torch.full((2, 3), IGNORE))
    assert got.dim() == 0 and got.item() == 0.0
    got.backward()
    assert logits.grad is not None and (logits.grad == 0).all()


@task
def test_shapes_must_agree():
    """Labels whose shape is not the logits' leading shape: ValueError."""
    with pytest.raises(ValueError):
        loss.sft_loss(torch.zeros(2, 3, 4), torch.zeros(2, 4, dtype=torch.long))
