"""Task 8.5 (hidden) — int4 packing against the byte layout written out with Python integers
(`shared.pack_oracle`, `shared.unpack_oracle`: element 2i in the low nibble, two's complement,
odd lengths padded), and group-wise quantization against the formula in float32
(`shared.int4_oracle`), for group sizes that divide the row or not, 1, and more than the row.
The learner's packed bytes are read back with the oracle, so packing and quantizing are
checked each on its own.
"""

import math

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites.ch08 import shared

int4 = implementation("ch08.int4")

INT_DTYPES = (torch.int8, torch.int16, torch.int32, torch.int64)
int4_rows = st.tuples(st.integers(1, 3), st.integers(1, 41)).flatmap(
    lambda shape: st.lists(
        st.lists(st.integers(-8, 7), min_size=shape[1], max_size=shape[1]),
        min_size=shape[0],
        max_size=shape[0],
    )
)
group_sizes = st.one_of(st.sampled_from((1, 2, 3, 7, 8, 16, 32, 64, 128)), st.integers(1, 80))


@pytest.mark.task("8.5")
@pytest.mark.points(3)
@given(int4_rows, st.sampled_from(INT_DTYPES), st.booleans())
def test_packed_bytes_follow_the_layout(rows, dtype, one_dimensional):
    """uint8 (..., ceil(n / 2)): 2i in the low nibble, 2i+1 in the high, two's complement, 0 padding."""
    values = torch.tensor(rows[0] if one_dimensional else rows, dtype=dtype)
    packed = int4.pack_int4(values)
    expected = [shared.pack_oracle(row) for row in values.reshape(-1, values.shape[-1]).tolist()]
    assert isinstance(packed, torch.Tensor) and packed.dtype == torch.uint8, (
        f"expected a uint8 tensor, got {getattr(packed, 'dtype', type(packed).__name__)}"
    )
    assert tuple(packed.shape) == (*values.shape[:-1], math.ceil(values.shape[-1] / 2)), (
        f"shape {tuple(packed.shape)} for values of shape {tuple(values.shape)}"
    )
    assert packed.reshape(len(expected), -1).tolist() == expected, (
        f"values {values.tolist()} packed as {packed.tolist()}, expected {expected}"
    )


@pytest.mark.task("8.5")
@pytest.mark.points(3)
def test_unpack_inverts_pack_for_every_pair_of_values():
    """Every pair of -8..7 in both orders, lengths 256, 255, 3, 2, 1: unpack(pack(v), n) == v, as int8."""
    pairs = [value for low in range(-8, 8) for high in range(-8, 8) for value in (low, high)]
    for length in (256, 255, 3, 2, 1):
        for values in (pairs[:length], pairs[::-1][:length]):
            got = int4.unpack_int4(int4.pack_int4(torch.tensor(values, dtype=torch.int8)), length)
            assert isinstance(got, torch.Tensor) and got.dtype == torch.int8, (
                "unpack_int4 returns int8 values"
            )
            assert got.tolist() == values, (
                f"length {length}: unpack(pack(v)) gave {got.tolist()[:8]}..., expected {values[:8]}..."
            )


@pytest.mark.task("8.5")
@pytest.mark.points(1)  # each of the two cases
@pytest.mark.parametrize("odd", [False, True])
def test_unpack_sign_extends_every_byte(odd):
    """All 256 bytes in rows of 16: a nibble >= 8 stands for nibble - 16; an odd length drops the last one."""
    data = torch.arange(256, dtype=torch.int64).to(torch.uint8).view(16, 16)
    length = 31 if odd else 32
    got = int4.unpack_int4(data, length)
    expected = [shared.unpack_oracle(row, length) for row in data.tolist()]
    assert isinstance(got, torch.Tensor) and got.dtype == torch.int8, "unpack_int4 returns int8 values"
    assert got.tolist() == expected, (
        f"bytes {data[0, :4].tolist()} unpacked as {got[0, :8].tolist()}, expected {expected[0][:8]}"
    )


@pytest.mark.task("8.5")
@pytest.mark.points(3)
@given(shared.weight_matrices(max_columns=150), group_sizes)
def test_quantized_groups_match_the_formula(weight, group_size):
    """Scales (out, ceil(in / g)) = group absmax / 7 (float32); values round(w / scale), half to even."""
    packed, scales = int4.quantize_int4(weight, group_size=group_size)
    rows, columns = weight.shape
    expected_q, expected_scales = shared.int4_oracle(weight, group_size)
    assert isinstance(packed, torch.Tensor) and packed.dtype == torch.uint8, "the packed weight is uint8"
    assert tuple(packed.shape) == (rows, math.ceil(columns / 2)), (
        f"packed shape {tuple(packed.shape)} for a {rows}x{columns} weight, "
        f"expected {(rows, math.ceil(columns / 2))}"
    )
    shared.assert_scales(scales, expected_scales, what=f"scales for group size {group_size}")
    q = torch.tensor([shared.unpack_oracle(row, columns) for row in packed.tolist()], dtype=torch.int8)
    per_column = expected_scales.double().repeat_interleave(group_size, dim=-1)[:, :columns]
    shared.assert_quantized(q, expected_q, weight.float().double() / per_column, torch.int8, "unpacked q")


@pytest.mark.task("8.5")
@pytest.mark.points(2)
@given(shared.weight_matrices(max_columns=150), group_sizes)
def test_round_trip_is_within_half_a_step(weight, group_size):
    """dequantize_int4 is float32 q * its group's scale, within half a step of W; zero groups give 0."""
    packed, scales = int4.quantize_int4(weight, group_size=group_size)
    columns = weight.shape[1]
    back = int4.dequantize_int4(packed, scales, columns, group_size=group_size)
    steps = scales.double().repeat_interleave(group_size, dim=-1)[:, :columns]
    shared.assert_within_half_a_step(back, weight, steps, what=f"dequantized weight, group size {group_size}")
    q = torch.tensor([shared.unpack_oracle(row, columns) for row in packed.tolist()], dtype=torch.float64)
    shared.assert_close(back, q * steps, atol=0.0, rtol=1e-7, what="q * scale")


@pytest.mark.task("8.5")
@pytest.mark.points(2)
@given(
    st.sampled_from((1, 2, 5, 8, 32)).flatmap(
        lambda g: st.tuples(st.just(g), shared.grid_weights(7, group_size=g))
    )
)
def test_values_on_the_grid_come_back_exactly(case):
    """W = q * 2**e with ±7 in every group (float32 or float16): scales 2**e, the same q, W back exactly."""
    group_size, (weight, expected_q, exponent) = case
    packed, scales = int4.quantize_int4(weight, group_size=group_size)
    assert torch.equal(scales, torch.full_like(scales, 2.0**exponent)), (
        f"every group's absmax is 7 * 2**{exponent}: its scale is exactly 2**{exponent}"
    )
    columns = weight.shape[1]
    q = [shared.unpack_oracle(row, columns) for row in packed.tolist()]
    assert q == expected_q.long().tolist(), "values on the grid must give their own q"
    back = int4.dequantize_int4(packed, scales, columns, group_size=group_size)
    assert torch.equal(back, weight.float()), "values on the grid must come back exactly"
