"""Task 8.3: the scales are computed in the weight's own dtype: float16 weights give float16 scales.

For float32 weights nothing changes. For float16, absmax / 127 is rounded to 11 bits of
precision, the division w / scale happens in float16 too, and the scales come back as float16
where float32 was asked.
"""
# ruff: noqa: F821


def quantize_int8(weight):
    absmax = weight.abs().amax(dim=-1)
    scales = torch.where(absmax > 0, absmax / QMAX, torch.ones_like(absmax))
    q = torch.round(weight / scales.unsqueeze(-1)).clamp(-QMAX, QMAX)
    return q.to(torch.int8), scales
