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
    raise NotImplementedError("Task 3.2: train BPE merges fast")
