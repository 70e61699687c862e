"""Task 5.1: the generator argument is accepted but the draw uses torch's global random state.

Each batch is fine, but a run cannot be reproduced from its own seed: anything else that draws
random numbers (dropout, another data loader) changes which windows come up.
"""
# ruff: noqa: F821


def random_windows(tokens, batch_size, context_length, generator=None):
    if tokens.dim() != 1 or context_length < 1 or tokens.numel() - context_length < 1:
        raise ValueError("no window fits")
    starts = torch.randint(tokens.numel() - context_length, (batch_size,))
    windows = tokens[starts[:, None] + torch.arange(context_length + 1)]
    return windows[:, :-1], windows[:, 1:]
