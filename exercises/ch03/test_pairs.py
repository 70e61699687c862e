"""Task 3.1 — counting adjacent pairs and merging one pair."""

import pytest

from grader.loader import implementation

pairs = implementation("ch03.pairs")
task = pytest.mark.task("3.1")


@task
def test_pair_counts_small_known_answer():
    """Every adjacent pair is counted, overlapping ones included."""
    assert pairs.pair_counts([1, 2, 2, 1, 2]) == {(1, 2): 2, (2, 2): 1, (2, 1): 1}
    assert pairs.pair_counts([7, 7, 7]) == {(7, 7): 2}


@task
def test_pair_counts_of_short_sequences_are_empty():
    """Zero or one id has no pairs."""
    assert pairs.pair_counts([]) == {}
    assert pairs.pair_counts([5]) == {}


@task
def test_merge_pair_replaces_every_occurrence():
    """All occurrences of the pair become the new id."""
    assert pairs.merge_pair([1, 2, 2, 1, 2], (1, 2), 256) == [256, 2, 256]


@task
def test_merge_pair_scans_left_to_right_without_overlap():
    """In a run like 7 7 7 the first two merge and the third stays."""
    assert pairs.merge_pair([7, 7, 7], (7, 7), 9) == [9, 7]
    assert pairs.merge_pair([7, 7, 7, 7], (7, 7), 9) == [9, 9]


@task
def test_merge_pair_leaves_its_input_alone():
    """The caller's list is not modified."""
    ids = [1, 2, 3]
    pairs.merge_pair(ids, (1, 2), 256)
    assert ids == [1, 2, 3]
