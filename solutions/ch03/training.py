"""Task 3.2 — learn BPE merges fast enough for real text.

The obvious loop re-counts every pair in the whole corpus after each merge: correct, but
O(corpus × merges). Two observations make it fast:

1. Text repeats. Count each distinct pre-token chunk once, with its frequency.
2. A merge only changes the chunks that contain the merged pair. Keep, for every pair, its
   total count and the chunks it occurs in; after a merge, update just those chunks, and pick
   the next most frequent pair from a priority queue instead of scanning every pair.

Ties are broken deterministically: among equally frequent pairs, the one whose
`(bytes of first token, bytes of second token)` is lexicographically greatest wins. The result
then never depends on dict order or on `PYTHONHASHSEED`.

>>> train_merges({b"hug": 10, b"pug": 5, b"hugs": 5}, 2)
[(117, 103), (104, 256)]
"""

from collections.abc import Mapping

from .pairs import Pair, merge_pair

FIRST_MERGED_ID = 256  # ids 0..255 are the single bytes


def train_merges(chunk_counts: Mapping[bytes, int], num_merges: int) -> list[Pair]:
    """Learn up to `num_merges` merges from pre-token chunks and how often each occurs.

    Merge `i` joins the pair `merges[i]` into the new id `256 + i`. Training stops early when no
    pair occurs any more (every chunk is a single token). Chunks never merge with each other.
    """
    ### BEGIN SOLUTION 3.2
    import heapq
    from collections import defaultdict

    words = [list(chunk) for chunk in chunk_counts]
    freqs = list(chunk_counts.values())
    token_bytes = {i: bytes([i]) for i in range(FIRST_MERGED_ID)}

    counts: dict[Pair, int] = defaultdict(int)
    where: dict[Pair, set[int]] = defaultdict(set)
    for index, (ids, freq) in enumerate(zip(words, freqs)):
        for pair in zip(ids, ids[1:]):
            counts[pair] += freq
            where[pair].add(index)

    def descending(pair: Pair) -> tuple[int, ...]:
        # heapq pops the smallest item, so reverse byte order: 255 - b, with 256 ending each
        # token so that a prefix ("a") sorts after its extensions ("ab"), as it should reversed.
        first, second = (token_bytes[i] for i in pair)
        return (*(255 - b for b in first), 256, *(255 - b for b in second), 256)

    heap = [(-count, descending(pair), pair) for pair, count in counts.items()]
    heapq.heapify(heap)

    merges: list[Pair] = []
    while len(merges) < num_merges and heap:
        negative_count, key, pair = heapq.heappop(heap)
        current = counts.get(pair, 0)
        if current != -negative_count:  # stale entry: the count dropped since it was pushed
            if current > 0:
                heapq.heappush(heap, (-current, key, pair))
            continue
        new_id = FIRST_MERGED_ID + len(merges)
        merges.append(pair)
        token_bytes[new_id] = token_bytes[pair[0]] + token_bytes[pair[1]]

        grown: set[Pair] = set()
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
                heapq.heappush(heap, (-counts[new], descending(new), new))
    return merges
    ### END SOLUTION
