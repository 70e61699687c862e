"""Task 6.2: truncation cuts the rendered ids to max_length tokens, then shifts: max_length - 1 positions.

Off by one against the pinned rule (cut to max_length + 1, then shift), so every truncated
example is one position shorter than the context allows, and max_length=1 gives an empty one.
"""
# ruff: noqa: F821


def build_example(messages, max_length):
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, got {max_length}")
    messages = [as_message(item) for item in messages]
    ids = torch.tensor(render(messages)[:max_length], dtype=torch.long)
    supervised = torch.tensor(assistant_mask(messages)[:max_length], dtype=torch.bool)
    targets, target_mask = ids[1:], supervised[1:]
    return Example(
        input_ids=ids[:-1], labels=targets.masked_fill(~target_mask, IGNORE_INDEX), loss_mask=target_mask
    )
