"""Task 5.4 (hidden) — global-norm clipping against `torch.nn.utils.clip_grad_norm_`, and the
training step against the same step written with torch's own pieces (`F.cross_entropy`,
`clip_grad_norm_`, the same optimizer) on a copy of the same model.

Models and batches are float64, so that the two computations agree to rounding (1e-10 allowed):
in float32, AdamW's first step divides each gradient by its own magnitude, and a gradient entry
near zero could flip sign between two correct implementations.
"""

import copy

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites.ch05 import shared
from llmdd import text
from llmdd.gpt import GPTConfig, TinyGPT

training = implementation("ch05.training")


@st.composite
def gradient_sets(draw):
    """(parameters with .grad set, or None for some), max_norm: 1-5 tensors, gradients at 3 scales."""
    generator = torch.Generator().manual_seed(draw(shared.seeds))
    scale = draw(st.sampled_from((1e-3, 1.0, 100.0)))
    dtype = draw(st.sampled_from((torch.float32, torch.float64)))
    parameters = []
    for shape in draw(st.lists(st.lists(st.integers(1, 5), max_size=3), min_size=1, max_size=5)):
        parameter = torch.nn.Parameter(torch.zeros(shape, dtype=dtype))
        if draw(st.integers(0, 4)):  # sometimes no gradient at all
            parameter.grad = torch.randn(shape, generator=generator, dtype=torch.float64).to(dtype) * scale
        parameters.append(parameter)
    return parameters, draw(st.sampled_from((0.01, 0.5, 1.0, 10.0, 1e4)))


@pytest.mark.task("5.4")
@pytest.mark.points(4)
@given(gradient_sets())
def test_clipping_matches_torch(case):
    """Clipped gradients and the returned norm equal clip_grad_norm_'s (parameters given as a generator)."""
    parameters, max_norm = case
    theirs = [torch.nn.Parameter(p.detach().clone()) for p in parameters]
    for mine, other in zip(parameters, theirs):
        other.grad = None if mine.grad is None else mine.grad.clone()
    expected_norm = float(torch.nn.utils.clip_grad_norm_(theirs, max_norm))
    norm = training.clip_grad_norm((p for p in parameters), max_norm)
    assert float(norm) == pytest.approx(expected_norm, rel=1e-5, abs=1e-12), (
        "the returned norm is the global norm before clipping"
    )
    for index, (mine, other) in enumerate(zip(parameters, theirs)):
        if other.grad is None:
            assert mine.grad is None, f"parameter {index} had no gradient and must keep none"
            continue
        assert torch.allclose(mine.grad, other.grad, rtol=1e-5, atol=1e-9 * max(1.0, expected_norm)), (
            f"parameter {index}: largest difference from torch's clipped gradient "
            f"{(mine.grad - other.grad).abs().max():.3g}"
        )


@pytest.mark.task("5.4")
@pytest.mark.points(2)
def test_clipping_is_by_the_global_norm():
    """Gradients [3, 4] and [0, 12]: global norm 13; max_norm 6.5 halves both, [3, 4] included."""
    a, b = torch.nn.Parameter(torch.zeros(2)), torch.nn.Parameter(torch.zeros(2))
    a.grad, b.grad = torch.tensor([3.0, 4.0]), torch.tensor([0.0, 12.0])
    assert training.clip_grad_norm([a, b], 6.5) == pytest.approx(13.0)
    assert torch.allclose(a.grad, torch.tensor([1.5, 2.0]), atol=1e-5), (
        f"got {a.grad.tolist()}: the direction must not change"
    )
    assert torch.allclose(b.grad, torch.tensor([0.0, 6.0]), atol=1e-5), f"got {b.grad.tolist()}"
    c = torch.nn.Parameter(torch.zeros(1))
    assert float(training.clip_grad_norm([c], 1.0)) == 0.0, "no gradients at all: the norm is 0"


CONFIG = GPTConfig(vocab_size=17, context_length=8, d_model=16, n_heads=2, n_layers=2)


def fixed_model_and_batch(seed: int = 3):
    torch.manual_seed(seed)
    model = TinyGPT(CONFIG).double()
    generator = torch.Generator().manual_seed(seed)
    inputs = torch.randint(0, 17, (3, 8), generator=generator)
    targets = torch.randint(0, 17, (3, 8), generator=generator)
    return model, inputs, targets


def oracle_step(model, optimizer, inputs, targets, max_grad_norm) -> tuple[float, float]:
    """(loss, gradient norm) of one step made of torch's own pieces."""
    model.train()
    optimizer.zero_grad()
    logits = model(inputs)
    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
    loss.backward()
    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)
    optimizer.step()
    return loss.item(), float(norm)


OPTIMIZERS = (
    ("SGD with momentum", lambda params: torch.optim.SGD(params, lr=0.5, momentum=0.9)),
    ("AdamW", lambda params: torch.optim.AdamW(params, lr=1e-2, betas=(0.9, 0.95), weight_decay=0.1)),
)


def assert_same_parameters(mine, theirs, what):
    for (name, got), (_, expected) in zip(mine.named_parameters(), theirs.named_parameters()):
        assert torch.allclose(got, expected, atol=1e-10, rtol=1e-8), (
            f"{what}: parameter {name} differs from torch's step by up to {(got - expected).abs().max():.3g}"
        )


@pytest.mark.task("5.4")
@pytest.mark.points(6)
def test_one_step_matches_torch():
    """On a fixed tiny GPT and batch, the returned loss and the parameters after one step are torch's."""
    for label, make_optimizer in OPTIMIZERS:
        for max_grad_norm in (0.05, 1e3):  # clipping on and off
            mine, inputs, targets = fixed_model_and_batch()
            theirs = copy.deepcopy(mine)
            expected_loss, norm = oracle_step(
                theirs, make_optimizer(theirs.parameters()), inputs, targets, max_grad_norm
            )
            assert max_grad_norm == 1e3 or norm > 2 * max_grad_norm, "the test's batch must need clipping"
            got = training.train_step(mine, make_optimizer(mine.parameters()), inputs, targets, max_grad_norm)
            assert type(got) is float, f"train_step returns a Python float, got {type(got).__name__}"
            assert got == pytest.approx(expected_loss, rel=1e-10), (
                f"{label}: returned loss {got}, the batch's loss before the step is {expected_loss}"
            )
            assert_same_parameters(mine, theirs, f"{label}, max_grad_norm {max_grad_norm}")


@pytest.mark.task("5.4")
@pytest.mark.points(4)
def test_gradients_do_not_leak_from_one_step_into_the_next():
    """Three steps on three batches equal torch's: each step uses only its own batch's gradient."""
    mine, _, _ = fixed_model_and_batch()
    theirs = copy.deepcopy(mine)
    my_optimizer = torch.optim.SGD(mine.parameters(), lr=0.3)
    their_optimizer = torch.optim.SGD(theirs.parameters(), lr=0.3)
    generator = torch.Generator().manual_seed(11)
    for step in range(3):
        inputs, targets = torch.randint(0, 17, (2, 2, 8), generator=generator)
        expected, _ = oracle_step(theirs, their_optimizer, inputs, targets, 1e3)
        got = training.train_step(mine, my_optimizer, inputs, targets, 1e3)
        assert got == pytest.approx(expected, rel=1e-10), f"step {step}: loss {got}, expected {expected}"
        assert_same_parameters(mine, theirs, f"after step {step}")


@pytest.mark.task("5.4")
@pytest.mark.points(4)
def test_a_few_steps_on_real_text_lower_the_loss():
    """25 steps on windows of Python's documentation: the held-out loss drops by more than 1 nat."""
    torch.manual_seed(0)
    model = TinyGPT(
        GPTConfig(vocab_size=text.VOCAB_SIZE, context_length=32, d_model=32, n_heads=2, n_layers=1)
    )
    stream = text.token_stream("train")
    generator = torch.Generator().manual_seed(0)

    def windows(count):
        starts = torch.randint(0, len(stream) - 33, (count,), generator=generator)
        rows = stream[starts[:, None] + torch.arange(33)]
        return rows[:, :-1], rows[:, 1:]

    held_out = windows(32)

    def held_out_loss():
        with torch.no_grad():
            logits = model.eval()(held_out[0])
        return F.cross_entropy(logits.reshape(-1, text.VOCAB_SIZE), held_out[1].reshape(-1)).item()

    before = held_out_loss()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2)
    losses = [training.train_step(model, optimizer, *windows(16), max_grad_norm=1.0) for _ in range(25)]
    after = held_out_loss()
    assert all(type(x) is float for x in losses), "train_step returns Python floats"
    assert after < before - 1.0, (
        f"held-out loss {before:.3f} -> {after:.3f} after 25 steps; "
        f"training losses {[round(x, 2) for x in losses]}"
    )
