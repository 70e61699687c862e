"""Task 8.2: generate_with_cache calls the uncached loop: the right tokens, and no cache.

The tokens are exactly right (it is the loop they are compared with), but every step runs the
whole sequence through the model again: P·N + N(N-1)/2 token positions instead of P + N - 1.
"""
# ruff: noqa: F821


def generate_with_cache(model, prompt_ids, max_new_tokens, choose=greedy):
    if prompt_ids.shape[1] + max_new_tokens > model.config.context_length:
        raise ValueError("prompt and new tokens exceed the context length")
    return generate_without_cache(model, prompt_ids, max_new_tokens, choose)
