"""Task 8.5: unpacking keeps each nibble as 0..15 and never sign-extends it.

Non-negative values come back right; every negative one comes back 16 too high (-1 as 15,
-8 as 8), so half of a layer's weights flip to large positive values.
"""
# ruff: noqa: F821


def unpack_int4(packed, length):
    wide = packed.to(torch.int16)
    nibbles = torch.stack([wide & 0xF, wide >> 4], dim=-1).flatten(-2)
    return nibbles[..., :length].to(torch.int8)
