"""Task 5.1 — random training windows: (input, target) pairs cut from one long token stream.

Pretraining data is one stream of tokens, documents one after another. A training example is
any window of T + 1 consecutive tokens: the first T are the input, the last T the targets, the
same window shifted by one, so that at every position the target is the token that came next.

    stream   ... 72 101 108 108 111 32 ...          start s = 2, T = 3
    window           108 108 111 32                 tokens[s : s + T + 1]
    input            108 108 111                    tokens[s : s + T]
    target               108 111 32                 tokens[s + 1 : s + T + 1]

One window trains T predictions at once (the causal mask makes position t see only 0..t).
Starts are drawn uniformly from every valid position 0 .. len - T - 1, so over many draws every
token is seen; a `torch.Generator` makes the draw reproducible.
"""

import torch


def random_windows(
    tokens: torch.Tensor, batch_size: int, context_length: int, generator: torch.Generator | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """`batch_size` random windows of `tokens` (1-D int64): inputs and targets, each (B, T) int64.

    >>> stream = torch.arange(10)
    >>> x, y = random_windows(stream, 2, 4, torch.Generator().manual_seed(0))
    >>> bool((y[:, :-1] == x[:, 1:]).all()) and x.shape == (2, 4)
    True

    ValueError if `tokens` is not 1-D or holds fewer than T + 1 tokens.
    """
    ### BEGIN SOLUTION 5.1
    if tokens.dim() != 1:
        raise ValueError(f"tokens must be a 1-D stream, got shape {tuple(tokens.shape)}")
    starts_available = tokens.numel() - context_length  # starts 0 .. len - T - 1
    if context_length < 1 or starts_available < 1:
        raise ValueError(f"a stream of {tokens.numel()} tokens has no window of {context_length} + 1 tokens")
    starts = torch.randint(starts_available, (batch_size,), generator=generator)
    windows = tokens[starts[:, None] + torch.arange(context_length + 1)]  # (B, T + 1)
    return windows[:, :-1], windows[:, 1:]
    ### END SOLUTION
