"""Task 8.2: the first new token is chosen from the prefill's logits at position 0, not the last.

`choose(logits[:, 0])` after the prefill: for a one-token prompt that is the same thing, for
any longer prompt the first new token answers the prompt's first token, and everything after
it follows from there. (Later steps feed one token, where position 0 is the last one.)
"""
# ruff: noqa: F821


@torch.no_grad()
def generate_with_cache(model, prompt_ids, max_new_tokens, choose=greedy):
    batch, prompt_length = prompt_ids.shape
    total = prompt_length + max_new_tokens
    if total > model.config.context_length:
        raise ValueError(f"{prompt_length} + {max_new_tokens} tokens exceed the context length")
    cache = KVCache.for_model(model, batch, max_len=total)
    logits = forward_with_cache(model, prompt_ids, cache)
    ids = prompt_ids
    for _ in range(max_new_tokens):
        next_ids = choose(logits[:, 0]).to(ids.dtype)
        ids = torch.cat([ids, next_ids.unsqueeze(1)], dim=1)
        logits = forward_with_cache(model, next_ids.unsqueeze(1), cache)
    return ids
