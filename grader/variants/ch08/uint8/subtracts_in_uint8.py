"""Task 8.4: dequantization subtracts the zero point in uint8, where 0 - 51 wraps around to 205.

Values at or above the zero point come back right; every value below it (all the negative
ones) comes back as a large positive number.
"""
# ruff: noqa: F821


def dequantize_uint8(q, scales, zero_points):
    return (q - zero_points.unsqueeze(-1)).float() * scales.float().unsqueeze(-1)
