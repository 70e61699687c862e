"""Task 4.4: TinyGPT never checks the sequence length against the context length.

Past `context_length` the position embedding is indexed out of range and raises an IndexError
from deep inside torch instead of the ValueError that names the problem.
"""


def _forward(self, ids):
    positions = torch.arange(ids.shape[1], device=ids.device)  # noqa: F821
    x = self.token_embedding(ids) + self.position_embedding(positions)
    for block in self.blocks:
        x = block(x)
    return self.head(self.norm(x))


TinyGPT.forward = _forward  # noqa: F821
