"""Task 8.6 — a quantized linear layer, and the tiny GPT with every linear layer quantized.

`QuantizedLinear` keeps only the compact form of the weight: int8 values and one scale per
output channel (bits=8, `int8.py`), or packed int4 values and one scale per group (bits=4,
`int4.py`). At every call it dequantizes the weight to the input's dtype and runs an ordinary
linear layer: memory is saved, arithmetic is not (real kernels fuse the dequantization into the
matrix product so that the float weight never exists in memory).

    stored bytes, W (out, in), bits=8:   out * in      + 4 * out                  (+ bias)
    stored bytes, W (out, in), bits=4:   out * in / 2  + 4 * out * in / group     (+ bias)

The bias (a few hundred numbers) stays float32. `quantize_model` swaps every `nn.Linear` of a
model (for the tiny GPT: qkv, proj, up and down of each block, and the head) for its quantized
copy, in place, and reports the bytes before and after. Embeddings and LayerNorms stay float.
"""

from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F

from .int4 import dequantize_int4, quantize_int4
from .int8 import dequantize_int8, quantize_int8


class QuantizedLinear(nn.Module):
    """A linear layer whose weight is stored as int8 per channel or int4 per group.

    Buffers: `weight_q` (int8 (out, in), or uint8 (out, ceil(in / 2)) for bits=4), `scales`
    (float32 (out,), or (out, groups)), `bias` (float32 (out,) or None).
    """

    def __init__(
        self, in_features: int, out_features: int, bias: bool = True, bits: int = 8, group_size: int = 64
    ) -> None:
        super().__init__()
        if bits not in (4, 8):
            raise ValueError(f"bits must be 4 or 8, got {bits}")
        self.in_features, self.out_features = in_features, out_features
        self.bits, self.group_size = bits, group_size
        if bits == 8:
            self.register_buffer("weight_q", torch.zeros(out_features, in_features, dtype=torch.int8))
            self.register_buffer("scales", torch.ones(out_features))
        else:
            groups = -(-in_features // group_size)
            self.register_buffer(
                "weight_q", torch.zeros(out_features, -(-in_features // 2), dtype=torch.uint8)
            )
            self.register_buffer("scales", torch.ones(out_features, groups))
        self.register_buffer("bias", torch.zeros(out_features) if bias else None)

    @classmethod
    def from_linear(cls, linear: nn.Linear, bits: int = 8, group_size: int = 64) -> "QuantizedLinear":
        """The quantized copy of `linear` (its weight quantized, its bias kept as float32)."""
        ### BEGIN SOLUTION 8.6
        layer = cls(linear.in_features, linear.out_features, linear.bias is not None, bits, group_size)
        weight = linear.weight.detach()
        if bits == 8:
            layer.weight_q, layer.scales = quantize_int8(weight)
        else:
            layer.weight_q, layer.scales = quantize_int4(weight, group_size)
        if linear.bias is not None:
            layer.bias = linear.bias.detach().float().clone()
        return layer.to(weight.device)
        ### END SOLUTION

    def dequantized_weight(self) -> torch.Tensor:
        """The float32 weight (out, in) the stored values stand for."""
        ### BEGIN SOLUTION 8.6
        if self.bits == 8:
            return dequantize_int8(self.weight_q, self.scales)
        return dequantize_int4(self.weight_q, self.scales, self.in_features, self.group_size)
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x (..., in) -> (..., out), in x's dtype."""
        ### BEGIN SOLUTION 8.6
        bias = None if self.bias is None else self.bias.to(x.dtype)
        return F.linear(x, self.dequantized_weight().to(x.dtype), bias)
        ### END SOLUTION

    def nbytes(self) -> int:
        """Bytes stored: quantized weight, scales and bias."""
        return sum(
            t.numel() * t.element_size() for t in (self.weight_q, self.scales, self.bias) if t is not None
        )


@dataclass(frozen=True)
class QuantizationReport:
    layers: int  # linear layers replaced
    bytes_before: int  # their weights and biases as stored before
    bytes_after: int  # the same layers quantized

    @property
    def bytes_saved(self) -> int:
        return self.bytes_before - self.bytes_after


def quantize_model(model: nn.Module, bits: int = 8, group_size: int = 64) -> QuantizationReport:
    """Replace every `nn.Linear` inside `model` by a `QuantizedLinear`, in place; report the memory."""
    ### BEGIN SOLUTION 8.6
    layers = before = after = 0
    targets = [(name, module) for name, module in model.named_modules() if isinstance(module, nn.Linear)]
    for name, linear in targets:
        parent_name, _, child = name.rpartition(".")
        parent = model.get_submodule(parent_name) if parent_name else model
        quantized = QuantizedLinear.from_linear(linear, bits, group_size)
        before += sum(p.numel() * p.element_size() for p in linear.parameters())
        after += quantized.nbytes()
        setattr(parent, child, quantized)
        layers += 1
    return QuantizationReport(layers, before, after)
    ### END SOLUTION
