"""Task 5.1 (hidden) — random windows: shapes, the shift by one, windows inside the stream,
reproducibility from the generator, and every start equally likely (a chi-square test, see
`shared`)."""

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites.ch05 import shared

batching = implementation("ch05.batching")


@st.composite
def stream_cases(draw):
    """(stream, batch_size, T, seed): a random stream of 1..200 tokens more than T, T 1..24."""
    context_length = draw(st.integers(1, 24))
    length = context_length + draw(st.one_of(st.integers(1, 3), st.integers(1, 200)))
    seed = draw(shared.seeds)
    stream = torch.randint(0, 300, (length,), generator=torch.Generator().manual_seed(seed))
    return stream, draw(st.integers(1, 16)), context_length, seed


@pytest.mark.task("5.1")
@pytest.mark.points(2)
@given(stream_cases())
def test_shapes_and_dtype(case):
    """Inputs and targets are (batch_size, T) int64 tensors."""
    stream, batch, context_length, seed = case
    x, y = batching.random_windows(stream, batch, context_length, torch.Generator().manual_seed(seed))
    for name, got in (("inputs", x), ("targets", y)):
        assert tuple(got.shape) == (batch, context_length), f"{name} shape {tuple(got.shape)}"
        assert got.dtype == torch.int64, f"{name} dtype {got.dtype}"


@pytest.mark.task("5.1")
@pytest.mark.points(4)
@given(stream_cases())
def test_every_row_is_a_window_of_the_stream_shifted_by_one(case):
    """Row b is tokens[s : s + T], its targets tokens[s + 1 : s + T + 1], for s in 0 .. len - T - 1."""
    stream, batch, context_length, seed = case
    x, y = batching.random_windows(stream, batch, context_length, torch.Generator().manual_seed(seed))
    windows = stream.unfold(0, context_length + 1, 1)  # (len - T, T + 1): every valid window
    for row in range(batch):
        whole = torch.cat([x[row], y[row, -1:]])
        assert torch.equal(x[row, 1:], y[row, :-1]), f"row {row}: targets are not the inputs shifted by one"
        assert (windows == whole).all(dim=1).any(), (
            f"row {row}: inputs {x[row].tolist()} / targets {y[row].tolist()} are not a window of the stream"
        )


@pytest.mark.task("5.1")
@pytest.mark.points(3)
@given(shared.seeds)
def test_the_generator_decides_the_windows(seed):
    """The same generator seed gives the same batch whatever the global seed; the next draw differs."""
    stream = torch.arange(10_000)
    torch.manual_seed(seed % 1000)
    first = batching.random_windows(stream, 4, 8, torch.Generator().manual_seed(seed))
    torch.manual_seed(seed % 1000 + 1)
    generator = torch.Generator().manual_seed(seed)
    second = batching.random_windows(stream, 4, 8, generator)
    assert torch.equal(first[0], second[0]) and torch.equal(first[1], second[1]), (
        "the same generator seed gave different windows: is the generator passed to the random draw?"
    )
    third = batching.random_windows(stream, 4, 8, generator)
    assert not torch.equal(second[0], third[0]), "a second draw from the same generator repeated the first"


@pytest.mark.task("5.1")
@pytest.mark.points(4)
def test_every_start_is_equally_likely():
    """On a stream of 40 tokens with T = 7, the 33 starts 0..32 are equally likely (chi-square, p >= 1e-6)."""
    stream, context_length = torch.arange(40), 7
    starts = stream.numel() - context_length
    generator = torch.Generator().manual_seed(5)
    counts = torch.zeros(stream.numel(), dtype=torch.int64)
    for _ in range(4):
        x, y = batching.random_windows(stream, 1650, context_length, generator)
        counts += torch.bincount(x[:, 0], minlength=stream.numel())
        assert int(y.max()) <= 39 and int(x.min()) >= 0
    never = [s for s in range(starts) if counts[s] == 0]
    assert not never, (
        f"starts {never} were never drawn in 6600 windows: the stream's end (or start) is never trained on"
    )
    assert counts[starts:].sum() == 0, "a window started too late to fit"
    p_value = shared.chi_square_p_value(counts[:starts].tolist(), [1 / starts] * starts)
    assert p_value >= shared.ALPHA, (
        f"starts are not uniform over 0..{starts - 1} (chi-square p = {p_value:.2g}); "
        f"counts {counts[:starts].tolist()}"
    )


@pytest.mark.task("5.1")
@pytest.mark.points(2)
def test_bad_streams_are_rejected():
    """A stream of T tokens or fewer, or a 2-D tensor: ValueError; exactly T + 1 tokens: one window."""
    generator = torch.Generator().manual_seed(0)
    for stream, context_length in ((torch.arange(8), 8), (torch.arange(3), 8), (torch.arange(0), 1)):
        with pytest.raises(ValueError):
            batching.random_windows(stream, 2, context_length, generator)
    with pytest.raises(ValueError):
        batching.random_windows(torch.arange(40).view(4, 10), 2, 3, generator)
    x, y = batching.random_windows(torch.arange(9), 3, 8, generator)
    assert x.tolist() == [list(range(8))] * 3 and y.tolist() == [list(range(1, 9))] * 3
