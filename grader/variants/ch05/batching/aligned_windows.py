"""Task 5.1: the stream is cut into consecutive chunks of T and a random chunk is drawn.

A common simplification: windows only start at multiples of T, so a token is always seen at the
same position of its window and most starts never occur.
"""
# ruff: noqa: F821


def random_windows(tokens, batch_size, context_length, generator=None):
    if tokens.dim() != 1 or context_length < 1 or tokens.numel() - context_length < 1:
        raise ValueError("no window fits")
    chunks = (tokens.numel() - 1) // context_length
    starts = torch.randint(chunks, (batch_size,), generator=generator) * context_length
    windows = tokens[starts[:, None] + torch.arange(context_length + 1)]
    return windows[:, :-1], windows[:, 1:]
