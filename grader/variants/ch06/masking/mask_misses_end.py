"""Task 6.2: the mask covers the assistant's content but not its <|end|>.

Masking "the content" and forgetting the end-of-turn token: the model never learns to stop,
and at inference it rambles on into a made-up user turn.
"""
# ruff: noqa: F821


def assistant_mask(messages):
    messages = [as_message(item) for item in messages]
    render(messages)
    flags = []
    for message in messages:
        ids = render_message(message)
        trained = message.role == "assistant"
        flags += [False] + [trained] * (len(ids) - 2) + [False]
    return flags
