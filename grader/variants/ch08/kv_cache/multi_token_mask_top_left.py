"""Task 8.1: the mask of a multi-token step is aligned top-left: query i sees keys 0..i.

`torch.ones(q_len, kv_len).tril()`, the semantics of `is_causal=True`. Right for the prefill
(q_len == kv_len) and for single tokens, wrong for a step of several tokens after the prefill:
its queries then see only the first few keys of the cached prefix.
"""
# ruff: noqa: F821


def causal_mask(q_len, kv_len, device=None):
    return torch.ones(q_len, kv_len, dtype=torch.bool, device=device).tril()
