"""Task 8.6: from_linear quantizes the weight and forgets to copy the bias, which keeps its initial zeros.

The layer has a bias buffer, so nothing fails; but every output misses its bias, and in the tiny
GPT (whose qkv, proj, up and down layers have biases) the quantized model's predictions drift.
"""
# ruff: noqa: F821

_reference_from_linear = QuantizedLinear.from_linear.__func__


def _from_linear(cls, linear, bits=8, group_size=64):
    layer = _reference_from_linear(cls, linear, bits, group_size)
    if layer.bias is not None:
        layer.bias.zero_()  # as __init__ left it: the copy was never made
    return layer


QuantizedLinear.from_linear = classmethod(_from_linear)
