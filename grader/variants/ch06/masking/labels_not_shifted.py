"""Task 6.2: labels are not shifted: position t is labelled with its own input token, masked by its own flag.

`labels = where(flags[:-1], ids[:-1], -100)`. The model is taught to copy the token it already
sees, and the position that reads <|assistant|> (whose flag is 0) gets no label: the first
answer token is never predicted.
"""
# ruff: noqa: F821


def build_example(messages, max_length):
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, got {max_length}")
    messages = [as_message(item) for item in messages]
    ids = torch.tensor(render(messages)[: max_length + 1], dtype=torch.long)
    supervised = torch.tensor(assistant_mask(messages)[: max_length + 1], dtype=torch.bool)
    inputs, mask = ids[:-1], supervised[:-1]
    return Example(input_ids=inputs, labels=inputs.masked_fill(~mask, IGNORE_INDEX), loss_mask=mask)
