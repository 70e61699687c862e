"""Task 4.4: the block normalizes after each residual sum (post-norm, as in the 2017 Transformer).

x = norm1(x + attention(x)); x = norm2(x + mlp(x)). A real architecture, but not the pre-norm
block the task asks for: with the same weights the outputs differ.
"""


def _forward(self, x):
    x = self.norm1(x + self.attention(x))
    return self.norm2(x + self.mlp(x))


Block.forward = _forward  # noqa: F821
