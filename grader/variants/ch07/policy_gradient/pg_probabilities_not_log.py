"""Task 7.4: token_log_probs returns the sampled tokens' probabilities, not their logarithms.

`softmax(logits).gather(...)`: REINFORCE's gradient is A * grad log p, and grad p = p * grad log p,
so every token's update is scaled by its own probability: unlikely tokens (the ones a good sample
most needs to make likelier) barely move.
"""
# ruff: noqa: F821


def token_log_probs(logits, tokens):
    return torch.softmax(logits, dim=-1).gather(-1, tokens.long().unsqueeze(-1)).squeeze(-1)
