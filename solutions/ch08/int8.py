"""Task 8.3 — symmetric int8 quantization with one scale per output channel (absmax).

A weight matrix W (out, in) of float32 takes 4 bytes per value. Store instead an int8 q and
one float32 scale per row (output channel):

    scale[r] = max_j |W[r, j]| / 127                      the row's largest magnitude maps to ±127
    q[r, j]  = round(W[r, j] / scale[r])                  in -127..127, rounding half to even
    W~[r, j] = q[r, j] * scale[r]                         |W~ - W| <= scale[r] / 2

Worked example, one row [0.5, -1.27, 0.0127]: absmax 1.27, scale 0.01, q = [50, -127, 1].

Pinned details:
* **Rounding** is half to even (`torch.round`): 2.5 -> 2, 3.5 -> 4, -2.5 -> -2. (floor(x + 0.5)
  rounds every tie up and biases the errors.)
* **An all-zero row** has absmax 0; dividing by it would give NaN. Its scale is 1.0 (any finite
  positive number would do) and its q is all zeros, so it dequantizes to exact zeros.
* **Scales are float32**, computed from the weights converted to float32, whatever the input
  dtype: a float16 scale would lose precision (and float16 inputs can overflow when divided).
* **Per channel**, not per tensor: with a single scale for the whole matrix, one row with large
  weights makes the step coarse for every row, and rows of small weights round to a few levels.
"""

import torch

QMAX = 127


def quantize_int8(weight: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """W (out, in), any float dtype -> (q int8 (out, in), scales float32 (out,)).

    >>> q, scale = quantize_int8(torch.tensor([[0.5, -1.0, 0.25], [0.0, 0.0, 0.0]]))
    >>> q, scale
    (tensor([[  64, -127,   32],
            [   0,    0,    0]], dtype=torch.int8), tensor([0.0079, 1.0000]))
    """
    ### BEGIN SOLUTION 8.3
    weight = weight.float()
    absmax = weight.abs().amax(dim=-1)  # (out,)
    scales = torch.where(absmax > 0, absmax / QMAX, torch.ones_like(absmax))
    q = torch.round(weight / scales.unsqueeze(-1)).clamp(-QMAX, QMAX)
    return q.to(torch.int8), scales
    ### END SOLUTION


def dequantize_int8(q: torch.Tensor, scales: torch.Tensor) -> torch.Tensor:
    """(q int8 (out, in), scales (out,)) -> float32 (out, in): q * scale, row by row."""
    ### BEGIN SOLUTION 8.3
    return q.float() * scales.float().unsqueeze(-1)
    ### END SOLUTION
