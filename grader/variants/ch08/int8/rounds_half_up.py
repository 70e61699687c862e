"""Task 8.3: values are rounded with floor(x + 0.5), which sends every tie up.

Only exact ties differ from half to even (2.5 -> 3 instead of 2, -2.5 -> -2 as it should, but
-3.5 -> -3 instead of -4): the round-trip error stays within half a step, but the errors are
biased upwards and q differs from torch.round's.
"""
# ruff: noqa: F821


def quantize_int8(weight):
    weight = weight.float()
    absmax = weight.abs().amax(dim=-1)
    scales = torch.where(absmax > 0, absmax / QMAX, torch.ones_like(absmax))
    q = torch.floor(weight / scales.unsqueeze(-1) + 0.5).clamp(-QMAX, QMAX)
    return q.to(torch.int8), scales
