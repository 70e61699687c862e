r"""Task 7.1 — a reward for verifiable math answers: 1.0 if the final answer is right, else 0.0.

In a verifiable domain the reward is a program, not a judgment: find the completion's final
answer (`answers.final_answers`), read its value (`answers.parse_number`), compare it exactly
with the gold answer. The policy is trained to maximize whatever this function returns, so every
gap in it is a way to earn reward without solving the problem, and training *will* find it. The
rules below close the gaps a model stumbles into most easily:

* **Only the completion is read, never the prompt.** A few-shot prompt may contain worked
  examples with their own `\boxed{...}` answers; a reward that looks at prompt + completion pays
  the model for saying nothing. `prompt` is a parameter only so that every reward function has
  the same signature, `reward(prompt, completion, gold)`.
* **Every final answer must be the same number.** Several boxes holding *different* values
  (hedging: `\boxed{41}`, or maybe `\boxed{42}`) score 0, whichever is right. The same value
  written several times, even in different forms (`\boxed{0.5}` and `#### 1/2`), is fine.
* **Every final answer must be a number.** A box cut off before its closing brace, a box holding
  words, or an empty `####` line makes the completion wrong, even next to a correct answer.
* **Exact comparison.** Values are `Fraction`s and compared with `==`: `0.30000000000000004` is
  not `0.3`, and `10**30 + 1` is not `10**30`.
* **A gold answer that is not a number scores 0 for every completion**, and the result says so
  (`reason == BAD_GOLD`), so that a broken data set shows up in the logs instead of silently
  paying out (or silently teaching nothing). The gold answer is a bare number in the forms
  `parse_number` reads (for GSM8K, the text after its `####`); anything else, including a
  non-string, is a bad gold answer.
* **It never raises** on any completion text: a crash in the reward would stop a training run
  hours in, on one strange sample.

The result is a small `MathReward`: the reward, the reason, and the value read from the
completion when there was one.

>>> math_reward("What is 6 * 7?", "6 * 7 = 42\n#### 42", "42")
MathReward(reward=1.0, reason='correct', answer=Fraction(42, 1))
>>> math_reward("", "\\boxed{41} or \\boxed{42}", "42").reason
'several different answers'
>>> math_reward("", "#### 42", "forty-two")
MathReward(reward=0.0, reason='gold answer is not a number', answer=None)
"""

from dataclasses import dataclass
from fractions import Fraction

from .answers import final_answers, parse_number

CORRECT = "correct"
WRONG = "wrong answer"
NO_ANSWER = "no final answer"
NOT_A_NUMBER = "an answer is not a number"  # words in a box, a box cut off, an empty #### line
SEVERAL_ANSWERS = "several different answers"
BAD_GOLD = "gold answer is not a number"
REASONS = (CORRECT, WRONG, NO_ANSWER, NOT_A_NUMBER, SEVERAL_ANSWERS, BAD_GOLD)


@dataclass(frozen=True)
class MathReward:
    """What `math_reward` found. `float(result)` is the reward, so results add up like numbers."""

    reward: float  # 1.0 if reason is CORRECT, else 0.0
    reason: str  # one of REASONS
    answer: Fraction | None = None  # the completion's answer, when all its answers agree on one

    def __float__(self) -> float:
        return self.reward


def math_reward(prompt: str, completion: str, gold: str) -> MathReward:
    """Score `completion` against the gold answer: `MathReward(1.0, CORRECT, value)` when all its final
    answers are numbers equal to `gold`, a reward of 0.0 and the reason otherwise.

    The checks, in order: the gold answer is a number (else BAD_GOLD); the completion has a final
    answer (else NO_ANSWER); each answer is a number (else NOT_A_NUMBER); they are all equal
    (else SEVERAL_ANSWERS); it equals the gold answer (CORRECT, else WRONG). `answer` is set for
    CORRECT and WRONG only. `prompt` is never read.
    """
    raise NotImplementedError("Task 7.1: a reward for verifiable math answers")
