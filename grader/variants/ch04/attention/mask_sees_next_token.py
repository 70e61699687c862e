"""Task 4.2: the mask is off by one the other way: each token also sees the next one.

`torch.ones(T, T).tril(1)` (or `triu(2)` for the blocked part) instead of `tril(0)`: the model
can read the token it is asked to predict. Outputs differ, and changing token t+1 changes the
output at position t.
"""
# ruff: noqa: F821


def causal_mask(q_len, kv_len, device=None):
    offset = kv_len - q_len
    rows = torch.arange(q_len, device=device).unsqueeze(1)
    columns = torch.arange(kv_len, device=device).unsqueeze(0)
    return columns <= rows + offset + 1
