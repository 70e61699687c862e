"""Task 4.2: the mask is off by one: a token sees only strictly earlier tokens, not itself.

`j < i` instead of `j <= i`. The first position then sees nothing at all: its row is entirely
-inf and the softmax makes it nan; every other position averages the wrong values.
"""
# ruff: noqa: F821


def causal_mask(q_len, kv_len, device=None):
    offset = kv_len - q_len
    rows = torch.arange(q_len, device=device).unsqueeze(1)
    columns = torch.arange(kv_len, device=device).unsqueeze(0)
    return columns < rows + offset
