"""Assertions whose failure a learner can read: expected vs got, never a repr of a function call.

`assert torch.allclose(a, b)` fails with pytest's rewrite of the call ("where False = <built-in
method allclose ...>"); the feedback table shows the first line of the failure, so visible and
hidden tests compare tensors with `assert_close`, whose message says what differs.
"""

import math
from fractions import Fraction

import torch

SHOWN_IN_FULL = 8  # tensors with at most this many entries are printed whole


def assert_close(
    actual, expected: torch.Tensor, atol: float = 1e-5, rtol: float = 1.3e-6, what: str = "result"
) -> None:
    """|actual - expected| <= atol + rtol * |expected| everywhere (compared in float64; nan never matches).

    >>> assert_close(torch.tensor([0.5, 1.0]), torch.tensor([0.5, 2.0]))
    Traceback (most recent call last):
    AssertionError: result: got [0.5, 1], expected [0.5, 2] (atol=1e-05, rtol=1.3e-06)

    (`torch.testing.assert_close` imports torch.distributed on its first call: a second or more.)
    """
    got = plain_tensor(actual, what)
    assert tuple(got.shape) == tuple(expected.shape), (
        f"{what}: shape {tuple(got.shape)}, expected {tuple(expected.shape)}"
    )
    got, want = got.double(), expected.detach().double()
    wrong = ~torch.isclose(got, want, rtol=rtol, atol=atol)
    if not wrong.any():
        return
    tolerance = f"(atol={atol:g}, rtol={rtol:g})"
    if got.numel() <= SHOWN_IN_FULL:
        raise AssertionError(f"{what}: got {short(got)}, expected {short(want)} {tolerance}")
    where = tuple(wrong.nonzero()[0].tolist())
    difference = (got - want).abs().nan_to_num(nan=math.inf).max().item()
    raise AssertionError(
        f"{what}: {int(wrong.sum())} of {wrong.numel()} entries differ {tolerance}, the largest by "
        f"{difference:.3g}; at index {where}: got {got[where].item():.8g}, expected {want[where].item():.8g}"
    )


def plain_tensor(actual, what: str = "result") -> torch.Tensor:
    """A detached copy of `actual`'s data, if it is a torch.Tensor (or Parameter), not a subclass.

    A subclass can override `__torch_function__`, and an instance can carry its own `item` or
    `detach`, and so answer every comparison made with it: a result must be data, not code that
    grades itself. The copy is made through the class, and has none of the instance's attributes.
    """
    assert isinstance(actual, torch.Tensor), f"{what}: expected a tensor, got {type(actual).__name__}"
    assert type(actual) in (torch.Tensor, torch.nn.Parameter), (
        f"{what}: expected a plain torch.Tensor, got {type(actual).__name__} (a subclass of torch.Tensor)"
    )
    return torch.Tensor.detach(actual)


PLAIN_DATA = (type(None), bool, int, float, str, bytes, Fraction)
PLAIN_CONTAINERS = (list, tuple, dict)


def plain_data(value, what: str = "result"):
    """`value` if it is built of exactly these types (None, bool, int, float, str, bytes, Fraction,
    and lists, tuples and dicts of them), not subclasses: a `str` or `list` subclass can make
    `==` answer True to anything."""
    kind = type(value)
    if kind in PLAIN_CONTAINERS:
        items = [*value.keys(), *value.values()] if kind is dict else value
        for item in items:
            plain_data(item, what)
    else:
        assert kind in PLAIN_DATA, f"{what}: expected plain data, got a {kind.__name__}"
    return value


def assert_equal(actual, expected: torch.Tensor, what: str = "result") -> None:
    """Same shape and exactly the same values (ids, masks, bit patterns of an exact computation)."""
    assert_close(actual, expected, atol=0.0, rtol=0.0, what=what)


def short(values: torch.Tensor) -> str:
    """A small tensor's entries, nested as in the tensor, to 6 significant digits: [[0.5, 1e-05]]."""
    if values.dim() == 0:
        return f"{values.item():.6g}"
    return "[" + ", ".join(short(row) for row in values) + "]"
