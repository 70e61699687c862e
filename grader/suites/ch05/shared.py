"""What the chapter-5 test files share: stand-in models, small seeded TinyGPTs, independent
oracles for the sampling distribution and the schedule, and a chi-square test.

Oracles. The sampling distribution is recomputed in float64 with Python floats and loops, from
the rules pinned in the lesson (temperature on the logits, top-k by threshold, top-p keeping the
token that crosses p); the loss and the training step are checked against torch's own
`F.cross_entropy`, `clip_grad_norm_` and optimizers; the schedule against its formula written
out here. Nothing shares code with the reference.

Statistical tests. Where the code under test draws random numbers, the suites draw many samples
with a fixed seed and apply Pearson's chi-square test of the counts against the pinned
distribution, rejecting at p < ALPHA = 1e-6. For the reference the outcome is fixed by the seed;
for another correct implementation, which may consume random numbers differently, each such
check wrongly fails with probability about ALPHA (every expected count is at least 10, where the
chi-square approximation is close). The chapter's suite makes at most 12 such checks, so a
correct submission loses points to chance with probability below 1.2e-5. The bugs these tests
look for (a token never drawn, a distribution off by a temperature) give p-values far below
1e-30.

Nothing here loads the code under test at import time: a broken learner file must only fail
the tests that use it.
"""

import math

import torch
from hypothesis import strategies as st
from torch import nn

from llmdd.gpt import GPTConfig, TinyGPT

ALPHA = 1e-6  # false-alarm rate of one chi-square check
IGNORE = -100
seeds = st.integers(0, 2**32 - 1)


def chi_square_p_value(counts: list[int], probabilities: list[float]) -> float:
    """P-value of Pearson's chi-square test of `counts` against `probabilities` (bins with p > 0).

    Degrees of freedom: kept bins - 1. The upper tail of the chi-square distribution is the
    regularized upper incomplete gamma function Q(df / 2, statistic / 2).
    """
    total = sum(counts)
    kept = [(c, p) for c, p in zip(counts, probabilities) if p > 0]
    if len(kept) < 2:
        return 1.0
    statistic = math.fsum((c - total * p) ** 2 / (total * p) for c, p in kept)
    df = len(kept) - 1
    q = torch.special.gammaincc(
        torch.tensor(df / 2, dtype=torch.float64), torch.tensor(statistic / 2, dtype=torch.float64)
    )
    return q.item()


# -- models -----------------------------------------------------------------------------------

SMALL = GPTConfig(vocab_size=13, context_length=8, d_model=16, n_heads=2, n_layers=2)


def tiny_gpt(seed: int = 0, config: GPTConfig = SMALL, dtype: torch.dtype = torch.float32) -> TinyGPT:
    """A TinyGPT with random weights from `seed`, in eval mode; its logits scaled up so that
    greedy choices are clear-cut (no near-ties between the two best tokens)."""
    torch.manual_seed(seed)
    model = TinyGPT(config).to(dtype)
    with torch.no_grad():
        model.head.weight.mul_(50)
    return model.eval()


class FixedLogits(nn.Module):
    """A stand-in model: the same next-token logits at every position of every row."""

    def __init__(self, logits: list[float], context_length: int = 16) -> None:
        super().__init__()
        self.logits = torch.tensor(logits, dtype=torch.float32)
        self.config = GPTConfig(vocab_size=len(logits), context_length=context_length)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        if ids.shape[1] > self.config.context_length:
            raise ValueError(f"{ids.shape[1]} tokens, more than context_length={self.config.context_length}")
        return self.logits.expand(ids.shape[0], ids.shape[1], -1).clone()


class ScriptedModel(nn.Module):
    """A stand-in model that says row r's n-th new token is `scripts[r][n]`, with certainty.

    The row is read from the first prompt token (prompts are [[0], [1], ...]); n from the
    sequence length. Logits are 0 for the scripted token and -1e3 elsewhere: probability 1
    (exactly, in float32) for sampling and the argmax for greedy decoding.
    """

    def __init__(self, scripts: list[list[int]], vocab_size: int = 10) -> None:
        super().__init__()
        self.scripts = scripts
        self.config = GPTConfig(vocab_size=vocab_size, context_length=64)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        batch, length = ids.shape
        logits = torch.full((batch, length, self.config.vocab_size), -1e3)
        for row in range(batch):
            script = self.scripts[int(ids[row, 0])]
            logits[row, -1, script[min(length - 1, len(script) - 1)]] = 0.0
        return logits


def greedy_oracle(model: nn.Module, prompt: torch.Tensor, new_tokens: int) -> torch.Tensor:
    """Argmax decoding, written out: feed the last context_length tokens, append the argmax."""
    ids = prompt
    with torch.no_grad():
        for _ in range(new_tokens):
            logits = model(ids[:, -model.config.context_length :])[:, -1, :]
            ids = torch.cat([ids, logits.argmax(dim=-1, keepdim=True)], dim=1)
    return ids


# -- the sampling distribution ----------------------------------------------------------------


def oracle_probabilities(logits: list[float], temperature: float, top_k: int | None, top_p: float | None):
    """(probabilities, margin): the pinned distribution in float64 Python floats, and how close any
    cumulative probability came to top_p (a case within float rounding of p is ambiguous)."""
    vocab = len(logits)
    if temperature == 0:
        best = max(range(vocab), key=lambda i: (logits[i], -i))
        return [1.0 if i == best else 0.0 for i in range(vocab)], math.inf
    scaled = [z / temperature for z in logits]
    keep = [True] * vocab
    if top_k is not None and top_k < vocab:
        threshold = sorted(scaled, reverse=True)[top_k - 1]
        keep = [z >= threshold for z in scaled]
    top = max(z for z, k in zip(scaled, keep) if k)
    weights = [math.exp(z - top) if k else 0.0 for z, k in zip(scaled, keep)]
    total = math.fsum(weights)
    probabilities = [w / total for w in weights]
    margin = math.inf
    if top_p is not None and top_p < 1:
        order = sorted(range(vocab), key=lambda i: -probabilities[i])
        before, kept = 0.0, set()
        for i in order:
            if probabilities[i] == 0:
                break
            margin = min(margin, abs(before - top_p))
            if before < top_p:
                kept.add(i)
            before += probabilities[i]
        total = math.fsum(probabilities[i] for i in kept)
        probabilities = [probabilities[i] / total if i in kept else 0.0 for i in range(vocab)]
    return probabilities, margin


# -- the schedule -----------------------------------------------------------------------------


def oracle_learning_rate(step: int, max_lr: float, min_lr: float, warmup: int, total: int) -> float:
    """The pinned schedule: max * (step + 1) / warmup, then half a cosine to min at total, then min."""
    if step < warmup:
        return max_lr * (step + 1) / warmup
    if step >= total:
        return min_lr
    return min_lr + 0.5 * (max_lr - min_lr) * (1 + math.cos(math.pi * (step - warmup) / (total - warmup)))
