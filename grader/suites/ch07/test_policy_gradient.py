"""Task 7.4 (hidden) — token log-probs, the REINFORCE loss and the clipped loss, against oracles
written token by token in plain Python (`shared`), and their gradients through autograd.

Batches have 1-5 sequences of 1-12 positions; each mask row is a prompt, a completion and padding
(any of them possibly empty, so some rows have no completion token at all), given as bool, float
or int. Log-probs lie within -30..0, advantages are standard normal.
"""

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites.ch07 import shared

pg = implementation("ch07.policy_gradient")


@st.composite
def batches(draw, dtypes=shared.dtypes, max_batch: int = 5, max_len: int = 12):
    """`(log_probs (B, T), advantages (B,), mask (B, T))`: seeded, in one drawn dtype."""
    batch, length, dtype, seed = (
        draw(st.integers(1, max_batch)),
        draw(st.integers(1, max_len)),
        draw(dtypes),
        draw(shared.seeds),
    )
    scale = draw(st.sampled_from((0.3, 2.0, 10.0)))
    log_probs = -(shared.tensor((batch, length), seed).abs() * scale).clamp(max=30)
    advantages = shared.tensor((batch,), seed + 1)
    mask = shared.masks((batch, length), seed + 2, draw(st.sampled_from(("bool", "float", "int"))))
    return log_probs.to(dtype), advantages.to(dtype), mask


@st.composite
def clipped_batches(draw, dtypes=shared.dtypes):
    """A batch, old log-probs that differ from the new ones by up to ±(0.05-1), and a clip epsilon."""
    log_probs, advantages, mask = draw(batches(dtypes))
    noise = shared.tensor(
        tuple(log_probs.shape), draw(shared.seeds), scale=draw(st.sampled_from((0.05, 0.3, 1.0)))
    )
    old = (log_probs.double() + noise).to(log_probs.dtype)
    return log_probs, old, advantages, mask, draw(st.sampled_from((0.1, 0.2, 0.3)))


def lists(*tensors):
    return [t.double().tolist() for t in tensors]


def reinforce_gradient_oracle(advantages, mask) -> torch.Tensor:
    """d loss / d log_probs[b, t] = -A_b * mask[b, t] / (max(n_b, 1) * B)."""
    mask = mask.bool()
    counts = mask.sum(-1).clamp(min=1).double()
    return -(advantages.double() / counts / len(mask)).unsqueeze(-1) * mask.double()


@pytest.mark.task("7.4")
@pytest.mark.points(4)
@given(
    st.integers(1, 3),
    st.integers(1, 6),
    st.integers(2, 40),
    shared.dtypes,
    shared.seeds,
    st.sampled_from((0.5, 3.0, 20.0)),
)
def test_token_log_probs_match_the_oracle(batch, length, vocab, dtype, seed, scale):
    """log softmax(logits) at each sampled token, for any (B, T, V), float32 and float64."""
    logits = shared.tensor((batch, length, vocab), seed, dtype, scale)
    tokens = torch.randint(0, vocab, (batch, length), generator=torch.Generator().manual_seed(seed))
    got = pg.token_log_probs(logits, tokens)
    expected = torch.tensor(
        shared.log_prob_oracle(logits.double().tolist(), tokens.tolist()), dtype=torch.float64
    )
    shared.assert_close(got, expected, **shared.tolerance(dtype), what="token log-probs")
    assert got.dtype == dtype, f"dtype {got.dtype}, expected {dtype}"


@pytest.mark.task("7.4")
@pytest.mark.points(2)
@settings(max_examples=20)  # a property that fails at once when broken
@given(st.integers(2, 20), shared.seeds)
def test_token_log_probs_are_stable_and_differentiable(vocab, seed):
    """Logits of ±1e4 give finite log-probs; the gradient is weight * (one-hot - softmax) (float64)."""
    logits = shared.tensor((2, 3, vocab), seed, scale=1e4)
    tokens = torch.randint(0, vocab, (2, 3), generator=torch.Generator().manual_seed(seed))
    got = pg.token_log_probs(logits, tokens)
    assert torch.isfinite(got).all(), "-inf or nan: log of a softmax that underflowed? use log_softmax"
    expected = torch.tensor(shared.log_prob_oracle(logits.tolist(), tokens.tolist()), dtype=torch.float64)
    shared.assert_close(got, expected, atol=1e-6, rtol=1e-9, what="log-probs of huge logits")
    small = shared.tensor((2, 3, vocab), seed + 1).requires_grad_()
    weights = shared.tensor((2, 3), seed + 2)
    (pg.token_log_probs(small, tokens) * weights).sum().backward()
    assert small.grad is not None, "no gradient reached the logits: is the result detached?"
    one_hot = torch.nn.functional.one_hot(tokens, vocab).double()
    softmax = small.detach().exp() / small.detach().exp().sum(-1, keepdim=True)
    shared.assert_close(
        small.grad, weights.unsqueeze(-1) * (one_hot - softmax), **shared.F64_TOLERANCE, what="gradient"
    )


@pytest.mark.task("7.4")
@pytest.mark.points(6)
@given(batches())
def test_reinforce_loss_matches_the_oracle(batch):
    """-(mean over sequences of A * mean over its completion tokens of log p); empty rows count 0; 0-dim."""
    log_probs, advantages, mask = batch
    got = pg.policy_gradient_loss(log_probs, advantages, mask)
    expected = torch.tensor(
        shared.reinforce_oracle(*lists(log_probs, advantages), mask.bool().tolist()), dtype=torch.float64
    )
    shared.assert_close(got, expected, **shared.tolerance(log_probs.dtype), what="loss")
    assert got.dtype == log_probs.dtype, f"dtype {got.dtype}, expected {log_probs.dtype}"


@pytest.mark.task("7.4")
@pytest.mark.points(3)
@settings(max_examples=30)  # a property that fails at once when broken
@given(clipped_batches(dtypes=st.just(torch.float64)), shared.seeds)
def test_positions_outside_the_mask_do_not_matter(batch, seed):
    """Other values at prompt and padding positions: the same losses, and zero gradient there."""
    log_probs, old, advantages, mask, clip_eps = batch
    outside = ~mask.bool()
    garbage = shared.tensor(tuple(log_probs.shape), seed, scale=50.0)
    changed = torch.where(outside, garbage, log_probs).requires_grad_()
    old_changed = torch.where(outside, garbage.flip(0), old)
    loss = pg.policy_gradient_loss(changed, advantages, mask)
    shared.assert_close(
        loss, pg.policy_gradient_loss(log_probs, advantages, mask), **shared.F64_TOLERANCE, what="loss"
    )
    loss.backward()
    assert changed.grad is not None, "no gradient reached the log-probs"
    assert (changed.grad[outside] == 0).all(), "a prompt or padding position got a gradient"
    changed.grad = None
    loss = pg.clipped_policy_loss(changed, old_changed, advantages, mask, clip_eps=clip_eps)
    expected = pg.clipped_policy_loss(log_probs, old, advantages, mask, clip_eps=clip_eps)
    shared.assert_close(loss, expected, **shared.F64_TOLERANCE, what="clipped loss")
    loss.backward()
    assert (changed.grad[outside] == 0).all(), "a prompt or padding position got a gradient (clipped loss)"


@pytest.mark.task("7.4")
@pytest.mark.points(4)
@given(batches(dtypes=st.just(torch.float64)), shared.seeds)
def test_gradient_raises_the_log_probs_of_positive_advantages(batch, seed):
    """d loss / d log p = -A / (n_tokens * B) on completion tokens; one SGD step on the logits raises
    log p of every completion token with A > 0 and lowers it with A < 0."""
    log_probs, advantages, mask = batch
    leaf = log_probs.clone().requires_grad_()
    pg.policy_gradient_loss(leaf, advantages, mask).backward()
    assert leaf.grad is not None, "no gradient reached the log-probs: is the loss detached?"
    shared.assert_close(
        leaf.grad, reinforce_gradient_oracle(advantages, mask), **shared.F64_TOLERANCE, what="gradient"
    )

    batch_size, length = log_probs.shape
    logits = shared.tensor((batch_size, length, 7), seed).requires_grad_()
    tokens = torch.randint(0, 7, (batch_size, length), generator=torch.Generator().manual_seed(seed))

    def sampled_log_probs(scores):
        return torch.log_softmax(scores, -1).gather(-1, tokens.unsqueeze(-1)).squeeze(-1)

    before = sampled_log_probs(logits)
    pg.policy_gradient_loss(before, advantages, mask).backward()
    with torch.no_grad():
        change = sampled_log_probs(logits - 1e-3 * logits.grad) - before
    completion = mask.bool()
    sign = advantages.sign().unsqueeze(-1).expand_as(change)
    assert (change[completion] * sign[completion] > 0).all(), (
        "a step of gradient descent moved log p the wrong way"
    )


@pytest.mark.task("7.4")
@pytest.mark.points(5)
@given(clipped_batches())
def test_clipped_loss_and_its_gradient_match_the_oracle(batch):
    """-(sequence mean of min(ratio * A, clip(ratio, 1 - eps, 1 + eps) * A)); its gradient too (float64)."""
    log_probs, old, advantages, mask, clip_eps = batch
    leaf = log_probs.clone().requires_grad_()
    got = pg.clipped_policy_loss(leaf, old, advantages, mask, clip_eps=clip_eps)
    values = lists(log_probs, old, advantages)
    expected = shared.clipped_oracle(*values, mask.bool().tolist(), clip_eps)
    shared.assert_close(
        got, torch.tensor(expected, dtype=torch.float64), **shared.tolerance(log_probs.dtype), what="loss"
    )
    if log_probs.dtype == torch.float64:
        got.backward()
        assert leaf.grad is not None, "no gradient reached the log-probs"
        gradient = shared.clipped_gradient_oracle(*values, mask.bool().tolist(), clip_eps)
        shared.assert_close(
            leaf.grad, torch.tensor(gradient, dtype=torch.float64), **shared.F64_TOLERANCE, what="gradient"
        )


@pytest.mark.task("7.4")
@pytest.mark.points(3)
@given(batches(), st.sampled_from((None, 0.1, 0.2, 0.5)))
def test_at_ratio_one_the_clipped_loss_is_unclipped_with_the_reinforce_gradient(batch, clip_eps):
    """old_log_probs == log_probs (the first step on fresh samples): nothing is clipped, the loss is the
    unclipped -masked_mean(ratio * A) = -masked_mean(A), and the gradient is REINFORCE's."""
    log_probs, advantages, mask = batch
    options = {} if clip_eps is None else {"clip_eps": clip_eps}
    leaf = log_probs.clone().requires_grad_()
    clipped = pg.clipped_policy_loss(leaf, leaf.detach().clone(), advantages, mask, **options)
    values = lists(log_probs, advantages)
    unclipped = shared.clipped_oracle(values[0], values[0], values[1], mask.bool().tolist(), math.inf)
    tolerance = shared.tolerance(log_probs.dtype)
    shared.assert_close(
        clipped, torch.tensor(unclipped, dtype=torch.float64), **tolerance, what="loss at ratio 1"
    )
    clipped.backward()
    assert leaf.grad is not None, "no gradient reached the log-probs"
    expected = reinforce_gradient_oracle(advantages, mask)
    shared.assert_close(leaf.grad, expected, **tolerance, what="gradient at ratio 1")


@pytest.mark.task("7.4")
@pytest.mark.points(2)
def test_clipping_stops_only_the_moves_the_advantage_wants():
    """clip_eps 0.2: A > 0 at ratio 1.5 and A < 0 at ratio 0.5 get no gradient; the opposite moves
    (A > 0 at 0.5, A < 0 at 1.5) are never clipped; the default clip_eps is 0.2."""
    ratios = torch.tensor([[1.5], [0.5], [0.5], [1.5], [1.1]], dtype=torch.float64)
    advantages = torch.tensor([1.0, -1.0, 1.0, -1.0, 2.0], dtype=torch.float64)
    old = torch.full((5, 1), -2.0, dtype=torch.float64)
    leaf = (old + ratios.log()).requires_grad_()
    mask = torch.ones(5, 1, dtype=torch.bool)
    loss = pg.clipped_policy_loss(leaf, old, advantages, mask)
    expected_objective = [1.2, -0.8, 0.5, -1.5, 2.2]
    assert math.isclose(loss.item(), -sum(expected_objective) / 5, rel_tol=1e-12), loss.item()
    loss.backward()
    expected_gradient = torch.tensor([[0.0], [0.0], [-0.5 / 5], [1.5 / 5], [-2.2 / 5]], dtype=torch.float64)
    shared.assert_close(leaf.grad, expected_gradient, **shared.F64_TOLERANCE, what="gradient")


@pytest.mark.task("7.4")
@pytest.mark.points(1)
@settings(max_examples=20)  # a property that fails at once when broken
@given(clipped_batches(dtypes=st.just(torch.float64)))
def test_advantages_and_old_log_probs_are_constants(batch):
    """Both losses are 0-dim; no gradient flows into the advantages or the old log-probs."""
    log_probs, old, advantages, mask, clip_eps = batch
    advantages, old = advantages.clone().requires_grad_(), old.clone().requires_grad_()
    leaf = log_probs.clone().requires_grad_()
    loss = pg.policy_gradient_loss(leaf, advantages, mask)
    clipped = pg.clipped_policy_loss(leaf, old, advantages, mask, clip_eps=clip_eps)
    assert loss.shape == () and clipped.shape == (), (tuple(loss.shape), tuple(clipped.shape))
    (loss + clipped).backward()
    assert advantages.grad is None, "the advantages got a gradient: detach them"
    assert old.grad is None, "the old log-probs got a gradient: detach them"
