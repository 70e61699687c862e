"""Task 3.1 (hidden) — `pair_counts` and `merge_pair` against simple oracles, on arbitrary ids."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites import strategies

pairs = implementation("ch03.pairs")


def oracle_pair_counts(ids: list[int]) -> list[tuple[tuple[int, int], int]]:
    """Every adjacent pair with its count, in order of first appearance."""
    counts: dict[tuple[int, int], int] = {}
    for i in range(len(ids) - 1):
        pair = (ids[i], ids[i + 1])
        counts[pair] = counts.get(pair, 0) + 1
    return list(counts.items())


def oracle_merge_pair(ids: list[int], pair: tuple[int, int], new_id: int) -> list[int]:
    """Left-to-right, non-overlapping replacement, taking ids off a stack (a different shape of loop)."""
    pending, out = list(reversed(ids)), []
    while pending:
        token = pending.pop()
        if pending and (token, pending[-1]) == pair:
            pending.pop()
            out.append(new_id)
        else:
            out.append(token)
    return out


@st.composite
def merge_cases(draw):
    """Ids, a pair that usually occurs in them, and a new id that may collide with an old one."""
    ids = draw(strategies.id_lists())
    adjacent = list(zip(ids, ids[1:]))
    if adjacent and draw(st.integers(0, 3)):
        pair = draw(st.sampled_from(adjacent))
    else:
        pair = (draw(st.integers(0, 4)), draw(st.integers(0, 4)))
    new_id = draw(st.one_of(st.integers(256, 400), st.integers(0, 4)))
    return ids, pair, new_id


@pytest.mark.task("3.1")
@pytest.mark.points(3)
@given(strategies.id_lists())
def test_pair_counts_equals_a_simple_oracle(ids):
    """pair_counts gives every adjacent pair's count, overlaps included, in first-appearance order."""
    got = pairs.pair_counts(ids)
    assert isinstance(got, dict)
    assert list(got.items()) == oracle_pair_counts(ids)


@pytest.mark.task("3.1")
@pytest.mark.points(3)
@given(merge_cases())
def test_merge_pair_equals_a_simple_oracle(case):
    """merge_pair replaces each left-to-right, non-overlapping occurrence of the pair."""
    ids, pair, new_id = case
    assert pairs.merge_pair(ids, pair, new_id) == oracle_merge_pair(ids, pair, new_id)


@pytest.mark.task("3.1")
@pytest.mark.points(2)
def test_merge_pair_on_runs_and_edges():
    """Runs like 7 7 7 7 7 merge in pairs from the left; empty, single and pair-less inputs pass through."""
    assert pairs.merge_pair([7, 7, 7, 7, 7], (7, 7), 9) == [9, 9, 7]
    assert pairs.merge_pair([1, 7, 7, 7, 2, 7, 7], (7, 7), 9) == [1, 9, 7, 2, 9]
    assert pairs.merge_pair([7, 7, 7], (7, 7), 7) == [7, 7]  # new id equal to an old one
    assert pairs.merge_pair([1, 2, 1, 2, 1], (2, 1), 5) == [1, 5, 5]
    assert pairs.merge_pair([1, 2, 1], (1, 2), 5) == [5, 1]
    assert pairs.merge_pair([3, 1, 2], (1, 2), 5) == [3, 5]  # the pair at the very end
    assert pairs.merge_pair([], (1, 2), 5) == []
    assert pairs.merge_pair([1], (1, 1), 5) == [1]
    assert pairs.merge_pair([2, 1], (1, 2), 5) == [2, 1]
    assert pairs.pair_counts([7, 7, 7, 7]) == {(7, 7): 3}
    assert pairs.pair_counts([3, 3]) == {(3, 3): 1}


@pytest.mark.task("3.1")
@pytest.mark.points(2)
@given(merge_cases())
def test_inputs_are_left_alone_and_any_sequence_works(case):
    """Neither function modifies its input; tuples work like lists; merge_pair returns a new list."""
    ids, pair, new_id = case
    expected_merge, expected_counts = oracle_merge_pair(ids, pair, new_id), oracle_pair_counts(ids)
    snapshot = list(ids)
    merged = pairs.merge_pair(ids, pair, new_id)
    assert isinstance(merged, list) and merged is not ids
    assert list(pairs.pair_counts(ids).items()) == expected_counts
    assert ids == snapshot
    assert pairs.merge_pair(tuple(ids), pair, new_id) == expected_merge
    assert list(pairs.pair_counts(tuple(ids)).items()) == expected_counts
