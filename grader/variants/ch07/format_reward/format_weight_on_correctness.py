"""Task 7.2: the weight multiplies the correctness instead of the format.

`format_weight * correctness + format`: with the default 0.1, a well-formatted wrong answer (1.0)
now outscores a correct one without the format (0.1). The model learns the layout and stops
caring about the answer.
"""
# ruff: noqa: F821


def combined_reward(prompt, completion, gold, format_weight=FORMAT_WEIGHT, correctness=math_reward):
    if not (math.isfinite(format_weight) and format_weight >= 0):
        raise ValueError(f"format_weight must be finite and >= 0, not {format_weight!r}")
    return format_weight * float(correctness(prompt, completion, gold)) + format_reward(prompt, completion)
