"""Task 8.1 — the KV cache and the incremental forward pass."""

import pytest
import torch

from grader.checks import assert_close, assert_equal
from grader.loader import implementation
from llmdd.gpt import GPTConfig, TinyGPT

kv = implementation("ch08.kv_cache")
task = pytest.mark.task("8.1")
EXACT = {"atol": 1e-9, "rtol": 0.0}  # a float64 model: cached and full logits agree to ~1e-15

CONFIG = GPTConfig(vocab_size=20, context_length=16, d_model=12, n_heads=3, n_layers=2)


def tiny_gpt():
    torch.manual_seed(0)
    model = TinyGPT(CONFIG).double().eval()
    with torch.no_grad():  # larger weights than GPT-2's init, so that logits differ per position
        for parameter in model.parameters():
            parameter.add_(0.3 * torch.randn_like(parameter))
    return model


@task
def test_the_cache_is_preallocated():
    """keys[i] and values[i] are (B, H, max_len, D) from the start; length starts at 0."""
    cache = kv.KVCache(n_layers=2, batch_size=3, n_heads=4, head_dim=5, max_len=7)
    assert len(cache.keys) == len(cache.values) == 2
    assert tuple(cache.keys[1].shape) == tuple(cache.values[1].shape) == (3, 4, 7, 5)
    assert cache.length == 0


@task
def test_mask_is_aligned_bottom_right():
    """Two queries over five keys: the first sees keys 0..3, the second all five."""
    expected = torch.tensor([[1, 1, 1, 1, 0], [1, 1, 1, 1, 1]], dtype=torch.bool)
    assert_equal(kv.causal_mask(2, 5), expected)


@task
def test_prefill_then_one_token_at_a_time_matches_the_full_forward():
    """Prompt of 5, then 4 single tokens: every step's logits equal the full model's."""
    model, ids = tiny_gpt(), torch.randint(0, 20, (2, 9))
    full = model(ids)
    cache = kv.KVCache.for_model(model, batch_size=2)
    with torch.no_grad():
        assert_close(kv.forward_with_cache(model, ids[:, :5], cache), full[:, :5], **EXACT)
        for t in range(5, 9):
            assert_close(kv.forward_with_cache(model, ids[:, t : t + 1], cache), full[:, t : t + 1], **EXACT)
    assert cache.length == 9


@task
def test_steps_of_several_tokens_match_the_full_forward():
    """Steps of 3, 2 and 4 tokens: the mask of each step must be offset by the cache's length."""
    model, ids = tiny_gpt(), torch.randint(0, 20, (1, 9))
    full = model(ids)
    cache = kv.KVCache.for_model(model)
    with torch.no_grad():
        for start, end in ((0, 3), (3, 5), (5, 9)):
            assert_close(kv.forward_with_cache(model, ids[:, start:end], cache), full[:, start:end], **EXACT)


@task
def test_reset_starts_again_at_position_zero():
    """After reset, a new sequence gives the same logits as in a fresh cache."""
    model, ids = tiny_gpt(), torch.randint(0, 20, (1, 6))
    cache = kv.KVCache.for_model(model)
    with torch.no_grad():
        kv.forward_with_cache(model, torch.randint(0, 20, (1, 7)), cache)
        cache.reset()
        assert cache.length == 0
        assert_close(kv.forward_with_cache(model, ids, cache), model(ids), **EXACT)


@task
def test_a_full_cache_raises_value_error():
    """max_len 4: 3 tokens fit, 2 more do not (ValueError), and the cache still holds 3."""
    model = tiny_gpt()
    cache = kv.KVCache.for_model(model, max_len=4)
    with torch.no_grad():
        kv.forward_with_cache(model, torch.randint(0, 20, (1, 3)), cache)
        with pytest.raises(ValueError):
            kv.forward_with_cache(model, torch.randint(0, 20, (1, 2)), cache)
    assert cache.length == 3
