"""Task 4.1 (hidden) — `stable_softmax` against torch's softmax, on any shape, axis and magnitude."""

import math

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites.ch04 import shared

softmax = implementation("ch04.softmax")


@st.composite
def scores_and_dim(draw, scales=(0.1, 1.0, 5.0, 30.0)):
    """A tensor of 1 to 4 dimensions (sizes 1-7, seeded normal entries), an axis, a dtype."""
    shape = tuple(draw(st.lists(st.integers(1, 7), min_size=1, max_size=4)))
    dim = draw(st.integers(-len(shape), len(shape) - 1))
    dtype = draw(shared.dtypes)
    scale = draw(st.sampled_from(scales))
    return shared.tensor(shape, draw(shared.seeds), dtype, scale), dim


@pytest.mark.task("4.1")
@pytest.mark.points(3)
@given(scores_and_dim())
def test_matches_torch_softmax_on_any_axis(case):
    """On 1-4 dimensional scores, float32 and float64, along any axis (negative too): torch's softmax."""
    scores, dim = case
    expected = torch.softmax(scores.double(), dim=dim)
    shared.assert_matches(softmax.stable_softmax(scores, dim=dim), expected, scores.dtype, f"dim={dim}")


@pytest.mark.task("4.1")
@pytest.mark.points(3)
@given(scores_and_dim(scales=(1e3, 1e4, 1e5)))
def test_large_scores_do_not_overflow(case):
    """Scores of magnitude 1e3-1e5 (exp overflows past ~89 in float32, ~710 in float64): finite, exact."""
    scores, dim = case
    got = softmax.stable_softmax(scores, dim=dim)
    assert torch.isfinite(got).all(), "inf or nan: subtract each row's maximum before exp"
    shared.assert_matches(got, torch.softmax(scores.double(), dim=dim), scores.dtype, f"dim={dim}")
    shared.assert_close(
        got.double().sum(dim), torch.ones_like(got.double().sum(dim)), **shared.tolerance(scores.dtype)
    )


@pytest.mark.task("4.1")
@pytest.mark.points(1)
@given(shared.seeds, st.integers(1, 6), st.integers(1, 9), st.sampled_from((1e2, 1e3, -1e3)))
def test_adding_a_constant_to_a_row_changes_nothing(seed, rows, columns, size):
    """softmax(x + c) = softmax(x) for a different constant c per row, even a large one (float64)."""
    scores = shared.tensor((rows, columns), seed)
    constants = shared.tensor((rows, 1), seed + 1, scale=abs(size)) + size
    shared.assert_close(
        softmax.stable_softmax(scores + constants), softmax.stable_softmax(scores), **shared.F64_TOLERANCE
    )
    shared.assert_close(softmax.stable_softmax(scores), torch.softmax(scores, -1), **shared.F64_TOLERANCE)


@pytest.mark.task("4.1")
@pytest.mark.points(1)
def test_masked_entries_get_exactly_zero():
    """-inf entries get probability exactly 0; a row with one finite entry puts exactly 1 on it."""
    inf = math.inf
    scores = torch.tensor([[0.0, -inf, 1.0, -inf], [-inf, -inf, 5.0, -inf], [-inf, 3e4, -inf, 3e4]])
    got = softmax.stable_softmax(scores)
    assert torch.isfinite(got).all(), "inf or nan in the output"
    assert (got[scores == -inf] == 0).all()
    assert got[1].tolist() == [0.0, 0.0, 1.0, 0.0]
    shared.assert_close(got[2], torch.tensor([0.0, 0.5, 0.0, 0.5]))
    shared.assert_close(got[0], torch.softmax(scores[0], -1))
    column = softmax.stable_softmax(scores.T.contiguous(), dim=0)  # the same along axis 0
    shared.assert_close(column, got.T)


@pytest.mark.task("4.1")
@pytest.mark.points(1)
@given(scores_and_dim())
def test_input_is_left_alone_and_views_work(case):
    """The caller's tensor is not modified; a non-contiguous view gives the same result as a copy."""
    scores, dim = case
    snapshot = scores.clone()
    expected = torch.softmax(scores.double(), dim=dim)
    shared.assert_matches(softmax.stable_softmax(scores, dim=dim), expected, scores.dtype, "contiguous")
    assert torch.equal(scores, snapshot), "stable_softmax modified its input (an in-place subtraction?)"
    transposed = scores.transpose(0, -1)  # a view with other strides; axes 0 and -1 trade places
    last = scores.dim() - 1
    moved = {0: last, last: 0}.get(dim % scores.dim(), dim % scores.dim())
    got = softmax.stable_softmax(transposed, dim=moved)
    shared.assert_matches(got, expected.transpose(0, -1), scores.dtype, "transposed view")


@pytest.mark.task("4.1")
@pytest.mark.points(1)
@given(scores_and_dim(scales=(0.1, 1.0, 5.0)))
def test_gradient_matches_torch(case):
    """Autograd through stable_softmax gives torch.softmax's gradient (float64)."""
    scores, dim = case
    scores = scores.double()
    weights = shared.tensor(tuple(scores.shape), 7)
    ours = scores.clone().requires_grad_()
    (softmax.stable_softmax(ours, dim=dim) * weights).sum().backward()
    theirs = scores.clone().requires_grad_()
    (torch.softmax(theirs, dim=dim) * weights).sum().backward()
    assert ours.grad is not None, "no gradient reached the scores: is the result detached?"
    shared.assert_close(ours.grad, theirs.grad, **shared.F64_TOLERANCE)
