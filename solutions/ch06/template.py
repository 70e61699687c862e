"""Task 6.1 — the chat template: a conversation becomes one sequence of token ids.

A pretrained model continues documents. To make it continue a *conversation*, write every
conversation as a document in one fixed format, the chat template, and fine-tune on many of
them. This chapter's template is about the simplest that works. Each message is its role's
special token, the content's bytes, and <|end|>:

    Message("system", "Be brief.")  ->  <|system|> B e   b r i e f . <|end|>
    Message("user", "2+2?")          ->  <|user|> 2 + 2 ? <|end|>
    Message("assistant", "4")        ->  <|assistant|> 4 <|end|>

`render` concatenates the messages. With `add_generation_prompt=True` it also appends a lone
<|assistant|>: the start of a turn the model is asked to write (at inference, not in training).

    >>> render([Message("user", "hi"), Message("assistant", "yo")])
    [257, 104, 105, 260, 258, 121, 111, 260]

The rules, pinned:

* a message is a `Message`, or a dict with "role" and "content" (`as_message` converts either);
* roles are "system", "user", "assistant" and "tool"; any other role is a ValueError that names
  it (a typo such as "asistant" must not quietly become some other turn);
* content must be a str (TypeError otherwise); "" is allowed and renders as [role, <|end|>];
* content is encoded with `tokens.encode(content)`: special-token text typed inside a message
  ("<|end|>", "<|assistant|>") stays ordinary bytes, so no message can end its own turn or
  forge another role's turn (prompt injection through the template);
* a conversation has at least one message (ValueError), and a system message may only be the
  first one (ValueError): it sets the rules before anything else happens.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .tokens import ASSISTANT, END, ROLE_TOKENS, ROLES, encode


@dataclass(frozen=True)
class Message:
    role: str  # "system", "user", "assistant" or "tool"
    content: str


def as_message(item: "Message | Mapping[str, str]") -> Message:
    """`item` as a `Message`: a `Message` is returned as it is, a dict's "role" and "content" are read.

    Only the shape is checked here; whether the role and content are valid is `render_message`'s job.
    """
    if isinstance(item, Message):
        return item
    if isinstance(item, Mapping):
        if "role" not in item or "content" not in item:
            raise ValueError(f"a message needs 'role' and 'content', got keys {sorted(map(str, item))}")
        return Message(item["role"], item["content"])
    raise TypeError(f"a message is a Message or a dict, got {type(item).__name__}")


def render_message(message: "Message | Mapping[str, str]") -> list[int]:
    """One message as ids: [role token, *UTF-8 bytes of the content, END].

    ValueError for an unknown role, TypeError for content that is not a str.
    """
    ### BEGIN SOLUTION 6.1
    message = as_message(message)
    if not isinstance(message.role, str) or message.role not in ROLES:
        raise ValueError(f"unknown role {message.role!r}: a role is one of {', '.join(ROLES)}")
    if not isinstance(message.content, str):
        raise TypeError(
            f"content of a {message.role} message must be str, got {type(message.content).__name__}"
        )
    return [ROLE_TOKENS[message.role], *encode(message.content), END]
    ### END SOLUTION


def render(
    messages: Iterable["Message | Mapping[str, str]"], add_generation_prompt: bool = False
) -> list[int]:
    """The whole conversation as ids: each message rendered in order, then ASSISTANT if asked for.

    ValueError for an empty conversation or a system message that is not the first message.
    """
    ### BEGIN SOLUTION 6.1
    messages = [as_message(item) for item in messages]
    if not messages:
        raise ValueError("a conversation needs at least one message")
    for index, message in enumerate(messages[1:], start=1):
        if message.role == "system":
            raise ValueError(f"message {index} is a system message: only the first message may be one")
    ids = [token for message in messages for token in render_message(message)]
    if add_generation_prompt:
        ids.append(ASSISTANT)
    return ids
    ### END SOLUTION
