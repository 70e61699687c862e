"""Task 4.5: "blockwise" attention that first computes the whole T×T score matrix, then walks it in blocks.

The online softmax over key blocks is right and so is every output, but the full masked score
matrix (and a scaled copy of it) is built up front: the memory the task exists to avoid. Only
the memory test may fail it.
"""
# ruff: noqa: F821


def blockwise_attention(q, k, v, block_size=128):
    q_len, kv_len = q.shape[-2], k.shape[-2]
    if q_len > kv_len:
        raise ValueError(f"q_len={q_len} exceeds kv_len={kv_len}: queries must be the last positions")
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(q.shape[-1])  # (B, H, q_len, kv_len): all of it
    visible = torch.arange(kv_len).unsqueeze(0) <= torch.arange(q_len).unsqueeze(1) + (kv_len - q_len)
    scores.masked_fill_(~visible, float("-inf"))
    output = torch.empty_like(q)
    for q_start in range(0, q_len, block_size):
        rows = scores[..., q_start : q_start + block_size, :]
        running_max = torch.full((*rows.shape[:-1], 1), float("-inf"), dtype=q.dtype)
        running_sum = torch.zeros_like(running_max)
        accumulator = torch.zeros_like(q[..., q_start : q_start + block_size, :])
        for k_start in range(0, kv_len, block_size):
            tile = rows[..., k_start : k_start + block_size]
            new_max = torch.maximum(running_max, tile.amax(dim=-1, keepdim=True))
            correction = torch.exp(running_max - new_max)
            weights = torch.exp(tile - new_max)
            running_sum = running_sum * correction + weights.sum(dim=-1, keepdim=True)
            accumulator = accumulator * correction + weights @ v[..., k_start : k_start + block_size, :]
            running_max = new_max
        output[..., q_start : q_start + block_size, :] = accumulator / running_sum
    return output
