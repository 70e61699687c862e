"""Task 8.2 (hidden) — generation with the cache against generation without it, written out in
`shared.generate_oracle` on the given model (float64, so no near-ties): the same tokens greedy
and sampled with a seeded generator, `choose` given the right logits once per new token, each
token run through the model once, and the context length enforced.
"""

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites.ch08 import shared

generation = implementation("ch08.generation")


@st.composite
def generation_cases(draw):
    """(model, prompt (B, P), new tokens): batch 1-3, prompt 1-10, up to the context length."""
    model = shared.tiny_gpt(draw(st.sampled_from(shared.CONFIGS)), draw(st.sampled_from(shared.MODEL_SEEDS)))
    batch, prompt_length = draw(st.integers(1, 3)), draw(st.integers(1, 10))
    new_tokens = draw(st.integers(1, model.config.context_length - prompt_length))
    prompt = shared.token_ids((batch, prompt_length), model.config.vocab_size, draw(shared.seeds))
    return model, prompt, new_tokens


def assert_same_tokens(got, expected, what):
    assert isinstance(got, torch.Tensor), f"{what}: expected a tensor, got {type(got).__name__}"
    assert tuple(got.shape) == tuple(expected.shape), (
        f"{what}: shape {tuple(got.shape)}, expected {tuple(expected.shape)}"
    )
    assert torch.equal(got, expected), f"{what}:\ngot      {got.tolist()}\nexpected {expected.tolist()}"


@pytest.mark.task("8.2")
@pytest.mark.points(4)
@settings(max_examples=40)
@given(generation_cases())
def test_greedy_tokens_match_generation_without_a_cache(case):
    """Greedy (the default), batch 1-3, prompts of 1-10, up to the context: the uncached loop's tokens."""
    model, prompt, new_tokens = case
    got = generation.generate_with_cache(model, prompt, new_tokens)
    expected = shared.generate_oracle(model, prompt, new_tokens, shared.greedy)
    assert_same_tokens(got, expected, f"prompt of {prompt.shape[1]}, {new_tokens} new tokens")


@pytest.mark.task("8.2")
@pytest.mark.points(4)
@settings(max_examples=40)
@given(generation_cases(), shared.seeds, st.sampled_from((0.7, 1.0, 1.5)))
def test_sampled_tokens_match_generation_without_a_cache(case, seed, temperature):
    """A choose drawing with a seeded generator gives the uncached loop's tokens with the same seed."""
    model, prompt, new_tokens = case
    got = generation.generate_with_cache(model, prompt, new_tokens, shared.seeded_sampler(seed, temperature))
    expected = shared.generate_oracle(model, prompt, new_tokens, shared.seeded_sampler(seed, temperature))
    assert_same_tokens(got, expected, f"sampled at temperature {temperature}, {new_tokens} new tokens")


@pytest.mark.task("8.2")
@pytest.mark.points(2)
def test_choose_gets_the_last_positions_logits_once_per_new_token():
    """choose is called once per new token with (B, V): the full forward's logits at the last position."""
    model = shared.tiny_gpt(shared.CONFIGS[2], 1)
    prompt = shared.token_ids((3, 4), model.config.vocab_size, 11)
    seen = []

    def choose(logits):
        seen.append(logits.detach().clone())
        return shared.seeded_sampler(len(seen))(logits)

    got = generation.generate_with_cache(model, prompt, 9, choose)
    assert len(seen) == 9, f"choose was called {len(seen)} times for 9 new tokens"
    expected = shared.full_logits(model, got)
    for step, logits in enumerate(seen):
        shared.assert_close(
            logits, expected[:, 3 + step], **shared.CACHE_TOLERANCE,
            what=f"logits given to choose for new token {step + 1}",
        )  # fmt: skip
    calls = []
    unchanged = generation.generate_with_cache(model, prompt, 0, lambda logits: calls.append(1))
    assert_same_tokens(unchanged, prompt, "0 new tokens")
    assert not calls, "with 0 new tokens, choose must not be called"


@pytest.mark.task("8.2")
@pytest.mark.points(2)  # each of the two cases
@pytest.mark.parametrize("prompt_length, new_tokens", [(8, 16), (1, 23)])
def test_each_token_goes_through_the_model_once(prompt_length, new_tokens):
    """Generating N tokens after P embeds at most P + N tokens in all (the uncached loop: P·N + N(N-1)/2)."""
    model = shared.tiny_gpt()
    prompt = shared.token_ids((2, prompt_length), model.config.vocab_size, prompt_length)
    counter, hook = shared.counting_embedded_tokens(model)
    try:
        got = generation.generate_with_cache(model, prompt, new_tokens)
    finally:
        hook.remove()
    embedded = counter[0] // prompt.shape[0]  # per row
    assert embedded <= prompt_length + new_tokens, (
        f"{new_tokens} tokens after a prompt of {prompt_length} ran {embedded} tokens (per row) through the "
        f"model; with the cache it takes {prompt_length + new_tokens - 1}: prefill the prompt once, then "
        "feed only the newest token"
    )
    expected = shared.generate_oracle(model, prompt, new_tokens, shared.greedy)
    assert_same_tokens(got, expected, "greedy tokens")


@pytest.mark.task("8.2")
@pytest.mark.points(1)
def test_the_context_length_is_enforced_and_can_be_filled():
    """Prompt + new tokens == context_length works; one more raises ValueError."""
    model = shared.tiny_gpt(shared.CONFIGS[1], 0)
    context = model.config.context_length
    for prompt_length in (1, 10, context - 1):
        prompt = shared.token_ids((2, prompt_length), model.config.vocab_size, prompt_length)
        got = generation.generate_with_cache(model, prompt, context - prompt_length)
        expected = shared.generate_oracle(model, prompt, context - prompt_length, shared.greedy)
        assert_same_tokens(got, expected, f"prompt of {prompt_length} filled to the context length {context}")
        with pytest.raises(ValueError):
            generation.generate_with_cache(model, prompt, context - prompt_length + 1)
