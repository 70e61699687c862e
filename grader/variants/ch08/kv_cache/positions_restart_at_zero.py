"""Task 8.1: every step embeds its tokens at positions 0, 1, ... instead of continuing at cache.length.

`model.embed(ids)` without the start position: the prefill is right (it does start at 0), but
every decoded token gets position 0's embedding, so from the second step on the logits differ
from the full forward pass.
"""

# ruff: noqa: F821
import copy

_reference_forward = forward_with_cache


def forward_with_cache(model, ids, cache):
    buggy = copy.copy(model)  # the same layers and weights
    buggy.embed = lambda ids, start=0: model.embed(ids)  # the start position is dropped
    return _reference_forward(buggy, ids, cache)
