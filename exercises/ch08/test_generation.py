"""Task 8.2 — generation with the cache gives the same tokens as generation without it."""

import pytest
import torch

from grader.checks import assert_equal
from grader.loader import implementation
from llmdd.gpt import GPTConfig, TinyGPT

gen = implementation("ch08.generation")
task = pytest.mark.task("8.2")


def tiny_gpt():
    torch.manual_seed(0)
    model = TinyGPT(GPTConfig(vocab_size=20, context_length=32, d_model=12, n_heads=3, n_layers=2))
    with torch.no_grad():
        for parameter in model.parameters():
            parameter.add_(0.3 * torch.randn_like(parameter))
    return model.double().eval()


@task
def test_greedy_tokens_match_the_uncached_loop():
    """Greedy, batch 2, prompt 5, 12 new tokens: identical to generate_without_cache."""
    model, prompt = tiny_gpt(), torch.randint(0, 20, (2, 5))
    got = gen.generate_with_cache(model, prompt, 12)
    assert tuple(got.shape) == (2, 17)
    assert_equal(got, gen.generate_without_cache(model, prompt, 12))


@task
def test_sampled_tokens_match_the_uncached_loop():
    """A seeded sampler draws the same tokens with and without the cache."""
    model, prompt = tiny_gpt(), torch.randint(0, 20, (3, 4))
    cached = gen.generate_with_cache(model, prompt, 15, gen.sampler(torch.Generator().manual_seed(7)))
    plain = gen.generate_without_cache(model, prompt, 15, gen.sampler(torch.Generator().manual_seed(7)))
    assert_equal(cached, plain)


@task
def test_choose_is_called_once_per_new_token():
    """`choose` gets (B, V) logits, exactly max_new_tokens times; the prompt is kept as it was."""
    model, prompt = tiny_gpt(), torch.randint(0, 20, (2, 3))
    shapes = []

    def choose(logits):
        shapes.append(tuple(logits.shape))
        return torch.zeros(logits.shape[0], dtype=torch.long)

    got = gen.generate_with_cache(model, prompt, 6, choose)
    assert shapes == [(2, 20)] * 6
    assert_equal(got[:, :3], prompt, what="the prompt")
    assert_equal(got[:, 3:], torch.zeros(2, 6, dtype=torch.long), what="the new tokens")
