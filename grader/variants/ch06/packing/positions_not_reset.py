"""Task 6.3: position ids count along the whole row instead of restarting at 0 for each example.

`position_ids = arange(seq_len)` for every row, as in pretraining. The attention mask is right,
but the second example of a row is embedded at positions it would never have alone, so it is
trained as if it were the middle of some longer document.
"""
# ruff: noqa: F821

_reference_pack = pack


def pack(examples, seq_len):
    batch = _reference_pack(examples, seq_len)
    rows = batch.input_ids.shape[0]
    positions = torch.arange(seq_len).expand(rows, seq_len).clone()
    return PackedBatch(batch.input_ids, batch.labels, batch.loss_mask, positions, batch.document_ids)
