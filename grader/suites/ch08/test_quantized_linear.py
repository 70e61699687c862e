"""Task 8.6 (hidden) — the quantized linear layer and the quantized tiny GPT.

The layer's stored buffers are read with the oracles of `shared` (q * scale, the int4 bytes
unpacked with Python integers): they must stand for the float weight within half a step and
have the pinned dtypes and shapes, and the layer must compute `F.linear` with that weight. The
memory report is checked against the bytes the buffers really take and against the formula.

Distribution. The course's own checkpoint (`llmdd.checkpoint.load()`, trained on Python's
documentation) reads the first 4 windows of 256 tokens of the held-out documentation; the mean
over those 1024 positions of KL(p_float || p_quantized) of the next-token distributions (in
nats; the float model's own entropy there is 1.56) is:
    int8 per channel (the reference)         1.0e-4      limit 1e-3 (10x)
    int4, groups of 32 / 64 / 128 (ditto)    2.3e-2 / 2.5e-2 / 3.3e-2      limit 0.1 at 64 (4x)
    int8 with one scale per tensor           4.2e-4      (variant `one_scale_per_tensor`)
    int4 with one scale per row              3.3e-2      (variant `one_scale_per_row`)
The tiny GPT's weights have few outliers, so coarser scales cost little here: those variants
are caught by their own tasks' tests. What the limits catch is a quantized model that no
longer computes what the float one does (a wrong weight, a lost bias, a swapped layout).
"""

import copy
import functools
import math

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st
from torch import nn

from grader.loader import implementation
from grader.suites.ch04.shared import build
from grader.suites.ch08 import shared
from llmdd import checkpoint, text
from llmdd.gpt import GPTConfig, TinyGPT

quantized_linear = implementation("ch08.quantized_linear")

KL_WINDOWS, KL_LENGTH = 4, 256
KL_LIMITS = {8: 1e-3, 4: 0.1}  # mean KL(float || quantized) per position, see the module docstring
SMALL = GPTConfig(vocab_size=50, context_length=16, d_model=40, n_heads=4, n_layers=2)


@st.composite
def linear_layers(draw):
    """(nn.Linear, bits, group_size): 1-70 inputs, 1-12 outputs, bias or not, weights in several sizes."""
    in_features, out_features = draw(st.integers(1, 70)), draw(st.integers(1, 12))
    seed = draw(shared.seeds)
    linear = build(lambda: nn.Linear(in_features, out_features, bias=draw(st.booleans())), seed % 2**31)
    with torch.no_grad():
        linear.weight.mul_(draw(st.sampled_from((1e-3, 1.0, 30.0))))
    bits = draw(st.sampled_from((8, 4)))
    return linear, bits, draw(st.sampled_from((64, 32, 8, 5, 1)))


def stored_weight(layer, bits: int, group_size: int, in_features: int, out_features: int) -> torch.Tensor:
    """The float64 weight (out, in) the layer's buffers stand for, read by the oracles; checks their form."""
    weight_q, scales = layer.weight_q, layer.scales
    if bits == 8:
        expected = {
            "weight_q": (torch.int8, (out_features, in_features)),
            "scales": (torch.float32, (out_features,)),
        }
    else:
        groups = math.ceil(in_features / group_size)
        expected = {
            "weight_q": (torch.uint8, (out_features, math.ceil(in_features / 2))),
            "scales": (torch.float32, (out_features, groups)),
        }
    for name, tensor in (("weight_q", weight_q), ("scales", scales)):
        dtype, shape = expected[name]
        assert tensor.dtype == dtype and tuple(tensor.shape) == shape, (
            f"bits={bits}: {name} is {tensor.dtype} {tuple(tensor.shape)}, expected {dtype} {shape}"
        )
    if bits == 8:
        return weight_q.double() * scales.double().unsqueeze(-1)
    q = torch.tensor(
        [shared.unpack_oracle(row, in_features) for row in weight_q.tolist()], dtype=torch.float64
    )
    return q * scales.double().repeat_interleave(group_size, dim=-1)[:, :in_features]


@pytest.mark.task("8.6")
@pytest.mark.points(4)
@given(linear_layers(), shared.seeds)
def test_the_layer_computes_with_the_weight_it_stores(case, seed):
    """from_linear stores W within half a step (pinned buffers), and the bias; forward is F.linear."""
    linear, bits, group_size = case
    out_features, in_features = linear.weight.shape
    layer = quantized_linear.QuantizedLinear.from_linear(linear, bits=bits, group_size=group_size)
    weight = stored_weight(layer, bits, group_size, in_features, out_features)
    expected_scales = (
        shared.int8_oracle(linear.weight.detach())[1]
        if bits == 8
        else shared.int4_oracle(linear.weight.detach(), group_size)[1]
    )
    shared.assert_scales(layer.scales, expected_scales, what=f"bits={bits}, group {group_size}: scales")
    steps = (
        expected_scales.double().unsqueeze(-1)
        if bits == 8
        else (expected_scales.double().repeat_interleave(group_size, dim=-1)[:, :in_features])
    )
    shared.assert_within_half_a_step(weight.float(), linear.weight.detach(), steps, what="stored weight")
    if linear.bias is None:
        assert layer.bias is None, "a linear layer without bias gives a quantized layer without bias"
    else:
        assert layer.bias.dtype == torch.float32 and torch.equal(layer.bias, linear.bias.detach()), (
            "the bias is kept as it was"
        )
    x = torch.randn(3, in_features, generator=torch.Generator().manual_seed(seed))
    with torch.no_grad():
        got = layer(x)
    bias = None if linear.bias is None else linear.bias.detach().double()
    expected = F.linear(x.double(), weight, bias)
    assert got.dtype == torch.float32, f"float32 input gave a {got.dtype} output"
    shared.assert_close(
        got, expected, atol=1e-5 * (1 + expected.abs().max().item()), rtol=1e-5, what="output"
    )


@pytest.mark.task("8.6")
@pytest.mark.points(1)
def test_the_output_is_in_the_inputs_dtype():
    """int8 and int4: a float64 input (B, T, in) gives a float64 output, F.linear with the stored weight."""
    linear = build(lambda: nn.Linear(24, 10), 3)
    x = torch.randn(2, 5, 24, generator=torch.Generator().manual_seed(4), dtype=torch.float64)
    for bits in (8, 4):
        layer = quantized_linear.QuantizedLinear.from_linear(linear, bits=bits, group_size=8)
        weight = stored_weight(layer, bits, 8, 24, 10)
        with torch.no_grad():
            got = layer(x)
        assert got.dtype == torch.float64, f"bits={bits}: a float64 input gave a {got.dtype} output"
        expected = F.linear(x, weight, linear.bias.detach().double())
        shared.assert_close(got, expected, atol=1e-6, rtol=1e-6, what=f"bits={bits}: output")


def expected_bytes(linear: nn.Linear, bits: int, group_size: int) -> int:
    """Stored bytes of the quantized copy of `linear`: the formula of the lesson."""
    out_features, in_features = linear.weight.shape
    bias = 4 * out_features if linear.bias is not None else 0
    if bits == 8:
        return out_features * in_features + 4 * out_features + bias
    return (
        out_features * math.ceil(in_features / 2)
        + 4 * out_features * math.ceil(in_features / group_size)
        + bias
    )


@pytest.mark.task("8.6")
@pytest.mark.points(2)  # each of the two cases
@pytest.mark.parametrize("bits, group_size, factor", [(8, 64, 3.8), (4, 32, 6.0)])
def test_memory_falls_by_the_expected_factor(bits, group_size, factor):
    """The report: float bytes before, buffer bytes after (the formula): 3.8x less for int8, 6x for int4."""
    model = build(lambda: TinyGPT(GPTConfig()), 5)
    linears = {name: module for name, module in model.named_modules() if isinstance(module, nn.Linear)}
    before = sum(4 * p.numel() for module in linears.values() for p in module.parameters())
    after = sum(expected_bytes(module, bits, group_size) for module in linears.values())
    report = quantized_linear.quantize_model(model, bits=bits, group_size=group_size)
    assert report.layers == len(linears) == 17, (
        f"report.layers is {report.layers}, the tiny GPT has {len(linears)}"
    )
    assert report.bytes_before == before, (
        f"bytes_before {report.bytes_before}, the float weights and biases take {before}"
    )
    stored = sum(
        t.numel() * t.element_size()
        for name in linears
        for t in (
            model.get_submodule(name).weight_q,
            model.get_submodule(name).scales,
            model.get_submodule(name).bias,
        )
        if t is not None
    )
    assert report.bytes_after == stored == after, (
        f"bytes_after {report.bytes_after}; the buffers take {stored}; the formula says {after}"
    )
    assert before / after >= factor, f"{before / after:.2f}x less memory, expected at least {factor}x"


@pytest.mark.task("8.6")
@pytest.mark.points(2)
def test_every_linear_layer_is_replaced_and_nothing_else():
    """int8 and int4: the 4 linear layers of each block and the head are replaced; embeddings, norms stay."""
    original = build(lambda: TinyGPT(SMALL), 6)
    linear_names = [name for name, module in original.named_modules() if isinstance(module, nn.Linear)]
    kept = {name: p for name, p in original.named_parameters() if "norm" in name or "embedding" in name}
    ids = shared.token_ids((2, SMALL.context_length), SMALL.vocab_size, 6)
    for bits in (8, 4):
        model = copy.deepcopy(original)
        quantized_linear.quantize_model(model, bits=bits, group_size=8)
        for name in linear_names:
            module = model.get_submodule(name)
            assert isinstance(module, quantized_linear.QuantizedLinear), (
                f"bits={bits}: {name} is a {type(module).__name__}"
            )
        leftovers = [name for name, module in model.named_modules() if isinstance(module, nn.Linear)]
        assert not leftovers, f"bits={bits}: still nn.Linear: {leftovers}"
        for name, parameter in kept.items():
            assert torch.equal(model.get_parameter(name), parameter), (
                f"{name} changed; only linear layers are quantized"
            )
        with torch.no_grad():
            assert torch.isfinite(model(ids)).all(), (
                f"bits={bits}: the quantized model's logits are not finite"
            )


@functools.cache
def validation_windows() -> torch.Tensor:
    """The first KL_WINDOWS windows of KL_LENGTH tokens of the held-out documentation."""
    stream = text.token_stream("validation")
    return stream[: KL_WINDOWS * KL_LENGTH].view(KL_WINDOWS, KL_LENGTH)


@functools.cache
def course_model_log_probabilities() -> torch.Tensor:
    with torch.no_grad():
        return F.log_softmax(checkpoint.load()(validation_windows()).double(), dim=-1)


def assert_close_to_the_float_model(bits: int) -> None:
    """Mean KL(float || quantized) per token of the course model on held-out text (int4: groups of 64)."""
    model = checkpoint.load()
    quantized_linear.quantize_model(model, bits=bits, group_size=64)
    expected = course_model_log_probabilities()
    with torch.no_grad():
        got = F.log_softmax(model(validation_windows()).double(), dim=-1)
    kl = (expected.exp() * (expected - got)).sum(dim=-1).mean().item()
    assert kl < KL_LIMITS[bits], (
        f"int{bits}: the next-token distribution is {kl:.3g} nats (mean KL) from the float model's; "
        f"the limit is {KL_LIMITS[bits]:g}"
    )


@pytest.mark.task("8.6")
@pytest.mark.points(2)
def test_the_int8_course_model_predicts_almost_the_same():
    """On held-out documentation, the int8 course model's next-token distribution: mean KL < 1e-3."""
    assert_close_to_the_float_model(8)


@pytest.mark.task("8.6")
@pytest.mark.points(2)
def test_the_int4_course_model_predicts_almost_the_same():
    """On held-out documentation, the int4 course model (groups of 64): mean KL from the float one < 0.1."""
    assert_close_to_the_float_model(4)
