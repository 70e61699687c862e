"""Task 5.1 — random training windows with shifted targets."""

import pytest
import torch

from grader.checks import assert_equal
from grader.loader import implementation

batching = implementation("ch05.batching")
task = pytest.mark.task("5.1")


def seeded(seed=0):
    return torch.Generator().manual_seed(seed)


@task
def test_shapes_and_dtype():
    """8 windows of length 5 from a stream of 100 tokens: inputs and targets (8, 5) int64."""
    x, y = batching.random_windows(torch.arange(100), 8, 5, seeded())
    assert tuple(x.shape) == (8, 5) and tuple(y.shape) == (8, 5)
    assert x.dtype == torch.int64 and y.dtype == torch.int64


@task
def test_targets_are_the_inputs_shifted_by_one():
    """On the stream 0, 1, 2, ... every window counts up by one and each target is its input + 1."""
    x, y = batching.random_windows(torch.arange(50), 4, 6, seeded())
    assert torch.equal(y, x + 1), f"inputs {x.tolist()}, targets {y.tolist()}"
    assert torch.equal(x[:, 1:] - x[:, :-1], torch.ones(4, 5, dtype=torch.int64)), (
        "windows are consecutive tokens"
    )


@task
def test_a_stream_one_longer_than_the_window_has_one_window():
    """T + 1 tokens: the only window is the whole stream, every time."""
    stream = torch.tensor([5, 3, 9, 1])
    x, y = batching.random_windows(stream, 3, 3, seeded())
    assert x.tolist() == [[5, 3, 9]] * 3 and y.tolist() == [[3, 9, 1]] * 3


@task
def test_the_same_seed_gives_the_same_batch():
    """Two generators seeded alike draw the same windows."""
    stream = torch.arange(1000)
    first = batching.random_windows(stream, 4, 8, seeded(7))
    second = batching.random_windows(stream, 4, 8, seeded(7))
    assert_equal(first[0], second[0], what="inputs")
    assert_equal(first[1], second[1], what="targets")


@task
def test_too_short_or_not_one_dimensional_is_rejected():
    """A stream of T tokens (no room for the last target) or a 2-D tensor: ValueError."""
    with pytest.raises(ValueError):
        batching.random_windows(torch.arange(4), 1, 4, seeded())
    with pytest.raises(ValueError):
        batching.random_windows(torch.arange(40).view(4, 10), 1, 3, seeded())
