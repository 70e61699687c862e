"""Task 5.2 — the next-token cross-entropy loss."""

import math

import pytest
import torch
import torch.nn.functional as F

from grader.checks import assert_close
from grader.loader import implementation

loss = implementation("ch05.loss")
task = pytest.mark.task("5.2")

IGNORE = -100


def close(got, expected, tolerance=1e-5):
    return abs(float(got) - float(expected)) <= tolerance * (1 + abs(float(expected)))


@task
def test_uniform_logits_cost_log_vocab_size():
    """Equal logits over 4 ids: every position costs ln 4 = 1.386 nats."""
    got = loss.next_token_loss(torch.zeros(2, 3, 4), torch.tensor([[0, 1, 2], [3, 0, 1]]))
    assert got.dim() == 0, f"expected a 0-dim tensor, got shape {tuple(got.shape)}"
    assert close(got, math.log(4)), f"got {float(got)}, expected ln 4 = {math.log(4)}"


@task
def test_matches_torch_cross_entropy():
    """(B, T, V) logits, (B, T) targets with some -100: F.cross_entropy on the flattened batch."""
    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(2, 5, 7, generator=generator)
    targets = torch.tensor([[IGNORE, 1, 2, IGNORE, 6], [0, IGNORE, 4, 5, 3]])
    expected = F.cross_entropy(logits.view(-1, 7), targets.view(-1), ignore_index=IGNORE)
    assert close(loss.next_token_loss(logits, targets), expected)


@task
def test_huge_logits_do_not_overflow():
    """Logits of ±1e4: a sure right answer costs 0, a sure wrong one 2e4, never inf or nan."""
    logits = torch.tensor([[1e4, -1e4, 0.0], [1e4, -1e4, 0.0]])
    assert close(loss.next_token_loss(logits[:1], torch.tensor([0])), 0.0)
    assert close(loss.next_token_loss(logits[1:], torch.tensor([1])), 2e4)


@task
def test_gradient_reaches_the_logits():
    """d loss / d logits = (softmax - one-hot) / positions: uniform over 2, target 0 gives [-0.5, 0.5]."""
    logits = torch.zeros(1, 2, requires_grad=True)
    loss.next_token_loss(logits, torch.tensor([0])).backward()
    assert logits.grad is not None, "no gradient reached the logits"
    assert_close(logits.grad, torch.tensor([[-0.5, 0.5]]))


@task
def test_all_ignored_gives_zero():
    """No position counts: the loss is 0, not nan."""
    got = loss.next_token_loss(torch.randn(2, 3, 5), torch.full((2, 3), IGNORE))
    assert got.item() == 0.0, f"got {got.item()}"
