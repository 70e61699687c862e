"""Task 7.1: a gold answer that is not a number is never checked, so None == None pays out.

Gold and completion are parsed the same way and the two values compared with `==`. When a data
set row's gold answer is not a number ("forty-two", "n/a") and the completion's answer is not one
either, or there is no answer at all, both sides are None, and None == None: full reward for
saying nothing, on every broken row.
"""
# ruff: noqa: F821


def math_reward(prompt, completion, gold):
    expected = parse_number(gold) if isinstance(gold, str) else None
    values = {None if answer is None else parse_number(answer) for answer in final_answers(completion)}
    if len(values) > 1:
        return MathReward(0.0, SEVERAL_ANSWERS)
    value = values.pop() if values else None
    if value == expected:
        return MathReward(1.0, CORRECT, value)
    return MathReward(0.0, WRONG, value)
