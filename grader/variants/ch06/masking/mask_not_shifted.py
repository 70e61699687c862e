"""Task 6.2: the labels are shifted but the mask is not: the first answer token is masked out.

`labels = ids[1:]` masked with `flags[:-1]` (the flags of the inputs, not of the targets). The
position that reads <|assistant|> loses its label, the answer's first token, while the position
that reads an assistant's <|end|> is trained to predict whatever comes next: the next user's
role token.
"""
# ruff: noqa: F821


def build_example(messages, max_length):
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, got {max_length}")
    messages = [as_message(item) for item in messages]
    ids = torch.tensor(render(messages)[: max_length + 1], dtype=torch.long)
    supervised = torch.tensor(assistant_mask(messages)[: max_length + 1], dtype=torch.bool)
    mask = supervised[:-1]
    return Example(input_ids=ids[:-1], labels=ids[1:].masked_fill(~mask, IGNORE_INDEX), loss_mask=mask)
