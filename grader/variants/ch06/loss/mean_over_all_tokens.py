"""Task 6.4: the summed loss is divided by the number of all positions, not of the supervised ones.

`total / labels.numel()`. Right only when every position is supervised; with long prompts and
short answers the loss (and the gradient) shrinks with the prompt's share of the batch.
"""
# ruff: noqa: F821


def sft_loss(logits, labels, loss_mask=None):
    supervised = labels != IGNORE_INDEX
    if loss_mask is not None:
        supervised = supervised & loss_mask.bool()
    vocab_size = logits.shape[-1]
    targets = labels.masked_fill(~supervised, IGNORE_INDEX).reshape(-1)
    total = F.cross_entropy(
        logits.reshape(-1, vocab_size), targets, ignore_index=IGNORE_INDEX, reduction="sum"
    )
    return total / labels.numel()
