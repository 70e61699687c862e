"""Task 5.2 (hidden) — the next-token loss against `torch.nn.functional.cross_entropy`.

Tolerances. The oracle is `F.cross_entropy` in float64 on the same (rounded) logits. On the
suite's draws the reference stays within 2e-7 relative of it in float32 and 1e-15 in float64;
allowed: 1e-5 (float32) and 1e-10 (float64), relative to 1 + |loss|. Logits of ±1e4 make a
naive exp overflow to inf; the pinned loss stays finite and exact.
"""

import math

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from grader.checks import plain_tensor
from grader.loader import implementation
from grader.suites.ch05 import shared
from grader.suites.ch05.shared import IGNORE

loss = implementation("ch05.loss")


@st.composite
def loss_cases(draw, ignored=None, scales=(0.1, 1.0, 5.0, 30.0)):
    """(logits (..., V), targets (...), ignore_index): 1-3 leading dims, V 1-50, some targets ignored."""
    shape = tuple(draw(st.lists(st.integers(1, 6), min_size=1, max_size=3)))
    vocab = draw(st.integers(1, 50))
    dtype = draw(st.sampled_from((torch.float32, torch.float64)))
    scale = draw(st.sampled_from(scales))
    ignore_index = draw(st.sampled_from((IGNORE, IGNORE, -1, vocab + 7)))
    generator = torch.Generator().manual_seed(draw(shared.seeds))
    logits = (torch.randn(*shape, vocab, generator=generator, dtype=torch.float64) * scale).to(dtype)
    targets = torch.randint(0, vocab, shape, generator=generator)
    share = draw(ignored if ignored is not None else st.sampled_from((0.0, 0.0, 0.3, 0.8)))
    dropped = torch.rand(shape, generator=generator) < share
    return logits, targets.masked_fill(dropped, ignore_index), ignore_index


def expected_loss(logits, targets, ignore_index) -> float:
    vocab = logits.shape[-1]
    flat = targets.reshape(-1)
    if (flat == ignore_index).all():
        return 0.0
    return F.cross_entropy(logits.double().reshape(-1, vocab), flat, ignore_index=ignore_index).item()


def assert_close(got, expected: float, dtype: torch.dtype) -> None:
    got = plain_tensor(got, "loss")
    assert got.dim() == 0, f"expected a 0-dim tensor, got shape {tuple(got.shape)}"
    value = got.item()
    assert math.isfinite(value), f"the loss is {value}"
    tolerance = 1e-10 if dtype == torch.float64 else 1e-5
    assert abs(value - expected) <= tolerance * (1 + abs(expected)), f"loss {value!r}, expected {expected!r}"


@pytest.mark.task("5.2")
@pytest.mark.points(5)
@given(loss_cases())
def test_matches_torch_cross_entropy(case):
    """Any shape, V, dtype and ignore index: equal to F.cross_entropy over the flattened positions."""
    logits, targets, ignore_index = case
    got = loss.next_token_loss(logits, targets, ignore_index=ignore_index)
    assert_close(got, expected_loss(logits, targets, ignore_index), logits.dtype)


@pytest.mark.task("5.2")
@pytest.mark.points(3)
@given(loss_cases(scales=(1e4,)), st.integers(0, 2))
def test_extreme_logits_stay_finite_and_exact(case, pattern):
    """Logits of about ±1e4 (or exactly ±1e4 and 0): no inf or nan, and torch's value."""
    logits, targets, ignore_index = case
    if pattern:
        levels = torch.tensor([-1e4, 0.0, 1e4], dtype=logits.dtype)
        logits = levels[torch.randint(0, 3, logits.shape, generator=torch.Generator().manual_seed(pattern))]
    got = loss.next_token_loss(logits, targets, ignore_index=ignore_index)
    assert_close(got, expected_loss(logits, targets, ignore_index), logits.dtype)


@pytest.mark.task("5.2")
@pytest.mark.points(3)
@given(loss_cases(ignored=st.sampled_from((0.0, 0.5)), scales=(1.0, 5.0, 1e4)))
def test_gradients_match_torch(case):
    """d loss / d logits equals torch's gradient of F.cross_entropy, ignored positions getting exactly 0."""
    logits, targets, ignore_index = case
    logits = logits.double()
    if (targets == ignore_index).all():
        targets.view(-1)[0] = 0
    mine, theirs = logits.clone().requires_grad_(), logits.clone().requires_grad_()
    loss.next_token_loss(mine, targets, ignore_index=ignore_index).backward()
    vocab = logits.shape[-1]
    F.cross_entropy(theirs.reshape(-1, vocab), targets.reshape(-1), ignore_index=ignore_index).backward()
    assert mine.grad is not None, "no gradient reached the logits: is the loss detached?"
    assert torch.allclose(mine.grad, theirs.grad, atol=1e-12, rtol=1e-9), (
        f"largest gradient difference {(mine.grad - theirs.grad).abs().max().item():.3g}"
    )
    assert (mine.grad[targets == ignore_index] == 0).all(), "an ignored position received a gradient"


@pytest.mark.task("5.2")
@pytest.mark.points(2)
@given(loss_cases(ignored=st.just(1.0)))
def test_all_ignored_gives_zero_not_nan(case):
    """Every target ignored: exactly 0 (not 0 / 0 = nan), still differentiable, with zero gradients."""
    logits, targets, ignore_index = case
    leaf = logits.clone().requires_grad_()
    got = loss.next_token_loss(leaf, targets, ignore_index=ignore_index)
    assert got.dim() == 0 and got.item() == 0.0, f"got {got.item()}"
    assert got.requires_grad, "the zero loss must still be part of the graph (loss.backward() must work)"
    got.backward()
    assert leaf.grad is not None and (leaf.grad == 0).all()


@pytest.mark.task("5.2")
@pytest.mark.points(2)
def test_known_answers_and_bad_shapes():
    """Uniform over V costs ln V; the default ignore index is -100; mismatched shapes raise ValueError."""
    assert_close(
        loss.next_token_loss(torch.zeros(3, 5, 257), torch.full((3, 5), 256)), math.log(257), torch.float32
    )
    targets = torch.tensor([[1, IGNORE], [IGNORE, IGNORE]])
    logits = torch.zeros(2, 2, 2, dtype=torch.float64)
    logits[0, 1], logits[1] = 30.0, -30.0  # the ignored positions would cost a lot
    assert_close(loss.next_token_loss(logits, targets), math.log(2), torch.float64)
    with pytest.raises(ValueError):
        loss.next_token_loss(torch.zeros(2, 3, 4), torch.zeros(2, 4, dtype=torch.long))
    with pytest.raises(ValueError):
        loss.next_token_loss(torch.zeros(2, 3, 4), torch.zeros(6, dtype=torch.long))
