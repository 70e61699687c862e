"""Task 4.2: correct attention, one query position at a time in a Python loop (too slow).

Each step takes one query row for every batch and head at once, scores it against the keys it
may see, and averages their values: a natural "correct first, fast later" solution. It computes
exactly the right numbers (only half the score matrix, even), so only the speed tests may fail
it: its cost is q_len times the overhead of a few torch calls, which dominates whenever a
sequence is short or has few heads.
"""
# ruff: noqa: F821


def causal_attention(q, k, v):
    q_len, kv_len = q.shape[-2], k.shape[-2]
    if q_len > kv_len:
        raise ValueError(f"q_len={q_len} exceeds kv_len={kv_len}: queries must be the last positions")
    scale = 1.0 / math.sqrt(q.shape[-1])
    outputs = []
    for i in range(q_len):
        visible = kv_len - q_len + i + 1  # keys 0 .. this query's position
        scores = (q[..., i : i + 1, :] * scale) @ k[..., :visible, :].transpose(-2, -1)  # (B, H, 1, visible)
        outputs.append(torch.softmax(scores, dim=-1) @ v[..., :visible, :])
    return torch.cat(outputs, dim=-2)
