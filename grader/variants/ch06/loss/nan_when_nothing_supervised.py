"""Task 6.4: torch's mean cross-entropy with ignore_index, as is: nan for a batch with no supervised token.

`F.cross_entropy(..., ignore_index=-100)` with the default reduction divides by the number of
counted positions, which is 0 when a batch holds only prompts or padding: 0 / 0 = nan, and one
optimizer step with a nan gradient ruins every weight.
"""
# ruff: noqa: F821


def sft_loss(logits, labels, loss_mask=None):
    supervised = labels != IGNORE_INDEX
    if loss_mask is not None:
        supervised = supervised & loss_mask.bool()
    vocab_size = logits.shape[-1]
    targets = labels.masked_fill(~supervised, IGNORE_INDEX).reshape(-1)
    return F.cross_entropy(logits.reshape(-1, vocab_size), targets, ignore_index=IGNORE_INDEX)
