"""Task 7.2: the answer line is searched for after `</think>`, not required to end the completion.

`re.search(r"</think>\\s*####\\s*\\S", text)` without an end anchor: a completion may add anything
after its answer line, chatter or a second `####` line, and still earn the format reward.
"""
# ruff: noqa: F821

import re


def format_reward(prompt, completion):
    text = completion.strip()
    if not text.startswith(OPEN) or text.count(OPEN) != 1 or text.count(CLOSE) != 1:
        return 0.0
    reasoning = text[len(OPEN) :].partition(CLOSE)[0]
    if not reasoning.strip():
        return 0.0
    return 1.0 if re.search(r"</think>\s*####[ \t]*\S", text) else 0.0
