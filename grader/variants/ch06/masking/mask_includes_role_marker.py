"""Task 6.2: the mask covers the whole assistant message, its <|assistant|> marker included.

Flagging every token of the assistant's rendered message: the previous turn's <|end|> is then
trained to predict <|assistant|>, a token the template writes at inference, never the model.
"""
# ruff: noqa: F821


def assistant_mask(messages):
    messages = [as_message(item) for item in messages]
    render(messages)
    flags = []
    for message in messages:
        flags += [message.role == "assistant"] * len(render_message(message))
    return flags
