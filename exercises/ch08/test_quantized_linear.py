"""Task 8.6 — a quantized linear layer that replaces the tiny GPT's linear layers."""

import pytest
import torch

from grader.checks import assert_close
from grader.loader import implementation
from llmdd.gpt import GPTConfig, TinyGPT

ql = implementation("ch08.quantized_linear")
int8 = implementation("ch08.int8")
int4 = implementation("ch08.int4")
task = pytest.mark.task("8.6")


@task
def test_int8_layer_computes_with_the_dequantized_weight():
    """from_linear keeps the bias; the output is x @ dequantize(W).T + b."""
    torch.manual_seed(0)
    linear = torch.nn.Linear(16, 8)
    layer = ql.QuantizedLinear.from_linear(linear, bits=8)
    weight = int8.dequantize_int8(*int8.quantize_int8(linear.weight.detach()))
    x = torch.randn(3, 16)
    expected = x @ weight.T + linear.bias.detach()
    assert_close(layer(x), expected, atol=1e-6)
    assert (layer(x) - linear(x)).abs().max() < 0.01


@task
def test_int4_layer_computes_with_the_dequantized_weight():
    """bits=4, group 8: x @ dequantize(W).T + b, within half a step per weight of the float layer."""
    torch.manual_seed(0)
    linear = torch.nn.Linear(32, 4)
    layer = ql.QuantizedLinear.from_linear(linear, bits=4, group_size=8)
    packed, scales = int4.quantize_int4(linear.weight.detach(), group_size=8)
    weight = int4.dequantize_int4(packed, scales, 32, group_size=8)
    x = torch.randn(5, 32)
    assert_close(layer(x), x @ weight.T + linear.bias.detach(), atol=1e-6)
    # Each weight is off by at most half its group's step, so each output by at most sum_j |x_j| step_j / 2.
    half_steps = scales.repeat_interleave(8, dim=1) / 2  # (4, 32)
    bound = x.abs() @ half_steps.T  # (5, 4)
    assert ((layer(x) - linear(x)).abs() <= bound * 1.0001 + 1e-6).all()


@task
def test_quantize_model_replaces_every_linear_layer():
    """The tiny GPT's 4 linear layers per block and its head become QuantizedLinear; memory falls."""
    torch.manual_seed(0)
    model = TinyGPT(GPTConfig(vocab_size=20, context_length=8, d_model=16, n_heads=2, n_layers=2))
    ids = torch.randint(0, 20, (1, 8))
    before = model(ids)
    report = ql.quantize_model(model, bits=8)
    assert report.layers == 9
    assert not any(isinstance(m, torch.nn.Linear) for m in model.modules())
    assert report.bytes_after < report.bytes_before / 3
    assert (model(ids) - before).abs().max() < 0.01
