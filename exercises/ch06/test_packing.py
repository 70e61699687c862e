"""Task 6.3 — packing examples into rows, with attention, positions and labels kept apart."""

import pytest
import torch

from grader.loader import implementation

packing = implementation("ch06.packing")
masking = implementation("ch06.masking")
task = pytest.mark.task("6.3")

PAD, IGNORE = 261, -100


def example(first_id, length):
    """An example of `length` positions: ids first_id, first_id + 1, ...; every label supervised."""
    ids = torch.arange(first_id, first_id + length)
    return masking.Example(ids, ids + 100, torch.ones(length, dtype=torch.bool))


def lesson_batch():
    """Lengths 3, 4, 2 into rows of 6, as in the lesson."""
    return packing.pack([example(0, 3), example(10, 4), example(20, 2)], seq_len=6)


@task
def test_first_fit_puts_each_example_in_the_first_row_with_room():
    """Lengths 3, 4, 2 in rows of 6: the 2 goes back into row 0, beside the 3."""
    assert packing.first_fit([3, 4, 2], 6) == [[0, 2], [1]]
    assert packing.first_fit([6, 1, 5], 6) == [[0], [1, 2]]


@task
def test_document_and_position_ids():
    """Example indices (-1 on padding) and positions restarting at 0 for each example."""
    batch = lesson_batch()
    assert batch.document_ids.tolist() == [[0, 0, 0, 2, 2, -1], [1, 1, 1, 1, -1, -1]]
    assert batch.position_ids.tolist() == [[0, 1, 2, 0, 1, 0], [0, 1, 2, 3, 0, 0]]


@task
def test_examples_are_copied_and_padding_is_inert():
    """Ids and labels copied in place; padding is PAD, -100 and loss mask False."""
    batch = lesson_batch()
    assert batch.input_ids.tolist() == [[0, 1, 2, 20, 21, PAD], [10, 11, 12, 13, PAD, PAD]]
    assert batch.labels.tolist() == [[100, 101, 102, 120, 121, IGNORE], [110, 111, 112, 113, IGNORE, IGNORE]]
    assert batch.loss_mask.tolist() == [[True] * 5 + [False], [True] * 4 + [False] * 2]


@task
def test_attention_stays_inside_each_example():
    """Row 0's mask: causal within example 0, causal within example 2, nothing across."""
    mask = packing.block_causal_mask(torch.tensor([[0, 0, 0, 2, 2, -1]]))
    expected = [
        [1, 0, 0, 0, 0, 0],
        [1, 1, 0, 0, 0, 0],
        [1, 1, 1, 0, 0, 0],
        [0, 0, 0, 1, 0, 0],
        [0, 0, 0, 1, 1, 0],
        [0, 0, 0, 0, 0, 1],
    ]
    assert mask.dtype == torch.bool and mask.int().tolist() == [expected]


@task
def test_an_example_longer_than_a_row_is_an_error():
    """Seven positions cannot go into rows of six: ValueError (truncate when building examples)."""
    with pytest.raises(ValueError):
        packing.pack([example(0, 7)], seq_len=6)
