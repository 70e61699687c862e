"""Task 5.5: top-p keeps the tokens whose cumulative probability is at most p, dropping the crossing one.

`cumsum <= p` reads naturally as "the tokens within p", but the kept mass is then below p, and
the pinned rule keeps the crossing token. The most likely token is still always kept.
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
        logits = logits.masked_fill(logits < kth, float("-inf"))
    probabilities = logits.softmax(dim=-1)
    if top_p is not None and top_p < 1:
        ordered, order = probabilities.sort(dim=-1, descending=True, stable=True)
        dropped = torch.zeros_like(probabilities, dtype=torch.bool).scatter(
            -1, order, (ordered.cumsum(-1) > top_p) & (torch.arange(ordered.shape[-1]) > 0)
        )
        probabilities = probabilities.masked_fill(dropped, 0.0)
        probabilities = probabilities / probabilities.sum(dim=-1, keepdim=True)
    return probabilities
