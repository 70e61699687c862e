"""Task 7.1: only the first final answer is read; the others are ignored.

A model that hedges, `\\boxed{41}` ... or maybe `\\boxed{42}`, gets full reward whenever its first
guess is right, and learns that listing candidates costs nothing.
"""
# ruff: noqa: F821


def math_reward(prompt, completion, gold):
    expected = parse_number(gold) if isinstance(gold, str) else None
    if expected is None:
        return MathReward(0.0, BAD_GOLD)
    answers = final_answers(completion)
    if not answers:
        return MathReward(0.0, NO_ANSWER)
    value = None if answers[0] is None else parse_number(answers[0])
    if value is None:
        return MathReward(0.0, NOT_A_NUMBER)
    if value == expected:
        return MathReward(1.0, CORRECT, value)
    return MathReward(0.0, WRONG, value)
