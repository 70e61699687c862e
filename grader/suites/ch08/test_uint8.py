"""Task 8.4 (hidden) — asymmetric uint8 quantization against the formula written out in float32
(`shared.uint8_oracle`), on lopsided rows (all positive, all negative, mostly one sign) of
float32, float16 and float64, with zeros, outliers and all-zero rows: the round trip within half
a step, 0.0 back exactly, scales and zero points as pinned.
"""

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites.ch08 import shared

uint8 = implementation("ch08.uint8")
lopsided = shared.weight_matrices(shifted=True)


def quantized(x):
    result = uint8.quantize_uint8(x)
    assert isinstance(result, tuple) and len(result) == 3, "quantize_uint8 returns (q, scales, zero_points)"
    q, scales, zero_points = result
    for name, tensor, dtype in (
        ("q", q, torch.uint8),
        ("scales", scales, torch.float32),
        ("zero_points", zero_points, torch.uint8),
    ):
        assert isinstance(tensor, torch.Tensor) and tensor.dtype == dtype, (
            f"{name}: expected {dtype}, got {getattr(tensor, 'dtype', type(tensor).__name__)}"
        )
    return result


@pytest.mark.task("8.4")
@pytest.mark.points(4)
@given(lopsided)
def test_round_trip_is_within_half_a_step_and_zero_comes_back_exactly(x):
    """(q - zero_point) * scale is float32, within scale / 2 of x everywhere; every 0.0 comes back exactly."""
    q, scales, zero_points = quantized(x)
    back = uint8.dequantize_uint8(q, scales, zero_points)
    shared.assert_within_half_a_step(back, x, scales.unsqueeze(-1), what="dequantized values")
    zeros = x == 0
    assert (back[zeros] == 0).all(), (
        f"{int((back[zeros] != 0).sum())} zeros came back as "
        f"{back[zeros][back[zeros] != 0][:3].tolist()}...: "
        "the range must contain 0 and the zero point be an integer"
    )


@pytest.mark.task("8.4")
@pytest.mark.points(3)
@given(lopsided)
def test_scales_zero_points_and_values_match_the_formula(x):
    """scale = (max(x, 0) - min(x, 0)) / 255; zero point = round(-min / scale); q = round(x / scale) + it."""
    q, scales, zero_points = quantized(x)
    _, expected_scales, expected_zero_points = shared.uint8_oracle(x)
    shared.assert_scales(scales, expected_scales, what="scales, one per row")
    low = x.float().amin(dim=-1).clamp(max=0).double()
    shared.assert_quantized(
        zero_points, expected_zero_points, -low / expected_scales.double(), torch.uint8, "zero_points"
    )
    zero = zero_points.double().unsqueeze(-1)
    quotient = x.float().double() / expected_scales.double().unsqueeze(-1)
    expected_q = (torch.round(quotient) + zero).clamp(0, 255)
    # near a tie of x / scale either neighbour is right; the zero point is an integer: q is near a tie too
    shared.assert_quantized(q, expected_q, quotient + zero, torch.uint8, what="q (given the zero points)")


@pytest.mark.task("8.4")
@pytest.mark.points(2)
@given(st.integers(1, 30), st.sampled_from((1e-20, 1e-3, 1.0, 1e4, 1e30)), shared.seeds)
def test_one_signed_constant_and_zero_rows(columns, size, seed):
    """Zero point 0 for rows >= 0, 255 for rows <= 0; constant c: q = 255, c back; zeros: finite scale."""
    magnitudes = torch.rand(4, columns, generator=torch.Generator().manual_seed(seed)) * size + size / 10
    x = torch.cat([magnitudes[:1], -magnitudes[1:2], torch.full((1, columns), size), torch.zeros(1, columns)])
    q, scales, zero_points = quantized(x)
    assert zero_points[:3].tolist() == [0, 255, 0], (
        f"zero points {zero_points.tolist()}: a row >= 0 has its zero at 0, a row <= 0 at 255"
    )
    assert (q[2] == 255).all(), f"a constant row {size:g} maps to 255 everywhere, got {q[2].tolist()}"
    assert torch.isfinite(scales).all() and (scales > 0).all(), (
        f"scales {scales.tolist()} must be finite and positive"
    )
    back = uint8.dequantize_uint8(q, scales, zero_points)
    assert torch.equal(back[3], torch.zeros(columns)), "an all-zero row comes back as zeros"
    shared.assert_within_half_a_step(back, x, scales.unsqueeze(-1), what="dequantized values")


@pytest.mark.task("8.4")
@pytest.mark.points(1)
@given(shared.weight_matrices(dtypes=(torch.float16,), shifted=True))
def test_float16_inputs_give_float32_scales(x):
    """float16 rows: float32 scales equal to the formula's from the float32 values."""
    _, scales, _ = quantized(x)
    shared.assert_scales(scales, shared.uint8_oracle(x)[1], what="scales of float16 values")
