"""Task 4.2: the mask is aligned top-left: query i sees keys 0..i even when q_len < kv_len.

`torch.ones(q_len, kv_len).tril()`, or `is_causal=True` semantics. Correct when q_len equals
kv_len (a whole sequence), wrong with a KV cache: the single new query of a decoding step then
sees only the first key instead of all of them.
"""
# ruff: noqa: F821


def causal_mask(q_len, kv_len, device=None):
    return torch.ones(q_len, kv_len, dtype=torch.bool, device=device).tril()
