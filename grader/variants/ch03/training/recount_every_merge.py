"""Task 3.2: correct, but re-counts all pairs after every merge (too slow).

This is the textbook loop — count, pick the best pair, merge it everywhere, repeat — with the
right tie-break and chunk frequencies. It learns exactly the reference's merges, so only the
speed test may fail it: its cost is (number of merges) x (size of the corpus).
"""
# ruff: noqa: F821


def train_merges(chunk_counts, num_merges):
    words = [list(chunk) for chunk in chunk_counts]
    freqs = list(chunk_counts.values())
    token_bytes = {i: bytes([i]) for i in range(FIRST_MERGED_ID)}
    merges = []
    while len(merges) < num_merges:
        counts = {}
        for ids, freq in zip(words, freqs):
            for pair in zip(ids, ids[1:]):
                counts[pair] = counts.get(pair, 0) + freq
        if not counts:
            break
        best = max(counts, key=lambda p: (counts[p], token_bytes[p[0]], token_bytes[p[1]]))
        new_id = FIRST_MERGED_ID + len(merges)
        merges.append(best)
        token_bytes[new_id] = token_bytes[best[0]] + token_bytes[best[1]]
        words = [merge_pair(ids, best, new_id) for ids in words]
    return merges
