"""Task 8.5: `group_size` is ignored: one scale per row, as in the int8 task, repeated for every group.

With 16 levels a whole row shares one coarse step: an outlier flattens the rest of its row to
zero. The round trip is within half of that step, but the scales are not each group's absmax / 7.
"""
# ruff: noqa: F821


def quantize_int4(weight, group_size=64):
    weight = weight.float()
    absmax = weight.abs().amax(dim=-1, keepdim=True)
    row_scales = torch.where(absmax > 0, absmax / 7, torch.ones_like(absmax))
    q = torch.round(weight / row_scales).clamp(-8, 7)
    groups = -(-weight.shape[1] // group_size)
    return pack_int4(q.to(torch.int8)), row_scales.expand(-1, groups).contiguous()
