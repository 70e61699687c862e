"""Task 5.5: temperature 0 is not special-cased: the logits are divided by 0.

`logits / 0` gives ±inf (and nan for a logit of 0); softmax of that is nan and sampling fails.
Greedy decoding is the limit of T -> 0, but it has to be written as an argmax.
"""
# ruff: noqa: F821


def next_token_probabilities(logits, temperature=1.0, top_k=None, top_p=None):
    if temperature < 0:
        raise ValueError("temperature must be >= 0")
    if top_k is not None and top_k < 1:
        raise ValueError("top_k must be >= 1")
    if top_p is not None and not 0 < top_p <= 1:
        raise ValueError("top_p must be in (0, 1]")
    logits = logits / temperature
    if top_k is not None and top_k < logits.shape[-1]:
        kth = logits.topk(top_k, dim=-1).values[..., -1:]
        logits = logits.masked_fill(logits < kth, float("-inf"))
    probabilities = logits.softmax(dim=-1)
    if top_p is not None and top_p < 1:
        ordered, order = probabilities.sort(dim=-1, descending=True, stable=True)
        dropped = torch.zeros_like(probabilities, dtype=torch.bool).scatter(
            -1, order, ordered.cumsum(-1) - ordered >= top_p
        )
        probabilities = probabilities.masked_fill(dropped, 0.0)
        probabilities = probabilities / probabilities.sum(dim=-1, keepdim=True)
    return probabilities


@torch.no_grad()
def generate(
    model, prompt, max_new_tokens, *, temperature=1.0, top_k=None, top_p=None, generator=None, stop_id=None
):
    context_length = model.config.context_length
    ids = prompt
    stopped = torch.zeros(prompt.shape[0], dtype=torch.bool)
    for _ in range(max_new_tokens):
        logits = model(ids[:, -context_length:])[:, -1, :]
        probabilities = next_token_probabilities(logits, temperature, top_k, top_p)
        next_ids = torch.multinomial(probabilities, 1, generator=generator).squeeze(-1)
        if stop_id is not None:
            next_ids = next_ids.masked_fill(stopped, stop_id)
            stopped |= next_ids == stop_id
        ids = torch.cat([ids, next_ids[:, None]], dim=1)
        if stopped.all():
            break
    return ids
