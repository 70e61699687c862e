"""Task 3.1: merge_pair splices matches from the right, collapsing runs like 7 7 7.

A learner who collects the positions of the pair and splices them out from the end (so that
earlier indices stay valid) forgets that in a run like 7 7 7 the matches overlap: [7, 7, 7]
becomes [9] instead of [9, 7].
"""


def merge_pair(ids, pair, new_id):
    positions = [i for i in range(len(ids) - 1) if (ids[i], ids[i + 1]) == tuple(pair)]
    merged = list(ids)
    for i in reversed(positions):
        merged[i : i + 2] = [new_id]
    return merged
