"""Task 8.4 — asymmetric (zero-point) uint8 quantization."""

import pytest
import torch

from grader.loader import implementation

uint8 = implementation("ch08.uint8")
task = pytest.mark.task("8.4")


@task
def test_worked_example():
    """Row [-0.2, 0.0, 0.8]: scale 1/255, zero point 51, q = [0, 51, 255]."""
    q, scales, zeros = uint8.quantize_uint8(torch.tensor([[-0.2, 0.0, 0.8]]))
    assert q.dtype == torch.uint8 and zeros.dtype == torch.uint8 and scales.dtype == torch.float32
    assert q.tolist() == [[0, 51, 255]] and zeros.tolist() == [51]
    assert abs(scales.item() - 1 / 255) < 1e-8


@task
def test_zero_comes_back_exactly():
    """0.0 dequantizes to exactly 0.0, even in a row of positive values only."""
    x = torch.tensor([[0.0, 0.3, 0.9, 0.0], [-2.0, 0.0, -0.5, -1.0]])
    got = uint8.dequantize_uint8(*uint8.quantize_uint8(x))
    assert (got[x == 0] == 0).all()


@task
def test_round_trip_error_is_at_most_half_a_step():
    """|x~ - x| <= scale / 2 on lopsided rows."""
    torch.manual_seed(0)
    x = torch.rand(6, 50) * 3 - 0.5
    q, scales, zeros = uint8.quantize_uint8(x)
    error = (uint8.dequantize_uint8(q, scales, zeros) - x).abs()
    assert (error <= scales.unsqueeze(1) / 2 * 1.0001).all()
