"""Task 8.3 — symmetric int8 quantization per output channel."""

import pytest
import torch

from grader.checks import assert_close, assert_equal
from grader.loader import implementation

int8 = implementation("ch08.int8")
task = pytest.mark.task("8.3")


@task
def test_worked_example():
    """Row [0.5, -1.27, 0.0127]: scale 0.01, q = [50, -127, 1]; dtypes int8 and float32."""
    q, scales = int8.quantize_int8(torch.tensor([[0.5, -1.27, 0.0127]]))
    assert q.dtype == torch.int8 and scales.dtype == torch.float32
    assert q.tolist() == [[50, -127, 1]]
    assert abs(scales.item() - 0.01) < 1e-8


@task
def test_one_scale_per_row():
    """Rows of very different sizes get their own scale: absmax / 127 each."""
    weight = torch.tensor([[100.0, -1.0], [0.01, 0.02]])
    _, scales = int8.quantize_int8(weight)
    assert_close(scales, torch.tensor([100 / 127, 0.02 / 127]))


@task
def test_ties_round_half_to_even():
    """With scale 1, 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -2.5 -> -2."""
    q, _ = int8.quantize_int8(torch.tensor([[127.0, 0.5, 1.5, 2.5, -2.5]]))
    assert q.tolist() == [[127, 0, 2, 2, -2]]


@task
def test_zero_row_gives_zeros_and_a_finite_scale():
    """An all-zero row: q all 0, a finite scale, and exact zeros after dequantizing."""
    q, scales = int8.quantize_int8(torch.zeros(2, 4))
    assert torch.isfinite(scales).all(), f"scales {scales.tolist()}: expected finite numbers"
    assert_equal(q, torch.zeros(2, 4, dtype=torch.int8), what="q")
    assert_equal(int8.dequantize_int8(q, scales), torch.zeros(2, 4), what="dequantized")


@task
def test_round_trip_error_is_at_most_half_a_step():
    """|dequantize(quantize(W)) - W| <= scale / 2 in every row; float16 input gives float32 scales."""
    torch.manual_seed(0)
    weight = torch.randn(8, 64) * torch.logspace(-3, 3, 8).unsqueeze(1)
    for dtype in (torch.float32, torch.float16):
        w = weight.to(dtype)
        q, scales = int8.quantize_int8(w)
        assert scales.dtype == torch.float32
        error = (int8.dequantize_int8(q, scales) - w.float()).abs()
        assert (error <= scales.unsqueeze(1) / 2 * 1.0001).all()
