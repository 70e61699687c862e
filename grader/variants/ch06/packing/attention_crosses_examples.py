"""Task 6.3: the packed rows get a plain causal mask, so each example attends to the ones before it.

`torch.ones(L, L).tril()`, the pretraining mask, ignoring the document ids. The second example
of a row reads the first one as if it were its own context: attention leaks across examples,
and the model learns from conversations that were never part of its input.
"""
# ruff: noqa: F821


def block_causal_mask(document_ids):
    length = document_ids.shape[-1]
    causal = torch.ones(length, length, dtype=torch.bool).tril()
    return causal.expand(*document_ids.shape, length).clone()
