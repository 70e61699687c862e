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
    raise NotImplementedError("Task 6.1: render a conversation with a chat template")


def render(
    messages: Iterable["Message | Mapping[str, str]"], add_generation_prompt: bool = False
) -> list[int]:
    """The whole conversation as ids: each message rendered in order, then ASSISTANT if asked for.

    ValueError for an empty conversation or a system message that is not the first message.
    """
    raise NotImplementedError("Task 6.1: render a conversation with a chat template")
