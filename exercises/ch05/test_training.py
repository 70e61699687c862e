"""Task 5.4 — one training step with global-norm clipping."""

import math

import pytest
import torch
import torch.nn.functional as F

from grader.checks import assert_close, assert_equal
from grader.loader import implementation
from llmdd.gpt import GPTConfig, TinyGPT

training = implementation("ch05.training")
task = pytest.mark.task("5.4")

CONFIG = GPTConfig(vocab_size=11, context_length=8, d_model=16, n_heads=2, n_layers=1)


def tiny_gpt(seed=0):
    torch.manual_seed(seed)
    return TinyGPT(CONFIG)


@task
def test_clipping_scales_every_gradient_by_the_same_factor():
    """Gradients [3, 4] and [12]: global norm 13; max_norm 1.3 scales both by about 0.1."""
    a, b = torch.nn.Parameter(torch.zeros(2)), torch.nn.Parameter(torch.zeros(1))
    a.grad, b.grad = torch.tensor([3.0, 4.0]), torch.tensor([12.0])
    norm = training.clip_grad_norm([a, b], 1.3)
    assert norm == pytest.approx(13.0), "returns the norm before clipping"
    assert_close(a.grad, torch.tensor([0.3, 0.4]), atol=1e-6)
    assert_close(b.grad, torch.tensor([1.2]), atol=1e-6)


@task
def test_small_gradients_are_not_scaled_up():
    """Global norm 5 under max_norm 10: the gradients stay as they are."""
    a = torch.nn.Parameter(torch.zeros(2))
    a.grad = torch.tensor([3.0, 4.0])
    assert training.clip_grad_norm([a], 10.0) == pytest.approx(5.0)
    assert_equal(a.grad, torch.tensor([3.0, 4.0]))


@task
def test_train_step_returns_the_loss_before_the_step():
    """The returned float is the cross-entropy of the batch under the weights before the update."""
    model = tiny_gpt()
    generator = torch.Generator().manual_seed(0)
    inputs, targets = (
        torch.randint(0, 11, (2, 8), generator=generator),
        torch.randint(0, 11, (2, 8), generator=generator),
    )
    with torch.no_grad():
        expected = F.cross_entropy(model(inputs).view(-1, 11), targets.view(-1)).item()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    got = training.train_step(model, optimizer, inputs, targets)
    assert isinstance(got, float), f"expected a Python float, got {type(got).__name__}"
    assert got == pytest.approx(expected, rel=1e-5)
    assert abs(expected - math.log(11)) < 0.2, "a fresh model is close to uniform"


@task
def test_repeating_a_batch_lowers_its_loss():
    """Ten steps of AdamW on one batch: the loss goes down."""
    model = tiny_gpt()
    inputs = torch.tensor([[1, 2, 3, 4, 5, 6, 7, 8]])
    targets = torch.tensor([[2, 3, 4, 5, 6, 7, 8, 9]])
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2)
    losses = [training.train_step(model, optimizer, inputs, targets) for _ in range(10)]
    assert losses[-1] < losses[0] - 0.5, f"losses {losses}"
