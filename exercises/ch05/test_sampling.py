"""Task 5.5 — the sampling loop: temperature, top-k, top-p."""

import pytest
import torch
from torch import nn

from grader.checks import assert_close, assert_equal
from grader.loader import implementation
from llmdd.gpt import GPTConfig

sampling = implementation("ch05.sampling")
task = pytest.mark.task("5.5")


class FixedLogits(nn.Module):
    """A stand-in model: the same next-token logits at every position, whatever the input."""

    def __init__(self, logits, context_length=16):
        super().__init__()
        self.logits = torch.tensor(logits, dtype=torch.float32)
        self.config = GPTConfig(vocab_size=len(logits), context_length=context_length)

    def forward(self, ids):
        return self.logits.expand(ids.shape[0], ids.shape[1], -1)


def probabilities(logits, **options):
    return sampling.next_token_probabilities(torch.tensor([logits]), **options)[0]


@task
def test_temperature_one_is_the_softmax():
    """No filter: softmax of the logits."""
    logits = [2.0, 1.0, 0.0, -1.0]
    assert_close(probabilities(logits), torch.tensor(logits).softmax(-1), atol=1e-6)


@task
def test_temperature_divides_the_logits():
    """Temperature 2 is the softmax of logits / 2 (not a change of the probabilities after softmax)."""
    logits = [2.0, 1.0, 0.0, -1.0]
    got = probabilities(logits, temperature=2.0)
    assert_close(got, (torch.tensor(logits) / 2).softmax(-1), atol=1e-6)


@task
def test_temperature_zero_is_greedy():
    """Temperature 0: probability 1 on the argmax, 0 elsewhere; a negative temperature: ValueError."""
    assert probabilities([0.0, 3.0, 1.0], temperature=0.0).tolist() == [0.0, 1.0, 0.0]
    with pytest.raises(ValueError):
        probabilities([0.0, 3.0, 1.0], temperature=-1.0)


@task
def test_top_k_keeps_the_k_largest_with_probability_exactly_zero_elsewhere():
    """top-k 2 of [2, 1, 0, -1]: the softmax of [2, 1] and exact zeros; top-k 10 > V keeps all four."""
    got = probabilities([2.0, 1.0, 0.0, -1.0], top_k=2)
    assert got[2].item() == 0.0 and got[3].item() == 0.0, f"got {got.tolist()}"
    assert_close(got[:2], torch.tensor([2.0, 1.0]).softmax(-1), atol=1e-6)
    assert (probabilities([2.0, 1.0, 0.0, -1.0], top_k=10) > 0).all()


@task
def test_top_p_keeps_the_token_that_crosses_p():
    """Probabilities [0.5, 0.3, 0.2]: p = 0.6 keeps the first two (0.5 + 0.3 crosses 0.6), renormalized."""
    logits = torch.tensor([0.5, 0.3, 0.2]).log().tolist()
    got = probabilities(logits, top_p=0.6)
    assert_close(got, torch.tensor([0.625, 0.375, 0.0]), atol=1e-6)
    got = probabilities(logits, top_p=0.1)
    assert got.tolist() == [1.0, 0.0, 0.0], "the most likely token is always kept"


@task
def test_generate_appends_tokens_and_is_reproducible():
    """Prompt (2, 3) and 5 new tokens: (2, 8), the prompt unchanged, the same seed the same tokens."""
    model = FixedLogits([0.0, 0.5, 1.0, 0.2])
    prompt = torch.tensor([[0, 1, 2], [3, 3, 3]])
    first = sampling.generate(model, prompt, 5, generator=torch.Generator().manual_seed(1))
    second = sampling.generate(model, prompt, 5, generator=torch.Generator().manual_seed(1))
    assert tuple(first.shape) == (2, 8)
    assert_equal(first[:, :3], prompt, what="the prompt")
    assert_equal(first, second, what="the second run")


@task
def test_generation_stops_at_the_stop_id():
    """Greedy on logits that prefer id 2, with stop_id 2: one new token, then stop."""
    model = FixedLogits([0.0, 0.5, 3.0, 0.2])
    got = sampling.generate(model, torch.tensor([[1]]), 10, temperature=0.0, stop_id=2)
    assert got.tolist() == [[1, 2]]
