"""Task 5.5: top-k masks the other logits with -1e4 instead of -inf.

A "large negative number" works while logits are small, but the masked tokens keep a tiny
probability (not exactly 0), and when the logits themselves are far below -1e4 the masked
tokens become the most likely ones.
"""
# ruff: noqa: F821


def next_token_probabilities(logits, temperature=1.0, top_k=None, top_p=None):
    if temperature < 0:
        raise ValueError("temperature must be >= 0")
    if top_k is not None and top_k < 1:
        raise ValueError("top_k must be >= 1")
    if top_p is not None and not 0 < top_p <= 1:
        raise ValueError("top_p must be in (0, 1]")
    if temperature == 0:
        return nn.functional.one_hot(logits.argmax(dim=-1), logits.shape[-1]).to(logits.dtype)
    logits = logits / temperature
    if top_k is not None and top_k < logits.shape[-1]:
        kth = logits.topk(top_k, dim=-1).values[..., -1:]
        logits = logits.masked_fill(logits < kth, -1e4)
    probabilities = logits.softmax(dim=-1)
    if top_p is not None and top_p < 1:
        ordered, order = probabilities.sort(dim=-1, descending=True, stable=True)
        dropped = torch.zeros_like(probabilities, dtype=torch.bool).scatter(
            -1, order, ordered.cumsum(-1) - ordered >= top_p
        )
        probabilities = probabilities.masked_fill(dropped, 0.0)
        probabilities = probabilities / probabilities.sum(dim=-1, keepdim=True)
    return probabilities
