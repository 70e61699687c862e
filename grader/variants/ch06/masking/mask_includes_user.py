"""Task 6.2: the loss mask covers user turns as well as assistant turns.

`trained = message.role in ("user", "assistant")`: "the dialogue" instead of "the answers". The
model is now also trained to write the user's questions, and learns to continue a conversation
by impersonating the user.
"""
# ruff: noqa: F821


def assistant_mask(messages):
    messages = [as_message(item) for item in messages]
    render(messages)
    flags = []
    for message in messages:
        ids = render_message(message)
        trained = message.role in ("user", "assistant")
        flags += [False] + [trained] * (len(ids) - 1)
    return flags
