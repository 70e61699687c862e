"""Task 6.4: each sequence's loss is averaged over its own supervised tokens, then the sequences are averaged.

A natural "mean of means": the single token of a one-word answer then weighs as much as a whole
paragraph of another answer. Equal to the pinned loss only when every sequence has as many
supervised tokens as the others.
"""
# ruff: noqa: F821


def sft_loss(logits, labels, loss_mask=None):
    supervised = labels != IGNORE_INDEX
    if loss_mask is not None:
        supervised = supervised & loss_mask.bool()
    vocab_size = logits.shape[-1]
    targets = labels.masked_fill(~supervised, IGNORE_INDEX)
    per_token = F.cross_entropy(
        logits.reshape(-1, vocab_size), targets.reshape(-1), ignore_index=IGNORE_INDEX, reduction="none"
    ).reshape(labels.shape)
    if labels.dim() == 1:
        return per_token.sum() / supervised.sum().clamp(min=1)
    per_token, supervised = per_token.reshape(labels.shape[0], -1), supervised.reshape(labels.shape[0], -1)
    per_sequence = per_token.sum(-1) / supervised.sum(-1).clamp(min=1)
    return per_sequence.mean()
