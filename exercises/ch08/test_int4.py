"""Task 8.5 — group-wise int4 quantization, two values per byte."""

import pytest
import torch

from grader.checks import assert_close
from grader.loader import implementation

int4 = implementation("ch08.int4")
task = pytest.mark.task("8.5")


@task
def test_worked_example_of_packing():
    """[3, -2, 7] -> bytes [0xE3, 0x07]: element 0 in the low nibble, -2 as 0xE, padded."""
    packed = int4.pack_int4(torch.tensor([3, -2, 7], dtype=torch.int8))
    assert packed.dtype == torch.uint8 and packed.tolist() == [0xE3, 0x07]


@task
def test_unpack_inverts_pack_for_every_value():
    """All 16 values -8..7, even and odd lengths: unpack(pack(v)) == v."""
    values = torch.arange(-8, 8, dtype=torch.int8)
    for length in (16, 15, 1):
        got = int4.unpack_int4(int4.pack_int4(values[:length]), length)
        assert got.tolist() == values[:length].tolist()


@task
def test_each_group_has_its_own_scale():
    """Group size 2: scales are absmax / 7 of each pair; the round trip is within half a step."""
    weight = torch.tensor([[7.0, -3.5, 0.07, 0.01, 1.0]])
    packed, scales = int4.quantize_int4(weight, group_size=2)
    assert tuple(packed.shape) == (1, 3) and tuple(scales.shape) == (1, 3)
    assert_close(scales, torch.tensor([[1.0, 0.01, 1 / 7]]))
    back = int4.dequantize_int4(packed, scales, 5, group_size=2)
    step = scales.repeat_interleave(2, dim=1)[:, :5]
    assert ((back - weight).abs() <= step / 2 * 1.0001).all()
