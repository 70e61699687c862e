"""Task 6.3: padding gets PAD as its label instead of IGNORE_INDEX (-100).

The rows are filled with PAD and the labels copied from the ids, as if padding were text. Any
loss that reads only the labels (cross_entropy with ignore_index, as most trainers do) now
trains the model to predict padding, and the mask and the labels no longer agree.
"""
# ruff: noqa: F821

_reference_pack = pack


def pack(examples, seq_len):
    batch = _reference_pack(examples, seq_len)
    labels = batch.labels.masked_fill(batch.document_ids == PADDING_DOCUMENT, PAD)
    return PackedBatch(batch.input_ids, labels, batch.loss_mask, batch.position_ids, batch.document_ids)
