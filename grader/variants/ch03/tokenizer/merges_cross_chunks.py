"""Task 3.3: encode_ordinary merges across chunks (no regex pre-tokenization).

Training cut the text into chunks, but a learner who writes encoding from the BPE description
alone merges the UTF-8 bytes of the whole text as one sequence, so tokens can span a space or
punctuation edge ("e " or ".\\n") where cl100k_base never would. (The merging itself is done
efficiently — a heap over a linked list, lowest rank and leftmost first — so the mistake is
only the missing pre-tokenization.)
"""
# ruff: noqa: F821

import heapq


def _merge_all(ids, merges):
    n = len(ids)
    following = list(range(1, n + 1))
    preceding = list(range(-1, n - 1))
    alive = [True] * n
    heap = [(merges[pair], i) for i, pair in enumerate(zip(ids, ids[1:])) if pair in merges]
    heapq.heapify(heap)
    while heap:
        rank, i = heapq.heappop(heap)
        if not alive[i] or following[i] >= n:
            continue
        j = following[i]
        if merges.get((ids[i], ids[j])) != rank:
            continue  # stale: one side has merged since
        ids[i], alive[j] = rank, False
        following[i] = following[j]
        if following[j] < n:
            preceding[following[j]] = i
        for left, right in ((preceding[i], i), (i, following[i])):
            if left >= 0 and right < n and (ids[left], ids[right]) in merges:
                heapq.heappush(heap, (merges[(ids[left], ids[right])], left))
    return [token for token, keep in zip(ids, alive) if keep]


def encode_ordinary(self, text):
    _require_str(text)
    return _merge_all([self.byte_ids[byte] for byte in text.encode("utf-8")], self.merges)


Tokenizer.encode_ordinary = encode_ordinary
