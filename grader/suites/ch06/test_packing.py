"""Task 6.3 (hidden) — `first_fit`, `pack` and `block_causal_mask`: the pinned layout, and no leaks.

Two independent checks: the layout against a position-by-position oracle, and a toy attention
layer (`shared.ToyAttention`) that must give each packed example exactly the output it gets
alone. The second fails for any leak of attention or positions, whatever the layout.
"""

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from grader.checks import assert_equal, plain_data
from grader.loader import implementation
from grader.suites.ch06 import shared
from grader.suites.ch06.shared import IGNORE, PAD

packing = implementation("ch06.packing")
masking = implementation("ch06.masking")

FIELDS = ("input_ids", "labels", "loss_mask", "position_ids", "document_ids")
EXACT = {"atol": 1e-12, "rtol": 0.0}


@st.composite
def packing_cases(draw, max_examples=8):
    """(raw examples, seq_len) with every example fitting: seq_len from the longest to twice that."""
    raw = draw(shared.raw_examples(max_examples=max_examples))
    longest = max((len(ids) for ids, _, _ in raw), default=1)
    return raw, draw(st.integers(longest, 2 * longest + 3))


def packed_lists(batch, rows: int, seq_len: int) -> dict:
    """The batch's five tensors as lists, after checking their dtypes and (rows, seq_len) shapes."""
    result = {}
    for name in FIELDS:
        tensor = getattr(batch, name)
        dtype = torch.bool if name == "loss_mask" else torch.long
        assert isinstance(tensor, torch.Tensor), f"{name}: expected a tensor, got {type(tensor).__name__}"
        assert tensor.dtype == dtype, f"{name}: dtype {tensor.dtype}, expected {dtype}"
        assert tuple(tensor.shape) == (rows, seq_len), (
            f"{name}: shape {tuple(tensor.shape)}, expected {(rows, seq_len)}"
        )
        result[name] = tensor.tolist()
    return result


def learner_pack(raw, seq_len):
    return packing.pack(shared.as_examples(masking, raw), seq_len)


@pytest.mark.task("6.3")
@pytest.mark.points(4)
def test_known_answers():
    """The lesson's rows (lengths 3, 4, 2 into 6), its attention mask, and a full row of one example."""
    raw = [
        ([1, 2, 3], [2, 3, IGNORE], [True, True, False]),
        ([4] * 4, [5] * 4, [True] * 4),
        ([6, 7], [7, 8], [True] * 2),
    ]
    assert plain_data(packing.first_fit([3, 4, 2], 6)) == [[0, 2], [1]]
    batch = learner_pack(raw, 6)
    got = packed_lists(batch, 2, 6)
    assert got["document_ids"] == [[0, 0, 0, 2, 2, -1], [1, 1, 1, 1, -1, -1]]
    assert got["position_ids"] == [[0, 1, 2, 0, 1, 0], [0, 1, 2, 3, 0, 0]]
    assert got["input_ids"] == [[1, 2, 3, 6, 7, PAD], [4, 4, 4, 4, PAD, PAD]]
    assert got["labels"] == [[2, 3, IGNORE, 7, 8, IGNORE], [5, 5, 5, 5, IGNORE, IGNORE]]
    assert got["loss_mask"] == [[True, True, False, True, True, False], [True] * 4 + [False] * 2]
    row0 = [
        [1, 0, 0, 0, 0, 0],
        [1, 1, 0, 0, 0, 0],
        [1, 1, 1, 0, 0, 0],
        [0, 0, 0, 1, 0, 0],
        [0, 0, 0, 1, 1, 0],
        [0, 0, 0, 0, 0, 1],
    ]
    mask = packing.block_causal_mask(batch.document_ids)
    assert mask.dtype == torch.bool and tuple(mask.shape) == (2, 6, 6)
    assert mask[0].int().tolist() == row0
    assert_equal(batch.attention_mask(), mask, what="attention mask")
    single = packed_lists(learner_pack([([9] * 5, [IGNORE] * 5, [False] * 5)], 5), 1, 5)
    assert single["position_ids"] == [[0, 1, 2, 3, 4]] and single["document_ids"] == [[0] * 5]
    assert plain_data(packing.first_fit([6, 1, 5], 6)) == [[0], [1, 2]]
    assert plain_data(packing.first_fit([2, 2, 5, 2, 1], 6)) == [[0, 1, 3], [2, 4]]


@pytest.mark.task("6.3")
@pytest.mark.points(4)
@given(st.lists(st.integers(1, 10), max_size=20), st.integers(0, 10))
def test_first_fit_matches_the_oracle(lengths, extra):
    """Rows of example indices: each example in the first row that still has room for all of it."""
    seq_len = max(lengths, default=1) + extra
    assert plain_data(packing.first_fit(lengths, seq_len)) == shared.oracle_first_fit(lengths, seq_len)


@pytest.mark.task("6.3")
@pytest.mark.points(6)
@given(packing_cases())
def test_pack_matches_the_oracle_exactly(case):
    """input_ids, labels, loss_mask, position_ids and document_ids: dtypes, shapes and every value."""
    raw, seq_len = case
    expected = shared.oracle_pack(raw, seq_len)
    got = packed_lists(learner_pack(raw, seq_len), expected["input_ids"].shape[0], seq_len)
    for name in FIELDS:
        assert got[name] == expected[name].tolist(), f"{name} differs (seq_len={seq_len})"


@pytest.mark.task("6.3")
@pytest.mark.points(5)
@given(st.lists(st.tuples(st.integers(-1, 5), st.integers(1, 6)), max_size=8))
def test_attention_never_crosses_documents(runs):
    """block_causal_mask on any runs of document ids: j <= i and the same document, nothing else."""
    documents = [document for document, length in runs for _ in range(length)] or [0]
    other = list(reversed(documents))
    ids = torch.tensor([documents, other])
    got = packing.block_causal_mask(ids)
    assert isinstance(got, torch.Tensor) and got.dtype == torch.bool, "the mask must be a bool tensor"
    assert tuple(got.shape) == (2, len(documents), len(documents))
    assert got[0].tolist() == shared.oracle_block_mask(documents)
    assert got[1].tolist() == shared.oracle_block_mask(other)
    assert packing.block_causal_mask(ids[0]).tolist() == shared.oracle_block_mask(documents)  # (L,) too


@pytest.mark.task("6.3")
@pytest.mark.points(5)
@given(packing_cases(max_examples=6), shared.seeds)
def test_each_packed_example_computes_what_it_computes_alone(case, seed):
    """A toy attention layer on the packed rows (their positions and mask) equals each example run alone."""
    raw, seq_len = case
    batch = learner_pack(raw, seq_len)
    rows = shared.oracle_first_fit([len(ids) for ids, _, _ in raw], seq_len)
    model = shared.ToyAttention(seed, max_positions=seq_len)
    packed = model(batch.input_ids, batch.position_ids, packing.block_causal_mask(batch.document_ids))
    for r, indices in enumerate(rows):
        start = 0
        for index in indices:
            ids = raw[index][0]
            alone = model.alone(ids)
            difference = (packed[r, start : start + len(ids)] - alone).abs().max().item()
            assert difference <= EXACT["atol"], (
                f"example {index} (row {r}, columns {start}..{start + len(ids) - 1}) computes something "
                f"else packed than alone (largest difference {difference:.3g}): attention or positions leak"
            )
            start += len(ids)
    assert torch.isfinite(packed).all(), "a padding row of the mask sees nothing: softmax gives nan"


@pytest.mark.task("6.3")
@pytest.mark.points(2)
@given(packing_cases())
def test_positions_restart_and_labels_stay_inside_each_example(case):
    """Each example's positions run 0..n-1; its packed labels are exactly its own, the last one too."""
    raw, seq_len = case
    batch = learner_pack(raw, seq_len)
    documents, positions, labels = (
        batch.document_ids.tolist(),
        batch.position_ids.tolist(),
        batch.labels.tolist(),
    )
    for index, (ids, own_labels, _) in enumerate(raw):
        cells = [(r, c) for r, row in enumerate(documents) for c, d in enumerate(row) if d == index]
        assert len(cells) == len(ids), (
            f"example {index} has {len(ids)} positions but {len(cells)} in the batch"
        )
        assert [positions[r][c] for r, c in cells] == list(range(len(ids))), f"positions of example {index}"
        assert [labels[r][c] for r, c in cells] == own_labels, f"labels of example {index}"


@pytest.mark.task("6.3")
@pytest.mark.points(2)
@given(packing_cases())
def test_padding_is_inert(case):
    """Padding: PAD ids, IGNORE labels, loss mask False, position 0, document -1; nothing else is padding."""
    raw, seq_len = case
    batch = learner_pack(raw, seq_len)
    padding = batch.document_ids == -1
    assert (batch.input_ids[padding] == PAD).all(), "padding ids must be PAD"
    assert (batch.labels[padding] == IGNORE).all(), "padding labels must be IGNORE (-100)"
    assert not batch.loss_mask[padding].any(), "padding must not be supervised"
    assert (batch.position_ids[padding] == 0).all(), "padding positions are 0"
    assert int((~padding).sum()) == sum(len(ids) for ids, _, _ in raw)
    assert batch.labels[batch.loss_mask].ne(IGNORE).all() and batch.labels[~batch.loss_mask].eq(IGNORE).all()


@pytest.mark.task("6.3")
@pytest.mark.points(2)
def test_bad_input_is_rejected():
    """An example longer than a row, an empty example, seq_len below 1: ValueError; no examples: no rows."""
    raw = shared.as_examples(masking, [([1] * 7, [IGNORE] * 7, [False] * 7)])
    with pytest.raises(ValueError):
        packing.pack(raw, 6)
    with pytest.raises(ValueError):
        packing.first_fit([3, 7], 6)
    with pytest.raises(ValueError):
        packing.first_fit([3, 0], 6)
    with pytest.raises(ValueError):
        packing.pack(shared.as_examples(masking, [([], [], [])]), 6)
    for seq_len in (0, -3):
        with pytest.raises(ValueError):
            packing.first_fit([], seq_len)
        with pytest.raises(ValueError):
            packing.pack([], seq_len)
    assert packing.first_fit([], 4) == []
    empty = packing.pack([], 4)
    assert packed_lists(empty, 0, 4) == dict.fromkeys(FIELDS, [])
