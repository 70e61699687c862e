"""Task 3.1 — the two primitives of byte-pair encoding: count adjacent pairs, merge one pair.

Training and encoding are both built from these two operations.

>>> pair_counts([1, 2, 2, 1, 2])
{(1, 2): 2, (2, 2): 1, (2, 1): 1}
>>> merge_pair([1, 2, 2, 1, 2], (1, 2), 256)
[256, 2, 256]
"""

from collections.abc import Sequence

Pair = tuple[int, int]


def pair_counts(ids: Sequence[int]) -> dict[Pair, int]:
    """How often each adjacent pair `(ids[i], ids[i + 1])` occurs, in order of first appearance.

    Overlapping pairs all count: `[7, 7, 7]` has the pair `(7, 7)` twice.
    """
    raise NotImplementedError("Task 3.1: count adjacent pairs and merge a pair")


def merge_pair(ids: Sequence[int], pair: Pair, new_id: int) -> list[int]:
    """Replace each occurrence of `pair` in `ids` by `new_id`, scanning left to right.

    Occurrences never overlap: `merge_pair([7, 7, 7], (7, 7), 9)` is `[9, 7]`.
    The input is left unchanged; a new list is returned.
    """
    raise NotImplementedError("Task 3.1: count adjacent pairs and merge a pair")
