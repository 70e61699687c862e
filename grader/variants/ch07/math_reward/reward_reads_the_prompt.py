"""Task 7.1: the reward reads the whole decoded sequence, prompt included.

Scoring `prompt + completion` (the text of the whole sampled sequence, as it comes out of the
tokenizer) looks harmless, but a few-shot prompt holds worked examples with their own answers:
a completion that says nothing then "answers" with the prompt's, and a right completion after a
prompt with another answer counts as several different answers.
"""
# ruff: noqa: F821

_reference_math_reward = math_reward


def math_reward(prompt, completion, gold):
    return _reference_math_reward("", prompt + "\n" + completion, gold)
