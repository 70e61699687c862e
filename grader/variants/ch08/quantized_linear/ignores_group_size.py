"""Task 8.6: from_linear quantizes int4 with the default group size, whatever `group_size` says.

`quantize_int4(weight)` instead of `quantize_int4(weight, group_size)`: the scales have the
shape of groups of 64, and dequantizing them as groups of `group_size` gives each column the
scale of another group. Right only when group_size is 64.
"""
# ruff: noqa: F821

_reference_from_linear = QuantizedLinear.from_linear.__func__


def _from_linear(cls, linear, bits=8, group_size=64):
    layer = _reference_from_linear(cls, linear, bits, group_size)
    if bits == 4:
        layer.weight_q, layer.scales = quantize_int4(linear.weight.detach())
    return layer


QuantizedLinear.from_linear = classmethod(_from_linear)
