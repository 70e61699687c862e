"""Task 8.4 — asymmetric (zero-point) quantization to uint8, one scale and zero point per row.

Symmetric quantization wastes half its levels when a row is lopsided (all values in -0.1..1.0
use only the positive half of -127..127). Asymmetric quantization maps the row's own range
[lo, hi] onto 0..255 and shifts by a *zero point*, the integer that stands for 0.0:

    lo = min(min(x), 0), hi = max(max(x), 0)       the range always contains 0
    scale = (hi - lo) / 255                         (1.0 if hi == lo, i.e. an all-zero row)
    zero_point = round(-lo / scale)                 an integer in 0..255
    q = clamp(round(x / scale) + zero_point, 0, 255)          uint8
    x~ = (q - zero_point) * scale                   |x~ - x| <= scale / 2

Worked example, row [-0.2, 0.0, 0.8]: scale = 1.0 / 255, zero_point = round(51) = 51,
q = [0, 51, 255]. Because the range contains 0 and the zero point is an integer, 0.0 comes
back exactly (padding, ReLU zeros and masked values stay exact zeros).

Rounding is half to even (`torch.round`); scales are float32 whatever the input's dtype;
zero points are returned as uint8.
"""

import torch

LEVELS = 255


def quantize_uint8(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """x (rows, n) -> (q uint8 (rows, n), scales float32 (rows,), zero_points uint8 (rows,)).

    >>> q, scale, zero = quantize_uint8(torch.tensor([[-0.2, 0.0, 0.8]]))
    >>> q, zero
    (tensor([[  0,  51, 255]], dtype=torch.uint8), tensor([51], dtype=torch.uint8))
    """
    ### BEGIN SOLUTION 8.4
    x = x.float()
    low = x.amin(dim=-1).clamp(max=0)
    high = x.amax(dim=-1).clamp(min=0)
    scales = torch.where(high > low, (high - low) / LEVELS, torch.ones_like(high))
    zero_points = torch.round(-low / scales).clamp(0, LEVELS)
    q = (torch.round(x / scales.unsqueeze(-1)) + zero_points.unsqueeze(-1)).clamp(0, LEVELS)
    return q.to(torch.uint8), scales, zero_points.to(torch.uint8)
    ### END SOLUTION


def dequantize_uint8(q: torch.Tensor, scales: torch.Tensor, zero_points: torch.Tensor) -> torch.Tensor:
    """float32 (rows, n): (q - zero_point) * scale, row by row."""
    ### BEGIN SOLUTION 8.4
    shifted = q.float() - zero_points.float().unsqueeze(-1)  # not in uint8: 0 - 51 would wrap
    return shifted * scales.float().unsqueeze(-1)
    ### END SOLUTION
