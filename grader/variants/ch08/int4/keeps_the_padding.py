"""Task 8.5: unpacking ignores `length` and returns both nibbles of every byte.

Right for even lengths. For an odd length the padding nibble comes back as an extra 0 value, so
a row of 5 weights unpacks to 6 and the dequantized weight has the wrong shape.
"""
# ruff: noqa: F821


def unpack_int4(packed, length):
    wide = packed.to(torch.int16)
    nibbles = torch.stack([wide & 0xF, wide >> 4], dim=-1).flatten(-2)
    return (nibbles - 16 * (nibbles >= 8)).to(torch.int8)


def dequantize_int4(packed, scales, in_features, group_size=64):
    q = unpack_int4(packed, in_features).float()
    per_column = scales.float().repeat_interleave(group_size, dim=-1)[:, : q.shape[-1]]
    return q * per_column
