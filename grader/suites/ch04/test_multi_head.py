"""Task 4.3 (hidden) — `CausalSelfAttention`: head layout, and the same outputs and gradients as
the reference with the same weights (copied with `load_state_dict`).

An independent oracle recomputes the module from its weights with torch's own attention.
"""

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.checks import assert_equal
from grader.loader import implementation
from grader.suites import strategies
from grader.suites.ch04 import shared

multi_head = implementation("ch04.multi_head")

CAUSALITY_TOLERANCE = {"atol": 1e-12, "rtol": 0.0}


@st.composite
def modules(draw, dtypes=shared.dtypes, max_len=20):
    """(reference module, learner module with the same weights, input x (B, T, C))."""
    d_model, n_heads = draw(strategies.model_shapes())
    bias = draw(st.booleans())
    dtype = draw(dtypes)
    seed = draw(shared.seeds)
    batch, time = draw(st.integers(1, 3)), draw(st.one_of(st.integers(1, 3), st.integers(1, max_len)))
    expected, actual = shared.reference_and_learner(
        lambda: shared.reference("multi_head").CausalSelfAttention(d_model, n_heads, bias=bias),
        lambda: multi_head.CausalSelfAttention(d_model, n_heads, bias=bias),
        seed,
        dtype,
    )
    return expected, actual, shared.tensor((batch, time, d_model), seed + 1, dtype)


def oracle(module, x: torch.Tensor) -> torch.Tensor:
    """The module recomputed from its weights: head h owns channels h*D .. h*D+D-1 of q, k and v."""
    batch, time, channels = x.shape
    heads = module.n_heads
    q, k, v = F.linear(x, module.qkv.weight, module.qkv.bias).split(channels, dim=-1)

    def split(t):
        return t.reshape(batch, time, heads, channels // heads).permute(0, 2, 1, 3)

    out = F.scaled_dot_product_attention(split(q), split(k), split(v), is_causal=True)
    return F.linear(
        out.permute(0, 2, 1, 3).reshape(batch, time, channels), module.proj.weight, module.proj.bias
    )


@pytest.mark.task("4.3")
@pytest.mark.points(3)
@given(strategies.model_shapes(), st.integers(1, 3), st.integers(1, 6))
def test_split_heads_gives_head_h_its_own_channels(shape, batch, time):
    """split_heads: (B, T, C) -> (B, H, T, D) with out[b, h, t, d] = x[b, t, h*D + d]."""
    d_model, n_heads = shape
    module = multi_head.CausalSelfAttention(d_model, n_heads)
    x = torch.arange(batch * time * d_model, dtype=torch.float32).reshape(batch, time, d_model)
    expected = x.reshape(batch, time, n_heads, d_model // n_heads).permute(0, 2, 1, 3)
    got = module.split_heads(x)
    assert tuple(got.shape) == tuple(expected.shape), f"shape {tuple(got.shape)}, expected (B, H, T, D)"
    assert_equal(got, expected)


@pytest.mark.task("4.3")
@pytest.mark.points(3)
@given(strategies.model_shapes(), st.integers(1, 3), st.integers(1, 6))
def test_merge_heads_puts_heads_side_by_side(shape, batch, time):
    """merge_heads: (B, H, T, D) -> (B, T, C), out[b, t, h*D + d] = y[b, h, t, d]; it inverts split_heads."""
    d_model, n_heads = shape
    module = multi_head.CausalSelfAttention(d_model, n_heads)
    head_dim = d_model // n_heads
    y = torch.arange(batch * n_heads * time * head_dim, dtype=torch.float32).reshape(
        batch, n_heads, time, head_dim
    )
    expected = y.permute(0, 2, 1, 3).reshape(batch, time, d_model)
    got = module.merge_heads(y)
    assert tuple(got.shape) == (batch, time, d_model), f"shape {tuple(got.shape)}, expected (B, T, C)"
    assert_equal(got, expected)
    x = torch.randn(batch, time, d_model)
    assert_equal(module.merge_heads(module.split_heads(x)), x, what="merge_heads(split_heads(x))")


@pytest.mark.task("4.3")
@pytest.mark.points(5)
@settings(max_examples=30)  # two modules per example: keep the suite fast
@given(modules(dtypes=st.just(torch.float64)))
def test_matches_the_reference_in_float64(case):
    """With the reference's weights, the same output within 1e-10 (any head count, with and without bias)."""
    expected, actual, x = case
    shared.assert_matches(actual(x), expected(x), x.dtype, "output")


@pytest.mark.task("4.3")
@pytest.mark.points(3)
@settings(max_examples=30)  # two modules per example: keep the suite fast
@given(modules(dtypes=st.just(torch.float32)))
def test_matches_the_reference_in_float32(case):
    """In float32: the same output within 1e-4, still float32."""
    expected, actual, x = case
    shared.assert_matches(actual(x), expected(x), x.dtype, "output")


@pytest.mark.task("4.3")
@pytest.mark.points(3)
@settings(max_examples=30)  # two modules per example: keep the suite fast
@given(modules(dtypes=st.just(torch.float64)))
def test_matches_torch_attention_with_the_same_weights(case):
    """Recomputed from the module's own weights with torch's attention: the same output."""
    _, actual, x = case
    with torch.no_grad():
        expected = oracle(actual, x)
    shared.assert_matches(actual(x), expected, x.dtype, "output")


@pytest.mark.task("4.3")
@pytest.mark.points(3)
@settings(max_examples=30)  # two modules per example: keep the suite fast
@given(modules(dtypes=st.just(torch.float64)), st.data())
def test_the_future_never_changes_the_past(case, data):
    """Changing the input after position t leaves every output at positions <= t unchanged."""
    _, actual, x = case
    time = x.shape[1]
    cut = data.draw(st.integers(0, time - 1), label="last unchanged position")
    changed = x.clone()
    changed[:, cut + 1 :] = shared.tensor(
        tuple(changed[:, cut + 1 :].shape), data.draw(shared.seeds), scale=5.0
    )
    shared.assert_close(actual(changed)[:, : cut + 1], actual(x)[:, : cut + 1], **CAUSALITY_TOLERANCE)


@pytest.mark.task("4.3")
@pytest.mark.points(2)
@settings(max_examples=30)  # two modules per example: keep the suite fast
@given(modules(dtypes=st.just(torch.float64)), st.randoms(use_true_random=False))
def test_renumbering_the_heads_in_the_weights_changes_nothing(case, rng):
    """Moving head h's rows of q, k, v and its columns of the projection to another slot: same output."""
    _, actual, x = case
    d_model, n_heads = x.shape[-1], actual.n_heads
    head_dim = d_model // n_heads
    order = list(range(n_heads))
    rng.shuffle(order)
    channels = torch.cat([torch.arange(h * head_dim, (h + 1) * head_dim) for h in order])
    rows = torch.cat([channels, channels + d_model, channels + 2 * d_model])
    expected = actual(x)
    with torch.no_grad():
        actual.qkv.weight.copy_(actual.qkv.weight[rows])
        if actual.qkv.bias is not None:
            actual.qkv.bias.copy_(actual.qkv.bias[rows])
        actual.proj.weight.copy_(actual.proj.weight[:, channels])
    shared.assert_close(actual(x), expected, **shared.F64_TOLERANCE)


@pytest.mark.task("4.3")
@pytest.mark.points(3)
@settings(max_examples=30)  # two modules per example: keep the suite fast
@given(modules(dtypes=st.just(torch.float64), max_len=12))
def test_gradients_match_the_reference(case):
    """Backpropagating through the module gives the reference's gradients for the input and every weight."""
    expected, actual, x = case
    ours, theirs = x.clone().requires_grad_(), x.clone().requires_grad_()
    upstream = shared.tensor(tuple(x.shape), 5)
    (actual(ours) * upstream).sum().backward()
    (expected(theirs) * upstream).sum().backward()
    assert ours.grad is not None, "no gradient reached the input"
    shared.assert_close(ours.grad, theirs.grad, **shared.F64_TOLERANCE)
    reference_parameters = dict(expected.named_parameters())
    for name, parameter in actual.named_parameters():
        assert parameter.grad is not None, f"no gradient reached {name}"
        shared.assert_close(
            parameter.grad, reference_parameters[name].grad, **shared.F64_TOLERANCE, what=name
        )
