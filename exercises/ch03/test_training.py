"""Task 3.2 — learning merges from chunk counts."""

import pytest

from grader.loader import implementation

training = implementation("ch03.training")
task = pytest.mark.task("3.2")


@task
def test_known_merges_on_a_tiny_corpus():
    """'ug' is the most frequent pair, then 'h' + 'ug'."""
    merges = training.train_merges({b"hug": 10, b"pug": 5, b"hugs": 5}, 2)
    assert merges == [(ord("u"), ord("g")), (ord("h"), 256)]


@task
def test_chunk_frequencies_weight_the_counts():
    """A pair in a chunk seen 3 times counts 3 times."""
    merges = training.train_merges({b"ab": 3, b"cd": 2}, 1)
    assert merges == [(ord("a"), ord("b"))]


@task
def test_ties_go_to_the_lexicographically_greater_pair():
    """Equal counts: the pair with the greater (bytes, bytes) wins, whatever the input order."""
    assert training.train_merges({b"ab": 1, b"cd": 1}, 1) == [(ord("c"), ord("d"))]
    assert training.train_merges({b"cd": 1, b"ab": 1}, 1) == [(ord("c"), ord("d"))]


@task
def test_merges_never_cross_chunks():
    """'b' ends one chunk and 'c' starts another, so (b, c) is never learned."""
    merges = training.train_merges({b"ab": 1, b"cd": 1}, 5)
    assert (ord("b"), ord("c")) not in merges
    assert len(merges) == 2  # then nothing is left to merge


@task
def test_merged_tokens_merge_again():
    """'aaaa' becomes (a, a) then (256, 256)."""
    assert training.train_merges({b"aaaa": 1}, 2) == [(97, 97), (256, 256)]
