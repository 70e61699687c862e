"""Task 8.1: reset zeroes the stored keys and values but forgets to move `length` back to 0.

A natural reading of "forget everything": the tensors are cleared, but the next sequence is then
embedded after the old one's positions, attends over a prefix of zeros, and a cache that was
full stays full.
"""


def _reset(self):
    for tensor in self.keys + self.values:
        tensor.zero_()


KVCache.reset = _reset  # noqa: F821
