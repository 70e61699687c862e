"""Task 8.4: the zero point is kept as the float -min / scale and only truncated when stored.

q = round(x / scale + zero_point) uses the exact float, the stored uint8 zero point is its
integer part: dequantizing with it shifts every value of the row by up to a step, and 0.0 no
longer comes back as exactly 0.0.
"""
# ruff: noqa: F821


def quantize_uint8(x):
    x = x.float()
    low = x.amin(dim=-1).clamp(max=0)
    high = x.amax(dim=-1).clamp(min=0)
    scales = torch.where(high > low, (high - low) / LEVELS, torch.ones_like(high))
    zero_points = (-low / scales).clamp(0, LEVELS)
    q = torch.round(x / scales.unsqueeze(-1) + zero_points.unsqueeze(-1)).clamp(0, LEVELS)
    return q.to(torch.uint8), scales, zero_points.to(torch.uint8)
