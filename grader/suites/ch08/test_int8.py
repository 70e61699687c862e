"""Task 8.3 (hidden) — symmetric int8 quantization per output channel against the formula written
out in float32 (`shared.int8_oracle`): scales, values and the round trip on weights of float32,
float16 and float64 whose rows differ in size by up to 1e6x (sometimes 1e-30 or 1e36), with
outliers, zeros and all-zero rows; values on a power-of-two grid come back exactly and exact
ties round half to even.
"""

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites.ch08 import shared

int8 = implementation("ch08.int8")


def quantized(weight):
    result = int8.quantize_int8(weight)
    assert isinstance(result, tuple) and len(result) == 2, "quantize_int8 returns (q, scales)"
    return result


@pytest.mark.task("8.3")
@pytest.mark.points(4)
@given(shared.weight_matrices())
def test_scales_and_values_match_the_formula(weight):
    """scale = max |row| / 127 (float32, per row); q = round(w / scale) half to even, int8 in -127..127."""
    q, scales = quantized(weight)
    expected_q, expected_scales = shared.int8_oracle(weight)
    shared.assert_scales(scales, expected_scales, what=f"scales of a {weight.dtype} matrix, one per row")
    quotient = weight.float().double() / expected_scales.double().unsqueeze(-1)
    shared.assert_quantized(q, expected_q, quotient, torch.int8, what="q")
    assert int(q.min()) >= -127, "q = -128 is never produced: the scale maps the absmax to ±127"


@pytest.mark.task("8.3")
@pytest.mark.points(3)
@given(shared.weight_matrices())
def test_round_trip_is_within_half_a_step(weight):
    """dequantize(quantize(W)) is float32 q * scale, within scale / 2 of W everywhere, never nan."""
    q, scales = quantized(weight)
    back = int8.dequantize_int8(q, scales)
    shared.assert_within_half_a_step(back, weight, scales.unsqueeze(-1), what="dequantized weight")
    shared.assert_close(
        back, q.double() * scales.double().unsqueeze(-1), atol=0.0, rtol=1e-7, what="q * scale"
    )


@pytest.mark.task("8.3")
@pytest.mark.points(2)
@given(shared.grid_weights(127))
def test_values_on_the_grid_come_back_exactly(case):
    """W = q * 2**e with ±127 in every row (float32 or float16): scale 2**e, the same q, W back exactly."""
    weight, expected_q, exponent = case
    q, scales = quantized(weight)
    assert torch.equal(scales, torch.full_like(scales, 2.0**exponent)), (
        f"every row's absmax is 127 * 2**{exponent}: its scale is exactly 2**{exponent}, "
        f"got {scales.tolist()}"
    )
    assert torch.equal(q.long(), expected_q.long()), "values on the grid must give their own q"
    back = int8.dequantize_int8(q, scales)
    assert torch.equal(back, weight.float()), "values on the grid must come back exactly"


@pytest.mark.task("8.3")
@pytest.mark.points(2)
@given(st.integers(-40, 40), st.lists(st.integers(-127, 126), min_size=1, max_size=40), st.booleans())
def test_exact_ties_round_half_to_even(exponent, integers, negative_absmax):
    """Scale 2**e, values (k + 0.5) * 2**e: each q is the even neighbour (2.5 -> 2, -2.5 -> -2, 3.5 -> 4)."""
    halves = [k + 0.5 for k in integers]
    row = [-127.0 if negative_absmax else 127.0] + halves
    weight = torch.tensor([row], dtype=torch.float64) * 2.0**exponent
    q, _ = quantized(weight.float())
    expected = [round(x) for x in row]  # Python rounds half to even
    assert q.tolist() == [expected], (
        f"ties must round half to even (torch.round), not up or away from zero: w / scale = {row[1:6]}... "
        f"gave {q.tolist()[0][1:6]}..., expected {expected[1:6]}..."
    )


@pytest.mark.task("8.3")
@pytest.mark.points(2)
@given(st.integers(1, 6), st.integers(1, 40), st.data())
def test_zero_rows_quantize_to_zeros_with_a_finite_scale(rows, columns, data):
    """All-zero rows (even all rows): a finite positive scale, q = 0, zeros back; other rows unharmed."""
    generator = torch.Generator().manual_seed(data.draw(shared.seeds, label="seed"))
    weight = torch.randn(rows, columns, generator=generator)
    zero_rows = data.draw(st.lists(st.integers(0, rows - 1), min_size=1, max_size=rows), label="zero rows")
    weight[zero_rows] = 0.0
    q, scales = quantized(weight)
    assert torch.isfinite(scales).all() and (scales > 0).all(), (
        f"scales {scales.tolist()}: an all-zero row needs a finite positive scale "
        "(absmax / 127 is 0 and w / 0 is nan)"
    )
    assert (q[zero_rows] == 0).all(), "an all-zero row quantizes to zeros"
    back = int8.dequantize_int8(q, scales)
    assert torch.equal(back[zero_rows], torch.zeros(len(zero_rows), columns)), (
        "an all-zero row comes back as zeros"
    )
    shared.assert_within_half_a_step(back, weight, scales.unsqueeze(-1), what="dequantized weight")


@pytest.mark.task("8.3")
@pytest.mark.points(2)
@given(shared.weight_matrices(dtypes=(torch.float16,)), st.sampled_from((1.0, 100.0, 600.0)))
def test_float16_weights_get_float32_scales(weight, factor):
    """float16 weights (up to 60000): scales in float32 from the float32 weights; round trip as usual."""
    weight = (weight.float() * factor).clamp(-60000, 60000).half()
    q, scales = quantized(weight)
    _, expected_scales = shared.int8_oracle(weight)
    shared.assert_scales(scales, expected_scales, what="scales of float16 weights")
    back = int8.dequantize_int8(q, scales)
    shared.assert_within_half_a_step(
        back, weight, expected_scales.unsqueeze(-1), what="dequantized float16 weight"
    )
