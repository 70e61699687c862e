"""Task 6.4 (hidden) — `sft_loss` against a float64 oracle: the mean over supervised positions only.

The oracle (`shared.oracle_loss`) sums -log_softmax(logits)[label] in float64 over positions
whose label is not -100 and whose mask is True, and divides by their number; 0.0 if none.
"""

import math

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites.ch06 import shared
from grader.suites.ch06.shared import IGNORE

loss = implementation("ch06.loss")


@st.composite
def loss_cases(draw, with_mask=None, supervised=None):
    """(logits (..., V), labels, loss_mask or None): 1-3 leading dims, V 1-40, some positions ignored.

    Labels at unsupervised positions are -100 half of the time, otherwise any id, even one
    outside the vocabulary (like PAD with a small V): those must not count either.
    """
    shape = tuple(draw(st.lists(st.integers(1, 6), min_size=1, max_size=3)))
    vocab = draw(st.integers(1, 40))
    dtype = draw(st.sampled_from((torch.float32, torch.float64)))
    scale = draw(st.sampled_from((0.1, 1.0, 5.0, 30.0)))
    generator = torch.Generator().manual_seed(draw(shared.seeds))
    logits = (torch.randn(*shape, vocab, generator=generator, dtype=torch.float64) * scale).to(dtype)
    labels = torch.randint(0, vocab, shape, generator=generator)
    share = draw(supervised if supervised is not None else st.floats(0, 1))  # of supervised positions
    keep = torch.rand(shape, generator=generator, dtype=torch.float64) < share
    use_mask = draw(st.booleans()) if with_mask is None else with_mask
    if not use_mask:
        return logits, labels.masked_fill(~keep, IGNORE), None
    stray = torch.where(torch.rand(shape, generator=generator) < 0.5, IGNORE, labels + vocab + 3)
    labels = torch.where(keep, labels, stray)
    mask = keep.clone()
    if draw(st.booleans()):  # a True mask over an ignored label still does not count
        mask |= (labels == IGNORE) & (torch.rand(shape, generator=generator) < 0.5)
    return logits, labels, mask


@pytest.mark.task("6.4")
@pytest.mark.points(3)
def test_known_answers():
    """Uniform logits cost ln V; a certain right answer costs 0; float64 in, float64 out."""
    uniform = torch.zeros(2, 3, 5, dtype=torch.float64)
    labels = torch.tensor([[0, 1, IGNORE], [4, IGNORE, IGNORE]])
    shared.assert_close(loss.sft_loss(uniform, labels), math.log(5), torch.float64)
    sure = torch.full((1, 2, 3), -1e4)
    sure[0, 0, 2] = sure[0, 1, 0] = 1e4
    shared.assert_close(loss.sft_loss(sure, torch.tensor([[2, 0]])), 0.0, torch.float32)
    got = loss.sft_loss(uniform.float(), labels, labels != IGNORE)
    assert got.dtype == torch.float32, f"float32 logits: loss dtype {got.dtype}, expected float32"
    flat = torch.tensor([[0.0, math.log(3)], [1.0, 1.0]], dtype=torch.float64)  # (T=2, V=2)
    expected = F.cross_entropy(flat[:1], torch.tensor([1])).item()
    shared.assert_close(loss.sft_loss(flat, torch.tensor([1, IGNORE])), expected, torch.float64)


@pytest.mark.task("6.4")
@pytest.mark.points(5)
@given(loss_cases())
def test_matches_the_oracle(case):
    """Any shape, V, dtype and scale, with and without a mask: the float64 oracle within 1e-5 (float32)."""
    logits, labels, mask = case
    got = loss.sft_loss(logits, labels, mask)
    assert got.dtype == logits.dtype, f"loss dtype {got.dtype}, expected the logits' {logits.dtype}"
    shared.assert_close(got, shared.oracle_loss(logits, labels, mask), logits.dtype)


@pytest.mark.task("6.4")
@pytest.mark.points(2)
@given(loss_cases(with_mask=False, supervised=st.floats(0.05, 1)))
def test_matches_torch_cross_entropy_with_ignore_index(case):
    """Without a mask: F.cross_entropy(logits.view(-1, V), labels.view(-1), ignore_index=-100)."""
    logits, labels, _ = case
    if not (labels != IGNORE).any():
        labels.view(-1)[0] = 0
    vocab = logits.shape[-1]
    expected = F.cross_entropy(logits.double().reshape(-1, vocab), labels.reshape(-1), ignore_index=IGNORE)
    shared.assert_close(loss.sft_loss(logits, labels), expected.item(), logits.dtype)


@pytest.mark.task("6.4")
@pytest.mark.points(3)
@given(st.integers(1, 5), st.integers(6, 12), shared.seeds)
def test_every_supervised_token_weighs_the_same(short, long, seed):
    """`short` and `long` supervised tokens in two rows: the mean over all, not per row or over T."""
    generator = torch.Generator().manual_seed(seed)
    logits = torch.randn(2, 16, 9, generator=generator, dtype=torch.float64)
    logits[0] *= 4  # the two sequences' losses differ a lot
    labels = torch.randint(0, 9, (2, 16), generator=generator)
    labels[0, short:] = IGNORE
    labels[1, long:] = IGNORE
    terms = -F.log_softmax(logits, -1).gather(-1, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1)
    expected = (terms[0, :short].sum() + terms[1, :long].sum()).item() / (short + long)
    shared.assert_close(loss.sft_loss(logits, labels), expected, torch.float64)
    shared.assert_close(loss.sft_loss(logits, labels, labels != IGNORE), expected, torch.float64)


@pytest.mark.task("6.4")
@pytest.mark.points(2)
@given(loss_cases(with_mask=True), shared.seeds)
def test_unsupervised_positions_do_not_matter(case, seed):
    """Changing the logits and labels where nothing is supervised leaves the loss and gradients unchanged."""
    logits, labels, mask = case
    supervised = mask & (labels != IGNORE)
    generator = torch.Generator().manual_seed(seed)
    noise = torch.randn(logits.shape, generator=generator, dtype=torch.float64).to(logits.dtype) * 50
    changed = torch.where(supervised.unsqueeze(-1), logits, noise)
    other_labels = torch.where(mask, labels, torch.full_like(labels, 10_000))  # mask False: any label
    first = logits.clone().requires_grad_()
    second = changed.clone().requires_grad_()
    loss_first = loss.sft_loss(first, labels, mask)
    loss_second = loss.sft_loss(second, other_labels, mask)
    shared.assert_close(loss_second, loss_first.item(), logits.dtype)
    (loss_first + loss_second).backward()
    assert first.grad is not None and second.grad is not None, "no gradient reached the logits"
    assert (first.grad[~supervised] == 0).all() and (second.grad[~supervised] == 0).all(), (
        "an unsupervised position received a gradient"
    )


@pytest.mark.task("6.4")
@pytest.mark.points(3)
@given(loss_cases(supervised=st.just(0.0)))
def test_nothing_supervised_gives_zero_and_zero_gradients(case):
    """No supervised position (all -100, or the mask all False): exactly 0, not nan; backward gives zeros."""
    logits, labels, mask = case
    leaf = logits.clone().requires_grad_()
    got = loss.sft_loss(leaf, labels, mask)
    assert isinstance(got, torch.Tensor) and got.dim() == 0, "the loss is a 0-dim tensor"
    assert not torch.isnan(got), "0 / 0: a batch with no supervised token must give 0, not nan"
    assert got.item() == 0.0
    assert got.requires_grad, "the zero loss must still be part of the graph (loss.backward() must work)"
    got.backward()
    assert leaf.grad is not None and (leaf.grad == 0).all(), "gradients must be exactly zero"


@pytest.mark.task("6.4")
@pytest.mark.points(1)
@given(loss_cases(supervised=st.floats(0.1, 1)))
def test_gradients_match_the_oracle(case):
    """d loss / d logits is (softmax - one-hot) / count at supervised positions, in float64."""
    logits, labels, mask = case
    logits = logits.double()
    supervised = (labels != IGNORE) & (mask if mask is not None else True)
    leaf = logits.clone().requires_grad_()
    loss.sft_loss(leaf, labels, mask).backward()
    assert leaf.grad is not None, "no gradient reached the logits: is the loss detached?"
    count = max(int(supervised.sum()), 1)
    one_hot = F.one_hot(labels.clamp(0, logits.shape[-1] - 1), logits.shape[-1]).double()
    expected = (torch.softmax(logits, -1) - one_hot) * supervised.unsqueeze(-1) / count
    assert torch.allclose(leaf.grad, expected, atol=1e-12, rtol=1e-9), (
        f"largest gradient difference {(leaf.grad - expected).abs().max().item():.3g}"
    )


@pytest.mark.task("6.4")
@pytest.mark.points(1)
def test_bad_input_is_rejected():
    """Labels or a mask of the wrong shape, or a supervised label outside the vocabulary: ValueError."""
    logits = torch.zeros(2, 3, 4)
    with pytest.raises(ValueError):
        loss.sft_loss(logits, torch.zeros(2, 4, dtype=torch.long))
    with pytest.raises(ValueError):
        loss.sft_loss(logits, torch.zeros(6, dtype=torch.long))
    with pytest.raises(ValueError):
        loss.sft_loss(logits, torch.zeros(2, 3, dtype=torch.long), torch.ones(3, 2, dtype=torch.bool))
    for label in (4, 261, -1):
        with pytest.raises(ValueError):
            loss.sft_loss(logits, torch.tensor([[0, label, 0], [1, 1, 1]]))
    # ...but an out-of-range label where the mask is False is ignored like any other.
    mask = torch.tensor([[True, False, True], [True, True, True]])
    shared.assert_close(
        loss.sft_loss(logits, torch.tensor([[0, 261, 0], [1, 1, 1]]), mask), math.log(4), torch.float32
    )
