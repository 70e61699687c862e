"""Task 8.5: element 2i goes into the high nibble and 2i+1 into the low one, in pack and unpack alike.

The round trip through this module's own pack and unpack is perfect, so it looks right; but the
bytes are not the pinned layout (nor llama.cpp's or any kernel's): [3, -2, 7] packs as
[0x3E, 0x70] instead of [0xE3, 0x07].
"""
# ruff: noqa: F821


def pack_int4(values):
    nibbles = values.to(torch.int16) & 0xF
    if nibbles.shape[-1] % 2:
        nibbles = torch.nn.functional.pad(nibbles, (0, 1))
    return ((nibbles[..., 0::2] << 4) | nibbles[..., 1::2]).to(torch.uint8)


def unpack_int4(packed, length):
    wide = packed.to(torch.int16)
    nibbles = torch.stack([wide >> 4, wide & 0xF], dim=-1).flatten(-2)
    return (nibbles - 16 * (nibbles >= 8))[..., :length].to(torch.int8)
