"""What the chapter-7 test files share: completions built around known answers, independent
oracles in plain Python, seeded tensors and tolerances.

The reward tests never compare the learner's reward with the reference's on arbitrary text:
every completion is built so that its pinned reward is known by construction (its final answers,
where they are, what numbers they write). The tensor oracles are written out with Python floats
and loops, sequence by sequence and token by token, in float64 (`math.fsum`, an exact sum):
nothing in them shares code with the reference.

Tolerances. Inputs are made in float64 and rounded to the dtype under test; oracles run in
float64 on the rounded values. In float64 the reference stays within 1e-13 of the oracles on the
suites' draws (advantages: rewards within ±10, spreads of at least 1e-3 or exactly 0; losses:
log-probs within -30..0, advantages within ±3); 1e-9 is allowed. In float32, log-probs of logits
up to ±20 differ by up to 4e-6, advantages of dyadic rewards by up to 2e-6, losses by up to 1e-6;
1e-4 is allowed. The bugs the suites look for (a missing mean, a sample std, a mask ignored,
another average, a flipped sign, a missing min) move results by far more on almost every draw.

Nothing here loads the code under test at import time: a broken learner file must only fail
the tests that use it.
"""

import math
from fractions import Fraction

import torch
from hypothesis import strategies as st

from grader import loader
from grader.checks import assert_close  # noqa: F401  (re-exported for the chapter's tests)
from grader.suites import strategies

F64_TOLERANCE = {"atol": 1e-9, "rtol": 1e-9}
F32_TOLERANCE = {"atol": 1e-4, "rtol": 1e-4}
DTYPES = (torch.float32, torch.float64)

seeds = st.integers(0, 2**32 - 1)
dtypes = st.sampled_from(DTYPES)
TRAILING = ("", "\n", " ", "\n\n", " \n")  # what may follow a final `####` line
# Pieces of answer markup, glued between arbitrary text so that markers, braces, signs and digits
# meet in every combination.
MARKUP = (
    "\\boxed{", "\\boxed", "{", "}", "}}", "####", "#### ", "\n#### ", "\n", "\r\n", "\\frac{",
    "\\dfrac{1}{2}", "$", "\\$", "-", "\u2212", "+", ",", ".", "/", "0", "42", "1,000", "3/4", "9" * 60,
    "<think>", "</think>",
)  # fmt: skip


FILLER = strategies.answer_free_text(4)  # reasoning around the answers
SHORT_FILLER = strategies.answer_free_text(2)
INDENTS = st.sampled_from(("", " ", "  "))
SPACES = st.sampled_from(" \t")
TRAILERS = st.sampled_from(TRAILING)


def reference(module: str):
    """Module `module` ("math_reward") of the reference solution."""
    return loader.load(f"ch07.{module}", "solutions")


def tolerance(dtype: torch.dtype) -> dict:
    return F64_TOLERANCE if dtype == torch.float64 else F32_TOLERANCE


# --- completions -------------------------------------------------------------------------------


def markup_text(max_pieces: int = 20) -> st.SearchStrategy[str]:
    """Arbitrary Unicode text with answer markup (boxes, `####`, braces, signs, digits) mixed in."""
    piece = st.one_of(strategies.unicode_text(3), st.sampled_from(MARKUP))
    return st.lists(piece, max_size=max_pieces).map("".join)


@st.composite
def completion_with_answers(draw, values: list[Fraction], final_line: bool | None = None) -> str:
    """Reasoning text with each of `values` written (each its own way) as a final answer.

    Every value but the last is a `\\boxed{...}` among the reasoning; the last is a box too, or
    the completion's last line `#### ...` (`final_line` forces one or the other). The reasoning
    holds no other answer, so the completion's final answers are exactly `values`.
    """
    text = []
    line = draw(st.booleans()) if final_line is None else final_line
    for index, value in enumerate(values):
        text.append(draw(FILLER))
        rendering = draw(strategies.number_renderings(value))
        if line and index == len(values) - 1:
            indent, space = draw(INDENTS), draw(SPACES)
            text.append(f"\n{indent}####{space}{rendering}")
            text.append(draw(TRAILERS))
        else:
            text.append(f"\\boxed{{{rendering}}}")
    if not line:
        text.append(draw(SHORT_FILLER))
    return "".join(text)


def different_numbers() -> st.SearchStrategy[tuple[Fraction, Fraction]]:
    """Two different exact numbers; often close: off by one, off by a tiny fraction, opposite signs."""

    def neighbour(value: Fraction) -> st.SearchStrategy[Fraction]:
        return st.one_of(
            strategies.exact_numbers(),
            st.sampled_from((1, -1, Fraction(1, 10**6), Fraction(1, 10**20), Fraction(1, 3))).map(
                lambda step: value + step
            ),
            st.just(-value),
            st.just(value * 10),
        )

    return (
        strategies.exact_numbers()
        .flatmap(lambda value: st.tuples(st.just(value), neighbour(value)))
        .filter(lambda pair: pair[0] != pair[1])
    )


DIFFERENT_NUMBERS = different_numbers()


# --- tensors -------------------------------------------------------------------------------------


def tensor(shape: tuple[int, ...], seed: int, dtype: torch.dtype = torch.float64, scale: float = 1.0):
    """Standard normal entries times `scale`, made in float64 and rounded to `dtype`."""
    generator = torch.Generator().manual_seed(seed)
    return (torch.randn(shape, generator=generator, dtype=torch.float64) * scale).to(dtype)


def masks(shape: tuple[int, int], seed: int, kind: str = "bool") -> torch.Tensor:
    """A completion mask (B, T): each row a prompt, then a completion, then padding, any of them
    possibly empty; as bool, or as 0/1 in float or int (`kind`)."""
    generator = torch.Generator().manual_seed(seed)
    batch, length = shape
    mask = torch.zeros(shape, dtype=torch.bool)
    for row in range(batch):
        start, end = sorted(torch.randint(0, length + 1, (2,), generator=generator).tolist())
        mask[row, start:end] = True
    return {"bool": mask, "float": mask.double(), "int": mask.long()}[kind]


# --- oracles -------------------------------------------------------------------------------------


def advantages_oracle(rewards: list[list[float]], eps: float) -> list[list[float]]:
    """Group by group: (r - mean) / (population std + eps), exactly 0 for a group of equal rewards."""
    result = []
    for group in rewards:
        if len(set(group)) == 1:
            result.append([0.0] * len(group))
            continue
        mean = math.fsum(group) / len(group)
        std = math.sqrt(math.fsum((r - mean) ** 2 for r in group) / len(group))
        result.append([(r - mean) / (std + eps) for r in group])
    return result


def log_prob_oracle(logits: list[list[list[float]]], tokens: list[list[int]]) -> list[list[float]]:
    """log softmax at each sampled token: logit - (max + log sum exp(logit - max))."""
    result = []
    for sequence, sampled in zip(logits, tokens):
        row = []
        for scores, token in zip(sequence, sampled):
            top = max(scores)
            row.append(scores[token] - top - math.log(math.fsum(math.exp(s - top) for s in scores)))
        result.append(row)
    return result


def sequence_mean_oracle(values: list[list[float]], mask: list[list[bool]]) -> float:
    """Mean over each row's masked entries (0 for a row with none), then mean over rows."""
    means = []
    for row, row_mask in zip(values, mask):
        chosen = [value for value, keep in zip(row, row_mask) if keep]
        means.append(math.fsum(chosen) / max(len(chosen), 1))
    return math.fsum(means) / len(means)


def reinforce_oracle(log_probs, advantages, mask) -> float:
    """-(sequence mean of advantage * log p), sequence by sequence."""
    products = [[a * lp for lp in row] for row, a in zip(log_probs, advantages)]
    return -sequence_mean_oracle(products, mask)


def clipped_oracle(log_probs, old_log_probs, advantages, mask, clip_eps: float) -> float:
    """-(sequence mean of min(ratio * A, clip(ratio) * A)), token by token."""
    objectives = []
    for row, old_row, a, row_mask in zip(log_probs, old_log_probs, advantages, mask):
        objective = []
        for lp, old, keep in zip(row, old_row, row_mask):
            ratio = math.exp(lp - old) if keep else 1.0
            clipped = min(max(ratio, 1 - clip_eps), 1 + clip_eps)
            objective.append(min(ratio * a, clipped * a))
        objectives.append(objective)
    return -sequence_mean_oracle(objectives, mask)


def clipped_gradient_oracle(log_probs, old_log_probs, advantages, mask, clip_eps: float) -> list[list[float]]:
    """d loss / d log_probs: -A * ratio / (count * B) where the unclipped term is the smaller, else 0."""
    batch, gradient = len(log_probs), []
    for row, old_row, a, row_mask in zip(log_probs, old_log_probs, advantages, mask):
        count = max(sum(bool(keep) for keep in row_mask), 1)
        gradient_row = []
        for lp, old, keep in zip(row, old_row, row_mask):
            ratio = math.exp(lp - old)
            active = keep and (
                ratio * a < min(max(ratio, 1 - clip_eps), 1 + clip_eps) * a
                or 1 - clip_eps < ratio < 1 + clip_eps
            )
            gradient_row.append(-a * ratio / (count * batch) if active else 0.0)
        gradient.append(gradient_row)
    return gradient
