"""Task 7.4 — the policy-gradient loss and its clipped variant."""

import math

import pytest
import torch

from grader.checks import assert_close
from grader.loader import implementation

pg = implementation("ch07.policy_gradient")
task = pytest.mark.task("7.4")

LOG_PROBS = torch.tensor([[-9.0, -1.0, -2.0, -3.0], [-9.0, -9.0, -0.5, -1.5]], dtype=torch.float64)
MASK = torch.tensor([[False, True, True, True], [False, False, True, False]])  # completion tokens
ADVANTAGES = torch.tensor([1.0, -2.0], dtype=torch.float64)


@task
def test_token_log_probs_picks_the_sampled_tokens():
    """log_softmax(logits)[b, t, tokens[b, t]]: (B, T, V) and (B, T) give (B, T)."""
    logits = torch.tensor([[[0.0, 0.0], [math.log(3.0), 0.0]]])
    got = pg.token_log_probs(logits, torch.tensor([[1, 0]]))
    assert got.shape == (1, 2)
    assert_close(got, torch.tensor([[math.log(0.5), math.log(0.75)]]))


@task
def test_token_log_probs_of_huge_logits_are_finite():
    """Logits of ±1e4: log-probs of about 0 and -2e4, not -inf or nan."""
    got = pg.token_log_probs(torch.tensor([[[1e4, -1e4]]]), torch.tensor([[1]]))
    assert_close(got, torch.tensor([[-2e4]]))


@task
def test_loss_is_per_sequence_mean_then_batch_mean():
    """Sequence 0: mean(-1, -2, -3) * 1 = -2; sequence 1: -0.5 * -2 = 1; loss = -(-2 + 1) / 2 = 0.5."""
    loss = pg.policy_gradient_loss(LOG_PROBS, ADVANTAGES, MASK)
    assert loss.shape == (), f"expected a 0-dim tensor, got shape {tuple(loss.shape)}"
    assert_close(loss, torch.tensor(0.5, dtype=torch.float64))


@task
def test_tokens_outside_the_mask_do_not_count():
    """Changing the prompt and padding log-probs changes neither the loss nor their zero gradient."""
    changed = torch.where(MASK, LOG_PROBS, torch.tensor(123.0, dtype=torch.float64)).requires_grad_()
    loss = pg.policy_gradient_loss(changed, ADVANTAGES, MASK)
    assert_close(loss, torch.tensor(0.5, dtype=torch.float64))
    loss.backward()
    assert (changed.grad[~MASK] == 0).all()


@task
def test_a_positive_advantage_makes_its_tokens_likelier():
    """One gradient step on the logits raises log p of sequence 0's tokens (A > 0), lowers sequence 1's."""
    generator = torch.Generator().manual_seed(0)
    logits = torch.randn(2, 4, 5, generator=generator, dtype=torch.float64, requires_grad=True)
    tokens = torch.tensor([[0, 1, 2, 3], [4, 3, 2, 1]])
    before = pg.token_log_probs(logits, tokens)
    pg.policy_gradient_loss(before, ADVANTAGES, MASK).backward()
    with torch.no_grad():
        after = pg.token_log_probs(logits - 0.1 * logits.grad, tokens)
    assert (after[0][MASK[0]] > before[0][MASK[0]]).all()
    assert (after[1][MASK[1]] < before[1][MASK[1]]).all()


@task
def test_clipped_loss_at_ratio_one_has_the_reinforce_gradient():
    """old_log_probs == log_probs: nothing is clipped, loss -mean(A) = 0.5, REINFORCE's gradient."""
    advantages = torch.tensor([1.0, -3.0], dtype=torch.float64)
    ours = LOG_PROBS.clone().requires_grad_()
    loss = pg.clipped_policy_loss(ours, LOG_PROBS.clone(), advantages, MASK)
    assert_close(loss, torch.tensor(1.0, dtype=torch.float64))  # -(1 - 3) / 2
    loss.backward()
    plain = LOG_PROBS.clone().requires_grad_()
    pg.policy_gradient_loss(plain, advantages, MASK).backward()
    assert_close(ours.grad, plain.grad)


@task
def test_clipping_is_pessimistic():
    """A > 0 and ratio 2 counts as 1.2; A < 0 and ratio 2 counts in full (clip_eps 0.2)."""
    log_probs = torch.tensor([[math.log(2.0)], [math.log(2.0)]], dtype=torch.float64)
    old = torch.zeros(2, 1, dtype=torch.float64)
    mask = torch.ones(2, 1, dtype=torch.bool)
    loss = pg.clipped_policy_loss(log_probs, old, torch.tensor([1.0, -1.0], dtype=torch.float64), mask)
    assert_close(loss, torch.tensor(-(1.2 - 2.0) / 2, dtype=torch.float64))
