"""Task 8.5 — group-wise int4 quantization, two values packed in each byte.

Four bits leave 16 levels (-8..7 in two's complement). With so few levels, one scale per row is
too coarse: a single outlier in a row of 4096 weights would flatten all the others to 0. So each
row is cut into groups of `group_size` consecutive weights (32, 64, 128) with a scale each:

    W (out, in) -> groups (out, in / group_size, group_size)
    scale[r, g] = max |W[r, group g]| / 7          absmax maps to ±7 (-8 is never produced)
    q = round(W / scale)                           in -7..7, half to even; a zero group gets scale 1
    a last group shorter than group_size (in not a multiple) is quantized like the others

Two int4 values share a byte: element 2i in the **low** nibble, element 2i+1 in the high one; an
odd length is padded with a 0 nibble. A nibble holds the value's two's complement (-1 -> 0b1111,
-8 -> 0b1000); unpacking sign-extends it back (a nibble >= 8 stands for nibble - 16).

    values [3, -2, 7]  ->  nibbles 0x3, 0xE, 0x7, pad 0x0  ->  bytes [0xE3, 0x07]

Storage per weight: 4 bits plus a 32-bit scale per group: 4 + 32 / 64 = 4.5 bits at group 64.
(llama.cpp's Q4_0 uses blocks of 32 with a 16-bit scale: also 4.5 bits per weight.)
"""

import torch


def pack_int4(values: torch.Tensor) -> torch.Tensor:
    """int values in -8..7, shape (..., n) -> uint8 (..., ceil(n / 2)); element 0 in the low nibble.

    >>> pack_int4(torch.tensor([3, -2, 7]))
    tensor([227,   7], dtype=torch.uint8)
    """
    raise NotImplementedError("Task 8.5: group-wise int4 with two values per byte")


def unpack_int4(packed: torch.Tensor, length: int) -> torch.Tensor:
    """uint8 (..., m) -> int8 (..., length): the inverse of `pack_int4` (padding dropped).

    >>> unpack_int4(torch.tensor([227, 7], dtype=torch.uint8), 3)
    tensor([ 3, -2,  7], dtype=torch.int8)
    """
    raise NotImplementedError("Task 8.5: group-wise int4 with two values per byte")


def quantize_int4(weight: torch.Tensor, group_size: int = 64) -> tuple[torch.Tensor, torch.Tensor]:
    """W (out, in) -> (packed uint8 (out, ceil(in / 2)), scales float32 (out, ceil(in / group_size)))."""
    raise NotImplementedError("Task 8.5: group-wise int4 with two values per byte")


def dequantize_int4(
    packed: torch.Tensor, scales: torch.Tensor, in_features: int, group_size: int = 64
) -> torch.Tensor:
    """float32 (out, in_features): each unpacked value times its group's scale."""
    raise NotImplementedError("Task 8.5: group-wise int4 with two values per byte")
