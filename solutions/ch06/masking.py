"""Task 6.2 — one training example: input ids, labels shifted by one, and the assistant-only loss mask.

Training on a chat is still next-token prediction, exactly as in pretraining: at position t
the model reads tokens 0..t and is scored on token t + 1. What changes is *which* predictions
count. The model should learn to write the assistant's turns, not to imitate users, system
prompts or tool output, so only the assistant's tokens are supervised: the bytes of each
assistant message and the <|end|> that closes it (the model must learn when to stop). The
<|assistant|> marker itself is not: at inference it is written by the template, not the model.

For user "hi", assistant "yo" (U = <|user|>, A = <|assistant|>, E = <|end|>):

    rendered ids       U    h    i    E    A    y    o    E
    supervised?        .    .    .    .    .    1    1    1        `assistant_mask`

    input_ids          U    h    i    E    A    y    o             ids[:-1]
    labels           -100 -100 -100 -100   y    o    E             ids[1:] where supervised
    loss_mask          0    0    0    0    1    1    1             supervised[1:]

The labels are shifted: position t holds the token that *follows* input t. The input at the
position that predicts "y" is A, so the first answer token is supervised even though A is not.
Unsupervised labels hold IGNORE_INDEX (-100), the value torch's cross-entropy skips.

Truncation (pinned): the rendered ids and flags are cut to their first `max_length + 1` tokens
before shifting, so an example has min(len(ids), max_length + 1) - 1 positions: at most
`max_length`, the model's context. The end is what goes: an answer cut short is trained
without its <|end|>. `max_length` below 1 is a ValueError.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import torch

from .template import Message, as_message, render, render_message

IGNORE_INDEX = -100


@dataclass(frozen=True)
class Example:
    """One conversation, ready for training; the three tensors are 1-D of the same length T."""

    input_ids: torch.Tensor  # (T,) int64: what the model reads
    labels: torch.Tensor  # (T,) int64: the token after each input, or IGNORE_INDEX where unsupervised
    loss_mask: torch.Tensor  # (T,) bool: True exactly where labels are supervised

    def __len__(self) -> int:
        return self.input_ids.shape[0]


def assistant_mask(messages: Iterable["Message | Mapping[str, str]"]) -> list[bool]:
    """One flag per token of `render(messages)`: True on assistant content and the assistant's <|end|>.

    Every role token (<|assistant|> included) and every token of other roles' turns is False.
    The same errors as `render` for bad conversations.
    """
    ### BEGIN SOLUTION 6.2
    messages = [as_message(item) for item in messages]
    render(messages)  # validates the conversation as a whole (empty, misplaced system message)
    flags: list[bool] = []
    for message in messages:
        ids = render_message(message)
        trained = message.role == "assistant"
        flags += [False] + [trained] * (len(ids) - 1)  # the role token never; content and <|end|>
    return flags
    ### END SOLUTION


def build_example(messages: Iterable["Message | Mapping[str, str]"], max_length: int) -> Example:
    """Render, truncate to `max_length + 1` tokens, shift: an `Example` of at most `max_length` positions."""
    ### BEGIN SOLUTION 6.2
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, got {max_length}")
    messages = [as_message(item) for item in messages]
    ids = torch.tensor(render(messages)[: max_length + 1], dtype=torch.long)
    supervised = torch.tensor(assistant_mask(messages)[: max_length + 1], dtype=torch.bool)
    targets, target_mask = ids[1:], supervised[1:]
    labels = targets.masked_fill(~target_mask, IGNORE_INDEX)
    return Example(input_ids=ids[:-1], labels=labels, loss_mask=target_mask)
    ### END SOLUTION
