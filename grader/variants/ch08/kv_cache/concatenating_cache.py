"""Task 8.1: the cache grows with torch.cat at every step instead of writing into preallocated tensors.

Correct logits, but each step copies every layer's whole cache into a new tensor (quadratic
copying over a generation) and the tensors no longer have max_len positions. On the tiny GPT the
copy hides behind the fixed cost of a step; the memory a step allocates gives it away.
"""
# ruff: noqa: F821


def _update(self, layer, k, v):
    start, end = self.length, self.length + k.shape[-2]
    if end > self.max_len:
        raise ValueError(
            f"KV cache is full: {self.length} + {k.shape[-2]} positions > max_len={self.max_len}"
        )
    self.keys[layer] = torch.cat([self.keys[layer][:, :, :start], k], dim=2)
    self.values[layer] = torch.cat([self.values[layer][:, :, :start], v], dim=2)
    return self.keys[layer], self.values[layer]


KVCache.update = _update
