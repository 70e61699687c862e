"""Task 5.1: starts are drawn from 0 .. len - T - 2, so the last window (and last token) never comes up.

`torch.randint(len(tokens) - T - 1, ...)`: one off by one when counting windows of T + 1 tokens.
Every batch looks right; only many draws show that the end of the stream is never trained on.
"""
# ruff: noqa: F821


def random_windows(tokens, batch_size, context_length, generator=None):
    if tokens.dim() != 1 or context_length < 1 or tokens.numel() - context_length < 1:
        raise ValueError("no window fits")
    starts = torch.randint(max(tokens.numel() - context_length - 1, 1), (batch_size,), generator=generator)
    windows = tokens[starts[:, None] + torch.arange(context_length + 1)]
    return windows[:, :-1], windows[:, 1:]
