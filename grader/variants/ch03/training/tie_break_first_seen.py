"""Task 3.2: ties go to the first-seen pair, not the greatest bytes.

`max(counts, key=counts.get)` is the obvious way to pick the most frequent pair, and it returns
the first of several equal maxima: the result then depends on the order the chunks were listed.
The counts are kept up to date incrementally, so this trainer is fast enough for the speed test.
"""
# ruff: noqa: F821

from collections import defaultdict


def train_merges(chunk_counts, num_merges):
    words = [list(chunk) for chunk in chunk_counts]
    freqs = list(chunk_counts.values())
    counts = defaultdict(int)
    where = defaultdict(set)
    for index, (ids, freq) in enumerate(zip(words, freqs)):
        for pair in zip(ids, ids[1:]):
            counts[pair] += freq
            where[pair].add(index)
    merges = []
    while len(merges) < num_merges and counts:
        pair = max(counts, key=counts.get)
        new_id = FIRST_MERGED_ID + len(merges)
        merges.append(pair)
        for index in sorted(where.pop(pair)):
            ids, freq = words[index], freqs[index]
            for old in zip(ids, ids[1:]):
                counts[old] -= freq
            ids = words[index] = merge_pair(ids, pair, new_id)
            for new in zip(ids, ids[1:]):
                counts[new] += freq
                where[new].add(index)
        for stale in [p for p, count in counts.items() if count <= 0]:
            del counts[stale]
    return merges
