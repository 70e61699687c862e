"""Task 5.5: the whole sequence is fed to the model at every step, never cropped to context_length.

Works until prompt plus generated text outgrow the context: then the position embedding has no
row for the next position and the model raises (or, in a model without that check, reads garbage).
"""
# ruff: noqa: F821


@torch.no_grad()
def generate(
    model, prompt, max_new_tokens, *, temperature=1.0, top_k=None, top_p=None, generator=None, stop_id=None
):
    ids = prompt
    stopped = torch.zeros(prompt.shape[0], dtype=torch.bool)
    for _ in range(max_new_tokens):
        logits = model(ids)[:, -1, :]
        probabilities = next_token_probabilities(logits, temperature, top_k, top_p)
        if temperature == 0:
            next_ids = probabilities.argmax(dim=-1)
        else:
            next_ids = torch.multinomial(probabilities, 1, generator=generator).squeeze(-1)
        if stop_id is not None:
            next_ids = next_ids.masked_fill(stopped, stop_id)
            stopped |= next_ids == stop_id
        ids = torch.cat([ids, next_ids[:, None]], dim=1)
        if stopped.all():
            break
    return ids
