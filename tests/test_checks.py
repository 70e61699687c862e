"""The tensor comparison every suite uses fails with a message a learner can act on."""

import ast
import doctest
from pathlib import Path

import pytest
import torch

from grader import checks
from grader.loader import REPO_ROOT


def test_the_docstring_example_holds():
    """The example in `assert_close`'s docstring is what it prints."""
    assert doctest.testmod(checks).failed == 0


def test_a_large_tensor_names_the_first_wrong_entry():
    """Beyond a few entries: how many differ, the largest gap, and one index with got vs expected."""
    expected = torch.zeros(4, 5)
    got = expected.clone()
    got[2, 3] = 0.25
    message = r"1 of 20 entries differ .* at index \(2, 3\): got 0.25, expected 0"
    with pytest.raises(AssertionError, match=message):
        checks.assert_close(got, expected)


def test_shape_and_type_are_checked_first():
    """A wrong shape or a non-tensor is said in plain words, not as a broadcasting error."""
    with pytest.raises(AssertionError, match=r"shape \(3,\), expected \(2,\)"):
        checks.assert_close(torch.zeros(3), torch.zeros(2))
    with pytest.raises(AssertionError, match="expected a tensor, got list"):
        checks.assert_close([0.0, 0.0], torch.zeros(2))


def test_close_values_and_nan_agree_with_the_tolerance():
    """Within atol + rtol * |expected| passes; nan never matches."""
    checks.assert_close(torch.tensor([1.0 + 1e-6]), torch.tensor([1.0]))
    with pytest.raises(AssertionError, match="got \\[nan\\]"):
        checks.assert_close(torch.tensor([float("nan")]), torch.tensor([1.0]))


def torch_calls_asserted_without_a_message(path: Path) -> list[str]:
    """`assert torch.equal(a, b)` and the like with no message: pytest would show a function's repr."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Assert) and node.msg is None:
            claims = [node.test]
            while any(isinstance(c, (ast.UnaryOp, ast.BoolOp)) for c in claims):  # `not x`, `x and y`
                claims = [p for c in claims for p in getattr(c, "values", None) or [getattr(c, "operand", c)]]
            if any(isinstance(c, ast.Call) and ast.unparse(c).startswith("torch.") for c in claims):
                found.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    return found


def test_tests_compare_tensors_with_readable_failures():
    """A learner's first hint says expected vs got: visible and hidden tests use `assert_close` /
    `assert_equal` or give a message, never a bare `assert torch.allclose(...)`."""
    paths = sorted((REPO_ROOT / "exercises").glob("ch*/test_*.py"))
    paths += sorted((REPO_ROOT / "grader" / "suites").glob("ch*/*.py"))
    assert paths
    assert [hit for path in paths for hit in torch_calls_asserted_without_a_message(path)] == []


class AgreesWithEverything(torch.Tensor):
    """A result that grades itself: every torch function it takes part in says 'equal'."""

    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        if func in (torch.isclose, torch.Tensor.__eq__):
            return torch.ones(args[0].shape, dtype=torch.bool)
        return super().__torch_function__(func, types, args, kwargs or {})


def test_a_tensor_subclass_is_refused_not_trusted():
    """A subclass could answer the comparison itself: it fails as 'not a plain tensor'."""
    cheat = torch.zeros(2).as_subclass(AgreesWithEverything)
    with pytest.raises(AssertionError, match="expected a plain torch.Tensor, got AgreesWithEverything"):
        checks.assert_close(cheat, torch.ones(2))
    checks.assert_close(torch.nn.Parameter(torch.ones(2)), torch.ones(2))  # parameters are plain data


class AlwaysEqual(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


def test_plain_data_refuses_subclasses_whose_equality_lies():
    """Builtins nested in lists, tuples and dicts pass through; a `str` subclass anywhere is refused."""
    data = [[0, 2], (1.5, "correct", None), {"a": b"x"}]
    assert checks.plain_data(data) is data
    with pytest.raises(AssertionError, match="expected plain data, got a AlwaysEqual"):
        checks.plain_data([[0], ("x", AlwaysEqual("wrong"))])
