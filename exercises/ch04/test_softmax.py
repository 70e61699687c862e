"""Task 4.1 — a numerically stable softmax."""

import math

import pytest
import torch

from grader.checks import assert_close
from grader.loader import implementation

softmax = implementation("ch04.softmax")
task = pytest.mark.task("4.1")


@task
def test_matches_torch_softmax():
    """On ordinary scores, the same probabilities as torch.softmax."""
    scores = torch.tensor([[1.0, 2.0, 3.0, -1.0], [0.5, 0.5, -2.0, 4.0], [0.0, 0.0, 0.0, 0.0]])
    assert_close(softmax.stable_softmax(scores), torch.softmax(scores, dim=-1))


@task
def test_dim_chooses_the_axis():
    """dim=0 normalizes each column: the columns sum to 1."""
    scores = torch.tensor([[1.0, 2.0, 3.0], [3.0, 0.0, -1.0]])
    got = softmax.stable_softmax(scores, dim=0)
    assert_close(got, torch.softmax(scores, dim=0))
    assert_close(got.sum(dim=0), torch.ones(3))


@task
def test_large_scores_do_not_overflow():
    """exp(1000) is inf, yet softmax([1000, 1000]) is [0.5, 0.5] and softmax([1e4, 0]) is [1, 0]."""
    assert_close(softmax.stable_softmax(torch.tensor([1000.0, 1000.0])), torch.tensor([0.5, 0.5]))
    assert_close(softmax.stable_softmax(torch.tensor([1e4, 0.0])), torch.tensor([1.0, 0.0]))
    assert_close(softmax.stable_softmax(torch.tensor([-1e4, -1e4])), torch.tensor([0.5, 0.5]))


@task
def test_masked_entries_get_exactly_zero():
    """-inf (a masked score) gets probability 0; the others share all of it."""
    got = softmax.stable_softmax(torch.tensor([0.0, -math.inf, 0.0]))
    assert got.tolist() == [0.5, 0.0, 0.5]


@task
def test_input_is_left_alone():
    """The caller's scores are not modified (no in-place subtraction)."""
    scores = torch.tensor([[3.0, 1.0], [2.0, 5.0]])
    softmax.stable_softmax(scores)
    assert scores.tolist() == [[3.0, 1.0], [2.0, 5.0]]
