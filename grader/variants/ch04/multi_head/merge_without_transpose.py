"""Task 4.3: heads are merged by reshaping (B, H, T, D) straight to (B, T, C), without a transpose.

The shapes work out, so nothing crashes; but the memory order is head-major, so "position t"
of the merged tensor holds pieces of several positions of one head: outputs of different
positions are mixed (even the future leaks into the past).
"""


def _merge_heads(self, x):
    batch, heads, time, head_dim = x.shape
    return x.reshape(batch, time, heads * head_dim)


CausalSelfAttention.merge_heads = _merge_heads  # noqa: F821
