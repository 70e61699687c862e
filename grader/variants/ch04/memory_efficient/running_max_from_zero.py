"""Task 4.5: the online softmax starts its running maximum at 0 instead of -inf.

Any starting value is mathematically fine, so ordinary scores give the right output. But when
all of a query's scores are very negative (around -1e4), every exp(score - 0) underflows to 0:
the running sum stays 0 and the output is 0 / 0 = nan.
"""
# ruff: noqa: F821


def blockwise_attention(q, k, v, block_size=128):
    q_len, kv_len, head_dim = q.shape[-2], k.shape[-2], q.shape[-1]
    scale, offset = 1.0 / math.sqrt(head_dim), kv_len - q_len
    output = torch.empty_like(q)
    for q_start in range(0, q_len, block_size):
        q_block = q[..., q_start : q_start + block_size, :] * scale
        q_positions = torch.arange(q_start, q_start + q_block.shape[-2]) + offset
        shape = (*q_block.shape[:-1], 1)
        running_max = torch.zeros(shape, dtype=q.dtype)  # the bug: should be -inf
        running_sum = torch.zeros(shape, dtype=q.dtype)
        accumulator = torch.zeros_like(q_block)
        last_visible = int(q_positions[-1]) + 1
        for k_start in range(0, last_visible, block_size):
            k_end = min(k_start + block_size, last_visible)
            scores = q_block @ k[..., k_start:k_end, :].transpose(-2, -1)
            visible = torch.arange(k_start, k_end).unsqueeze(0) <= q_positions.unsqueeze(1)
            scores = scores.masked_fill(~visible, float("-inf"))
            new_max = torch.maximum(running_max, scores.amax(dim=-1, keepdim=True))
            correction = torch.exp(running_max - new_max)
            weights = torch.exp(scores - new_max)
            running_sum = running_sum * correction + weights.sum(dim=-1, keepdim=True)
            accumulator = accumulator * correction + weights @ v[..., k_start:k_end, :]
            running_max = new_max
        output[..., q_start : q_start + q_block.shape[-2], :] = accumulator / running_sum
    return output
