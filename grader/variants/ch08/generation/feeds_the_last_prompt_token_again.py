"""Task 8.2: the cache is seeded with the whole prompt, and then its last token is fed once more.

The loop is written "feed the last token, choose the next one" from the start, so the first
step feeds the prompt's last token again at position P: the cache then holds it twice, every
position after it is shifted by one, and no new token is the one the uncached loop picks.
"""
# ruff: noqa: F821


@torch.no_grad()
def generate_with_cache(model, prompt_ids, max_new_tokens, choose=greedy):
    batch, prompt_length = prompt_ids.shape
    if prompt_length + max_new_tokens > model.config.context_length:
        raise ValueError(f"{prompt_length} + {max_new_tokens} tokens exceed the context length")
    cache = KVCache.for_model(model, batch)
    forward_with_cache(model, prompt_ids, cache)
    ids = prompt_ids
    for _ in range(max_new_tokens):
        logits = forward_with_cache(model, ids[:, -1:], cache)
        ids = torch.cat([ids, choose(logits[:, -1]).unsqueeze(1).to(ids.dtype)], dim=1)
    return ids
