"""Task 8.5: the group scale is absmax / 8, since int4 goes down to -8.

A group's largest positive value then maps to 8, which int4 cannot hold: clamped to 7 it comes
back a whole step short (an eighth of the group's absmax). Negative values fit.
"""
# ruff: noqa: F821


def quantize_int4(weight, group_size=64):
    weight = weight.float()
    rows, columns = weight.shape
    groups = -(-columns // group_size)
    padded = torch.nn.functional.pad(weight, (0, groups * group_size - columns))
    grouped = padded.view(rows, groups, group_size)
    absmax = grouped.abs().amax(dim=-1)
    scales = torch.where(absmax > 0, absmax / 8, torch.ones_like(absmax))
    q = torch.round(grouped / scales.unsqueeze(-1)).clamp(-8, 7).view(rows, -1)[:, :columns]
    return pack_int4(q.to(torch.int8)), scales
