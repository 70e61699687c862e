"""Task 3.2: chunk frequencies ignored (each distinct chunk counts once).

Training receives `{chunk: how often it occurs}`; a learner who loops over the keys and forgets
the values learns the merges of a corpus in which every word appears once.
"""
# ruff: noqa: F821

_reference_train_merges = train_merges


def train_merges(chunk_counts, num_merges):
    return _reference_train_merges(dict.fromkeys(chunk_counts, 1), num_merges)
