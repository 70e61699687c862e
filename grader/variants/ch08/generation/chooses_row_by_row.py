"""Task 8.2: the next token is chosen one row at a time: `choose` sees (1, V) logits, B times a step.

The tokens come out right for greedy decoding, and even for a sampler built on
torch.multinomial, which draws a batch's rows one after another anyway. But `choose` is the
caller's function, promised one call per new token with the batch's (B, V) logits: a sampler
that filters over the batch, changes its temperature each step or logs the steps is called B
times too often and gets single rows.
"""
# ruff: noqa: F821

_reference_generate = generate_with_cache


def generate_with_cache(model, prompt_ids, max_new_tokens, choose=greedy):
    def row_by_row(logits):
        return torch.cat([choose(logits[row : row + 1]).reshape(1) for row in range(logits.shape[0])])

    return _reference_generate(model, prompt_ids, max_new_tokens, row_by_row)
