"""Task 4.2: scores are q @ k^T, never divided by sqrt(head_dim).

With head_dim 1 nothing changes; for any larger head the softmax is sharper than it should be,
and the outputs drift towards the single best-matching key.
"""
# ruff: noqa: F821


def causal_attention(q, k, v):
    q_len, kv_len = q.shape[-2], k.shape[-2]
    scores = q @ k.transpose(-2, -1)
    scores = scores.masked_fill(~causal_mask(q_len, kv_len, q.device), float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
