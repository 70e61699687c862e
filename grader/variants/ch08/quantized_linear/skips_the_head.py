"""Task 8.6: quantize_model replaces the linear layers of the blocks and forgets the output head.

It walks `model.blocks` instead of every module: the head (vocab_size x d_model) stays float32,
the report counts 16 layers of the tiny GPT instead of 17, and less memory is saved than the
formula promises.
"""
# ruff: noqa: F821

_reference_quantize_model = quantize_model


def quantize_model(model, bits=8, group_size=64):
    reports = [_reference_quantize_model(block, bits, group_size) for block in model.blocks]
    return QuantizationReport(
        sum(r.layers for r in reports),
        sum(r.bytes_before for r in reports),
        sum(r.bytes_after for r in reports),
    )
