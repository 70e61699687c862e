"""Task 5.1: the targets are the inputs themselves, not the window shifted by one.

`x = y = tokens[s : s + T]`: the model is trained to copy its input, which the causal mask makes
trivial (position t sees token t), so the loss drops to near zero and nothing is learned.
"""
# ruff: noqa: F821


def random_windows(tokens, batch_size, context_length, generator=None):
    if tokens.dim() != 1 or context_length < 1 or tokens.numel() - context_length < 1:
        raise ValueError("no window fits")
    starts = torch.randint(tokens.numel() - context_length, (batch_size,), generator=generator)
    windows = tokens[starts[:, None] + torch.arange(context_length)]
    return windows, windows.clone()
