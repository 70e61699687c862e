"""Task 4.4 (hidden) — `Block` and `TinyGPT` with the reference's weights (copied with
`load_state_dict`): the same outputs, logits and gradients; causal; positions matter; the
context length is enforced.
"""

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites import strategies
from grader.suites.ch04 import shared

model = implementation("ch04.model")

FLOAT64 = st.just(torch.float64)
CAUSALITY_TOLERANCE = {"atol": 1e-12, "rtol": 0.0}


@st.composite
def configs(draw, max_layers=3, max_context=16, min_d_model=1):
    """A small `GPTConfig` as keyword arguments: odd head sizes, one to three layers."""
    d_model, n_heads = draw(strategies.model_shapes().filter(lambda shape: shape[0] >= min_d_model))
    return {
        "vocab_size": draw(st.integers(2, 50)),
        "context_length": draw(st.integers(1, max_context)),
        "d_model": d_model,
        "n_heads": n_heads,
        "n_layers": draw(st.integers(1, max_layers)),
        "mlp_ratio": draw(st.integers(1, 4)),
    }


def blocks(config: dict, seed: int, dtype: torch.dtype):
    """Reference `Block` with random weights and the learner's `Block` with the same weights."""
    return shared.reference_and_learner(
        lambda: shared.reference("model").Block(shared.reference("model").GPTConfig(**config)),
        lambda: model.Block(model.GPTConfig(**config)),
        seed,
        dtype,
    )


def gpts(config: dict, seed: int, dtype: torch.dtype = torch.float64):
    """Reference `TinyGPT` with random weights and the learner's `TinyGPT` with the same weights."""
    return shared.reference_and_learner(
        lambda: shared.reference("model").TinyGPT(shared.reference("model").GPTConfig(**config)),
        lambda: model.TinyGPT(model.GPTConfig(**config)),
        seed,
        dtype,
    )


@st.composite
def gpt_cases(draw, dtypes=FLOAT64, **config_options):
    """(reference TinyGPT, learner TinyGPT, ids (B, T)) with 1 <= T <= context_length."""
    config = draw(configs(**config_options))
    expected, actual = gpts(config, draw(shared.seeds), draw(dtypes))
    batch = draw(st.integers(1, 3))
    time = draw(st.integers(1, config["context_length"]))
    generator = torch.Generator().manual_seed(draw(shared.seeds))
    ids = torch.randint(0, config["vocab_size"], (batch, time), generator=generator)
    return expected, actual, ids


@st.composite
def block_cases(draw, dtypes):
    config = draw(configs())
    seed = draw(shared.seeds)
    dtype = draw(dtypes)
    expected, actual = blocks(config, seed, dtype)
    shape = (draw(st.integers(1, 3)), draw(st.integers(1, 20)), config["d_model"])
    return expected, actual, shared.tensor(shape, seed + 1, dtype)


@pytest.mark.task("4.4")
@pytest.mark.points(5)
@settings(max_examples=30)  # two blocks per example: keep the suite fast
@given(block_cases(dtypes=st.just(torch.float64)))
def test_block_matches_the_reference_in_float64(case):
    """Block (pre-norm: x + attention(norm1(x)), then x + mlp(norm2(x))): the reference's output, 1e-10."""
    expected, actual, x = case
    shared.assert_matches(actual(x), expected(x), x.dtype, "block output")


@pytest.mark.task("4.4")
@pytest.mark.points(3)
@settings(max_examples=30)  # two blocks per example: keep the suite fast
@given(block_cases(dtypes=st.just(torch.float32)))
def test_block_matches_the_reference_in_float32(case):
    """In float32: the same output within 1e-4, still float32."""
    expected, actual, x = case
    shared.assert_matches(actual(x), expected(x), x.dtype, "block output")


@pytest.mark.task("4.4")
@pytest.mark.points(5)
@settings(max_examples=20)  # a whole model per example: keep the suite fast
@given(gpt_cases())
def test_tiny_gpt_logits_match_the_reference_in_float64(case):
    """TinyGPT with the reference's weights: logits (B, T, vocab) within 1e-10, any T up to the context."""
    expected, actual, ids = case
    shared.assert_matches(actual(ids), expected(ids), torch.float64, "logits")


@pytest.mark.task("4.4")
@pytest.mark.points(3)
@settings(max_examples=20)  # a whole model per example: keep the suite fast
@given(gpt_cases(dtypes=st.just(torch.float32)))
def test_tiny_gpt_logits_match_the_reference_in_float32(case):
    """In float32 (the default): the same logits within 1e-4."""
    expected, actual, ids = case
    shared.assert_matches(actual(ids), expected(ids), torch.float32, "logits")


@pytest.mark.task("4.4")
@pytest.mark.points(2)
@given(configs(max_layers=1, max_context=12), st.integers(1, 3))
def test_sequences_longer_than_the_context_raise_value_error(config, extra):
    """T = context_length works; T > context_length raises ValueError (not the embedding's IndexError)."""
    gpt = shared.build(lambda: model.TinyGPT(model.GPTConfig(**config)), 0)
    longest = torch.zeros(2, config["context_length"], dtype=torch.long)
    assert tuple(gpt(longest).shape) == (2, config["context_length"], config["vocab_size"])
    with pytest.raises(ValueError):
        gpt(torch.zeros(2, config["context_length"] + extra, dtype=torch.long))


@pytest.mark.task("4.4")
@pytest.mark.points(4)
@settings(max_examples=20)  # a whole model per example: keep the suite fast
@given(gpt_cases(), st.data())
def test_the_future_never_changes_the_past(case, data):
    """Changing the tokens after position t leaves the logits at positions <= t unchanged."""
    _, actual, ids = case
    time, vocab = ids.shape[1], actual.config.vocab_size
    cut = data.draw(st.integers(0, time - 1), label="last unchanged position")
    changed = ids.clone()
    changed[:, cut + 1 :] = (changed[:, cut + 1 :] + data.draw(st.integers(1, 100))) % vocab
    shared.assert_close(actual(changed)[:, : cut + 1], actual(ids)[:, : cut + 1], **CAUSALITY_TOLERANCE)


@pytest.mark.task("4.4")
@pytest.mark.points(3)
@settings(max_examples=20)  # a whole model per example: keep the suite fast
@given(configs(min_d_model=4), shared.seeds, st.data())
def test_positions_matter(config, seed, data):
    """The same token repeated gets different logits at different positions (the position embedding)."""
    # (d_model >= 4: a LayerNorm over one channel maps everything to its bias, erasing positions)
    if config["context_length"] < 2:
        config = {**config, "context_length": 2}
    _, actual = gpts(config, seed)
    time = data.draw(st.integers(2, config["context_length"]), label="T")
    token = data.draw(st.integers(0, config["vocab_size"] - 1), label="token")
    with torch.no_grad():
        logits = actual(torch.full((1, time), token))[0]
    spread = (logits - logits[0]).abs().amax(dim=-1)[1:]  # how far each later position is from the first
    assert (spread > 1e-6).all(), (
        "a repeated token gets the same logits at two positions: add the position embedding"
    )


@pytest.mark.task("4.4")
@pytest.mark.points(2)
@settings(max_examples=20)  # a whole model per example: keep the suite fast
@given(gpt_cases())
def test_sequences_of_a_batch_do_not_mix(case):
    """Each sequence of the batch gets the logits it gets alone."""
    _, actual, ids = case
    together = actual(ids)
    for b in range(ids.shape[0]):
        shared.assert_close(together[b : b + 1], actual(ids[b : b + 1]), **shared.F64_TOLERANCE)


@pytest.mark.task("4.4")
@pytest.mark.points(3)
@settings(max_examples=20)  # a whole model per example: keep the suite fast
@given(gpt_cases(max_layers=2, max_context=12), shared.seeds)
def test_gradients_match_the_reference(case, seed):
    """The next-token loss backpropagates to every weight with the reference's gradients."""
    expected, actual, ids = case
    generator = torch.Generator().manual_seed(seed)
    targets = torch.randint(0, actual.config.vocab_size, tuple(ids.shape), generator=generator)
    for gpt in (actual, expected):
        logits = gpt(ids)
        F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1)).backward()
    reference_parameters = dict(expected.named_parameters())
    for name, parameter in actual.named_parameters():
        reference_grad = reference_parameters[name].grad
        if reference_grad is None:  # e.g. an embedding row of a position beyond T is still a zero gradient
            continue
        assert parameter.grad is not None, f"no gradient reached {name}"
        shared.assert_close(parameter.grad, reference_grad, **shared.F64_TOLERANCE, what=name)
