"""Task 3.7: merges recovered as the first split into lower-ranked tokens, not by BPE.

Any split of a token into two known, earlier tokens looks like a valid merge, and the first one
is the easiest to find; but BPE builds "end" from the parts it actually reaches ("en" + "d",
not "e" + "nd"), and with the wrong pairs the encoding drifts from tiktoken's.
"""
# ruff: noqa: F821


def _split_by_lower_ranks(ranks, token, rank):
    for cut in range(1, len(token)):
        left, right = token[:cut], token[cut:]
        if ranks.get(left, rank) < rank and ranks.get(right, rank) < rank:
            return [left, right]
    return [token[:1], token[1:]]
