"""Task 8.1: behind the cache's API, every step runs the model over all tokens so far.

The "cache" keeps the token ids and each step returns the last T positions of `model(all ids)`:
exactly the right logits, the cache's length right, and no speed-up at all. Each step costs a
full forward pass over the prefix, growing with the context.
"""
# ruff: noqa: F821

_original_update = KVCache.update


def forward_with_cache(model, ids, cache):
    start, steps = cache.length, ids.shape[1]
    if start + steps > cache.max_len:
        raise ValueError(f"KV cache is full: {start} + {steps} positions > max_len={cache.max_len}")
    history = getattr(cache, "ids", None)
    cache.ids = ids if start == 0 or history is None else torch.cat([history[:, :start], ids], dim=1)
    for layer, (k, v) in enumerate(_keys_and_values(model, cache.ids)):  # fill the cache like a real one
        cache.keys[layer][:, :, : start + steps] = k
        cache.values[layer][:, :, : start + steps] = v
    cache.advance(steps)
    return model(cache.ids)[:, start:]


def _keys_and_values(model, ids):
    x = model.embed(ids)
    result = []
    for block in model.blocks:
        attention = block.attention
        q, k, v = (attention.split_heads(part) for part in attention.qkv(block.norm1(x)).chunk(3, dim=-1))
        result.append((k, v))
        heads = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + attention.proj(attention.merge_heads(heads))
        x = x + block.mlp(block.norm2(x))
    return result
