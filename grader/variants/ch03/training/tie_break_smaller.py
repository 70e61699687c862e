"""Task 3.2: ties go to the lexicographically smallest pair.

A learner who puts `(-count, token bytes)` in a min-heap gets the most frequent pair right but,
among ties, pops the smallest bytes first: the natural order of a heap, the opposite of the rule.
"""
# ruff: noqa: F821

import heapq
from collections import defaultdict


def train_merges(chunk_counts, num_merges):
    words = [list(chunk) for chunk in chunk_counts]
    freqs = list(chunk_counts.values())
    token_bytes = {i: bytes([i]) for i in range(FIRST_MERGED_ID)}
    counts = defaultdict(int)
    where = defaultdict(set)
    for index, (ids, freq) in enumerate(zip(words, freqs)):
        for pair in zip(ids, ids[1:]):
            counts[pair] += freq
            where[pair].add(index)

    def key(pair):
        return (token_bytes[pair[0]], token_bytes[pair[1]])

    heap = [(-count, key(pair), pair) for pair, count in counts.items()]
    heapq.heapify(heap)
    merges = []
    while len(merges) < num_merges and heap:
        negative_count, _, pair = heapq.heappop(heap)
        current = counts.get(pair, 0)
        if current != -negative_count:
            if current > 0:
                heapq.heappush(heap, (-current, key(pair), pair))
            continue
        new_id = FIRST_MERGED_ID + len(merges)
        merges.append(pair)
        token_bytes[new_id] = token_bytes[pair[0]] + token_bytes[pair[1]]
        grown = set()
        for index in where.pop(pair):
            ids, freq = words[index], freqs[index]
            for old in zip(ids, ids[1:]):
                counts[old] -= freq
            ids = words[index] = merge_pair(ids, pair, new_id)
            for new in zip(ids, ids[1:]):
                counts[new] += freq
                where[new].add(index)
                grown.add(new)
        del counts[pair]
        for new in grown:
            if counts[new] > 0:
                heapq.heappush(heap, (-counts[new], key(new), new))
    return merges
