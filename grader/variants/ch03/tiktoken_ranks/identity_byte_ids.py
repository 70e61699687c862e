"""Task 3.7: byte ids taken as 0..255, ignoring the single bytes' ranks.

Trained tokenizers give byte b the id b, so it is easy to assume every tokenizer does; but
cl100k_base ranks its single bytes in another order ("!" is 0), so every byte id is wrong.
"""
# ruff: noqa: F821


def from_tiktoken_ranks(mergeable_ranks, pattern, special_tokens):
    merges = {}
    for token, rank in mergeable_ranks.items():
        if len(token) == 1:
            continue
        left, right = _split_by_lower_ranks(mergeable_ranks, token, rank)
        merges[(mergeable_ranks[left], mergeable_ranks[right])] = rank
    return Tokenizer(merges, byte_ids=range(NUM_BYTES), pattern=pattern, special_tokens=special_tokens)
