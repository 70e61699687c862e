"""Task 8.1 (hidden) — the incremental forward pass against the given model's full forward pass
(float64, 1e-9 allowed; see `shared`): every step's logits for any prompt length and any step
sizes, the keys and values stored at their positions, reset, the full-cache error, the mask.
Speed and memory of a decoding step are in test_performance.py.
"""

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites.ch08 import shared

kv = implementation("ch08.kv_cache")

models = st.tuples(st.sampled_from(shared.CONFIGS), st.sampled_from(shared.MODEL_SEEDS))
step_sizes = st.lists(st.one_of(st.just(1), st.integers(1, 5)), max_size=10)


def run_steps(model, ids, steps, cache, start=0, what=""):
    """Feed ids[:, start:] in `steps`, checking each step's logits and the cache's length."""
    expected = shared.full_logits(model, ids)
    with torch.no_grad():
        for size in steps:
            end = start + size
            got = kv.forward_with_cache(model, ids[:, start:end], cache)
            shared.assert_close(
                got, expected[:, start:end], **shared.CACHE_TOLERANCE,
                what=f"{what}logits of {size} token(s) at positions {start}..{end - 1} (steps {steps})",
            )  # fmt: skip
            assert cache.length == end, (
                f"after a step of {size} token(s) ending at position {end - 1}, cache.length is "
                f"{cache.length}, expected {end}: it must advance by one per token"
            )
            start = end


@st.composite
def step_plans(draw):
    """(model, ids, steps, max_len): a prompt of 1-12 tokens, then steps of 1-5 tokens within the context."""
    config, seed = draw(models)
    steps = [draw(st.integers(1, 12))]
    for size in draw(step_sizes):
        if sum(steps) + size <= config.context_length:
            steps.append(size)
    batch = draw(st.integers(1, 3))
    ids = shared.token_ids((batch, sum(steps)), config.vocab_size, draw(shared.seeds))
    max_len = draw(st.sampled_from((None, sum(steps))))  # the context length, or exactly full at the end
    return shared.tiny_gpt(config, seed), ids, steps, max_len


@pytest.mark.task("8.1")
@pytest.mark.points(6)
@given(step_plans())
def test_incremental_logits_match_the_full_forward(plan):
    """A prefill, then steps of 1-5 tokens (batch 1-3, 1-3 layers): each step matches the full forward."""
    model, ids, steps, max_len = plan
    cache = kv.KVCache.for_model(model, batch_size=ids.shape[0], max_len=max_len)
    run_steps(model, ids, steps, cache)


@pytest.mark.task("8.1")
@pytest.mark.points(4)
def test_every_prompt_length_then_one_token_at_a_time():
    """Prompts of 1..24 tokens, then single tokens up to the context length: every step matches."""
    model = shared.tiny_gpt()
    context = model.config.context_length
    ids = shared.token_ids((2, context), model.config.vocab_size, 5)
    for prompt_length in range(1, context + 1):
        cache = kv.KVCache.for_model(model, batch_size=2)
        steps = [prompt_length] + [1] * (context - prompt_length)
        run_steps(model, ids, steps, cache, what=f"prompt of {prompt_length}: ")


@pytest.mark.task("8.1")
@pytest.mark.points(3)
@given(models, st.integers(1, 3), shared.seeds)
def test_the_cache_holds_each_layers_keys_and_values_at_their_positions(model_key, batch, seed):
    """After each step, keys[i][:, :, :length] and values[i] hold layer i's k and v of the full forward."""
    model = shared.tiny_gpt(*model_key)
    config = model.config
    steps = [5, 1, 3, 1, 1]
    ids = shared.token_ids((batch, sum(steps)), config.vocab_size, seed)
    expected = shared.keys_and_values(model, ids)
    max_len = sum(steps) + 2
    head_dim = config.d_model // config.n_heads
    cache = kv.KVCache.for_model(model, batch_size=batch, max_len=max_len)
    length = 0
    with torch.no_grad():
        for size in steps:
            kv.forward_with_cache(model, ids[:, length : length + size], cache)
            length += size
            for layer, (keys, values) in enumerate(expected):
                for name, stored, oracle in (("keys", cache.keys, keys), ("values", cache.values, values)):
                    assert tuple(stored[layer].shape) == (batch, config.n_heads, max_len, head_dim), (
                        f"{name}[{layer}] has shape {tuple(stored[layer].shape)}; the cache is preallocated "
                        f"to (B, H, max_len, D) = {(batch, config.n_heads, max_len, head_dim)} and keeps it"
                    )
                    shared.assert_close(
                        stored[layer][:, :, :length], oracle[:, :, :length], **shared.CACHE_TOLERANCE,
                        what=f"{name}[{layer}] at positions 0..{length - 1}",
                    )  # fmt: skip


@pytest.mark.task("8.1")
@pytest.mark.points(2)
@settings(max_examples=30)
@given(models, st.integers(2, 24), st.data())
def test_reset_starts_a_new_sequence_at_position_zero(model_key, first_length, data):
    """After a (possibly full) sequence, reset: length 0; a shorter new sequence matches the full forward."""
    model = shared.tiny_gpt(*model_key)
    vocab = model.config.vocab_size
    cache = kv.KVCache.for_model(model, batch_size=2, max_len=first_length)
    with torch.no_grad():
        kv.forward_with_cache(model, shared.token_ids((2, first_length), vocab, first_length), cache)
    for attempt in range(2):
        cache.reset()
        assert cache.length == 0, f"after reset, cache.length is {cache.length}, expected 0"
        second = data.draw(st.integers(1, first_length), label="new length")
        steps = [data.draw(st.integers(1, second), label="prompt")]
        steps += [1] * (second - steps[0])
        ids = shared.token_ids((2, second), vocab, data.draw(shared.seeds, label="seed"))
        run_steps(model, ids, steps, cache, what=f"after reset {attempt + 1}: ")


@pytest.mark.task("8.1")
@pytest.mark.points(3)
@given(models, st.integers(1, 20), st.data())
def test_a_full_cache_raises_value_error_and_is_left_unchanged(model_key, max_len, data):
    """A step that does not fit raises ValueError; length, keys and values stay; the cache still works."""
    model = shared.tiny_gpt(*model_key)
    filled = data.draw(st.integers(0, max_len), label="filled")
    too_many = data.draw(st.integers(max_len - filled + 1, max_len - filled + 4), label="step")
    ids = shared.token_ids((1, max_len + 4), model.config.vocab_size, data.draw(shared.seeds, label="seed"))
    cache = kv.KVCache.for_model(model, max_len=max_len)
    with torch.no_grad():
        if filled:
            kv.forward_with_cache(model, ids[:, :filled], cache)
        snapshot = [t.clone() for t in cache.keys + cache.values]
        with pytest.raises(ValueError):
            kv.forward_with_cache(model, ids[:, filled : filled + too_many], cache)
    assert cache.length == filled, (
        f"a step of {too_many} token(s) into a cache holding {filled} of {max_len} raised, but "
        f"cache.length became {cache.length}: a failed step must leave the cache as it was"
    )
    for index, (before, after) in enumerate(zip(snapshot, cache.keys + cache.values)):
        assert torch.equal(before, after), (
            f"a failed step changed the cache's {'keys' if index < len(cache.keys) else 'values'}: check "
            "that the step fits before writing anything"
        )
    if filled < max_len:  # what still fits still works
        run_steps(model, ids[:, :max_len], [max_len - filled], cache, start=filled, what="after the error: ")


@pytest.mark.task("8.1")
@pytest.mark.points(2)
@given(st.integers(1, 40), st.data())
def test_causal_mask_is_aligned_bottom_right(kv_len, data):
    """causal_mask(q_len, kv_len) is bool (q_len, kv_len), True exactly where j <= kv_len - q_len + i."""
    q_len = data.draw(st.integers(1, kv_len), label="q_len")
    got = kv.causal_mask(q_len, kv_len)
    expected = torch.ones(q_len, kv_len, dtype=torch.bool).tril(kv_len - q_len)
    assert isinstance(got, torch.Tensor) and got.dtype == torch.bool, f"expected a bool tensor, got {got!r}"
    assert tuple(got.shape) == (q_len, kv_len), f"shape {tuple(got.shape)}, expected {(q_len, kv_len)}"
    assert torch.equal(got, expected), (
        f"q_len={q_len}, kv_len={kv_len}:\n{got.int()}\nexpected\n{expected.int()}"
    )
