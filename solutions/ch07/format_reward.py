"""Task 7.2 — a format reward, kept separate from correctness and added to it with a weight.

Correctness is what we want; format is what makes correctness checkable and the output usable:
reasoning in one marked place, then one answer line a program can find. A separate, small format
reward teaches the layout early, while correct answers are still rare, without ever being worth
as much as being right. The required format, exactly:

    <think>
    ...the reasoning...
    </think>
    #### 42

`format_reward` is 1.0 when all of these hold, else 0.0 (whitespace as `str.strip` removes it):

1. after stripping surrounding whitespace, the completion starts with `<think>`;
2. it contains `<think>` exactly once and `</think>` exactly once (so the block is closed, and
   there is no second block);
3. the reasoning between them has at least one non-whitespace character;
4. what follows `</think>`, stripped, is a single line (as `str.splitlines` counts lines) that
   starts with `####` followed by a non-empty answer.

The format reward does not look at the answer's value: `#### banana` is well formatted, and
wrong, which is `math_reward`'s business. Like every reward here it reads only the completion
(the opening `<think>` must be in it, even if a chat template put one at the end of the prompt),
and it never raises on any text.

Combining: `combined_reward = correctness + format_weight * format`. With the default weight,
0.1, the four kinds of completion rank correct and formatted (1.1) > correct (1.0) > formatted
but wrong (0.1) > neither (0.0): the format can break ties, never outvote the answer.

>>> format_reward("", "<think>6 * 7 = 42</think>\\n#### 42")
1.0
>>> format_reward("", "#### 42")
0.0
"""

import math
from collections.abc import Callable

from .math_reward import math_reward

OPEN, CLOSE, ANSWER = "<think>", "</think>", "####"
FORMAT_WEIGHT = 0.1

Correctness = Callable[[str, str, str], float]  # or anything `float()` accepts, like a MathReward


def format_reward(prompt: str, completion: str) -> float:
    """1.0 if `completion` has the required format (see the module's docstring), else 0.0."""
    ### BEGIN SOLUTION 7.2
    text = completion.strip()
    if not text.startswith(OPEN) or text.count(OPEN) != 1 or text.count(CLOSE) != 1:
        return 0.0
    reasoning, _, rest = text[len(OPEN) :].partition(CLOSE)
    lines = rest.strip().splitlines()
    if not reasoning.strip() or len(lines) != 1:
        return 0.0
    line = lines[0]
    return 1.0 if line.startswith(ANSWER) and line[len(ANSWER) :].strip() else 0.0
    ### END SOLUTION


def combined_reward(
    prompt: str,
    completion: str,
    gold: str,
    format_weight: float = FORMAT_WEIGHT,
    correctness: Correctness = math_reward,
) -> float:
    """`float(correctness(prompt, completion, gold)) + format_weight * format_reward(prompt, completion)`.

    `correctness` is any reward with the signature `(prompt, completion, gold)`, `math_reward` by
    default. `format_weight` must be a finite number >= 0 (else `ValueError`): a negative weight
    would punish the format it is meant to teach.
    """
    ### BEGIN SOLUTION 7.2
    if not (math.isfinite(format_weight) and format_weight >= 0):
        raise ValueError(f"format_weight must be finite and >= 0, not {format_weight!r}")
    return float(correctness(prompt, completion, gold)) + format_weight * format_reward(prompt, completion)
    ### END SOLUTION
