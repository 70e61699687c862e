"""Task 6.1: an unknown role is rendered as a user turn instead of raising a ValueError.

`ROLE_TOKENS.get(role, USER)`: forgiving, and wrong. A typo such as "asistant" in a data file
quietly turns the answers it was meant to teach into user turns, which are never trained on.
"""
# ruff: noqa: F821


def render_message(message):
    message = as_message(message)
    if not isinstance(message.content, str):
        raise TypeError(f"content must be str, got {type(message.content).__name__}")
    return [ROLE_TOKENS.get(message.role, ROLE_TOKENS["user"]), *encode(message.content), END]
