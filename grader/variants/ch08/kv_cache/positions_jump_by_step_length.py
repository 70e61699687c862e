"""Task 8.1: a step's tokens are embedded from position cache.length + T instead of cache.length.

The start position is taken after the step (where the cache will stand) instead of before it:
a prompt of P tokens is embedded at positions P..2P-1 and every decoded token one position too
far, so positions jump by the length of the step. Logits differ from the first step on, and a
long prompt runs past the context length.
"""

# ruff: noqa: F821
import copy

_reference_forward = forward_with_cache


def forward_with_cache(model, ids, cache):
    buggy = copy.copy(model)  # the same layers and weights
    buggy.embed = lambda ids, start=0: model.embed(ids, start + ids.shape[1])
    return _reference_forward(buggy, ids, cache)
