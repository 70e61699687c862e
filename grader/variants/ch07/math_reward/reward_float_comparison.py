"""Task 7.1: the values are compared as floats, "up to rounding", with math.isclose.

0.30000000000000004 passes for 0.3, 0.3333333333333333 for 1/3, 10**30 + 1 for 10**30, and
3.14159 for 3.1415900001: near misses earn full reward. (And a number too large for a float
makes the reward raise OverflowError.)
"""
# ruff: noqa: F821

import math


def math_reward(prompt, completion, gold):
    expected = parse_number(gold) if isinstance(gold, str) else None
    if expected is None:
        return MathReward(0.0, BAD_GOLD)
    answers = final_answers(completion)
    if not answers:
        return MathReward(0.0, NO_ANSWER)
    values = [None if answer is None else parse_number(answer) for answer in answers]
    if any(value is None for value in values):
        return MathReward(0.0, NOT_A_NUMBER)
    if len(set(values)) > 1:
        return MathReward(0.0, SEVERAL_ANSWERS)
    value = values[0]
    if math.isclose(float(value), float(expected), rel_tol=1e-9, abs_tol=1e-9):
        return MathReward(1.0, CORRECT, value)
    return MathReward(0.0, WRONG, value)
