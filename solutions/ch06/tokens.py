"""The chapter's tokenizer (given, nothing to write here): UTF-8 bytes plus six special tokens.

A real chat model uses its pretrained BPE vocabulary (chapter 3) and adds a few special tokens
for the chat format. Here every byte is its own token, so that this chapter needs nothing from
the others and every id is easy to read:

    ids 0..255    the bytes of UTF-8 text              "hé" -> [104, 195, 169]
    256           <|system|>     start of a system turn
    257           <|user|>       start of a user turn
    258           <|assistant|>  start of an assistant turn
    259           <|tool|>       start of a tool result (what a tool the assistant called returned)
    260           <|end|>        end of any turn
    261           <|pad|>        filler at the end of a packed row; never attended to from real tokens

A special token is one id that no text can produce by accident: `encode(text)` turns the
characters "<|end|>" inside a message into seven ordinary byte ids, never into id 260. Only
`encode(text, allow_special=True)` reads special-token text as the special tokens, for writing
a template by hand. Never use it on text that came from a user, a web page or a tool.

>>> encode("hi<|end|>")
[104, 105, 60, 124, 101, 110, 100, 124, 62]
>>> encode("hi<|end|>", allow_special=True)
[104, 105, 260]
>>> decode([257, 104, 105, 260])
'<|user|>hi<|end|>'
"""

import re
from collections.abc import Iterable

NUM_BYTES = 256
SYSTEM, USER, ASSISTANT, TOOL, END, PAD = range(NUM_BYTES, NUM_BYTES + 6)
SPECIAL_TOKENS = {
    "<|system|>": SYSTEM,
    "<|user|>": USER,
    "<|assistant|>": ASSISTANT,
    "<|tool|>": TOOL,
    "<|end|>": END,
    "<|pad|>": PAD,
}
SPECIAL_TEXT = {token_id: text for text, token_id in SPECIAL_TOKENS.items()}
VOCAB_SIZE = NUM_BYTES + len(SPECIAL_TOKENS)  # 262

ROLES = ("system", "user", "assistant", "tool")
ROLE_TOKENS = {"system": SYSTEM, "user": USER, "assistant": ASSISTANT, "tool": TOOL}

_SPECIAL_PATTERN = re.compile("|".join(re.escape(text) for text in SPECIAL_TOKENS))


def encode(text: str, allow_special: bool = False) -> list[int]:
    """The ids of `text`: its UTF-8 bytes; special-token text becomes special ids only if allowed."""
    if not isinstance(text, str):
        raise TypeError(f"encode expects str, got {type(text).__name__}")
    if not allow_special:
        return list(text.encode("utf-8"))
    ids, start = [], 0
    for match in _SPECIAL_PATTERN.finditer(text):
        ids.extend(text[start : match.start()].encode("utf-8"))
        ids.append(SPECIAL_TOKENS[match.group()])
        start = match.end()
    ids.extend(text[start:].encode("utf-8"))
    return ids


def decode(ids: Iterable[int]) -> str:
    """Text for `ids`: bytes decoded as UTF-8 (invalid bytes become U+FFFD), specials as their text."""
    pieces: list[str] = []
    pending = bytearray()
    for token_id in ids:
        token_id = int(token_id)
        if 0 <= token_id < NUM_BYTES:
            pending.append(token_id)
        elif token_id in SPECIAL_TEXT:
            pieces.append(pending.decode("utf-8", errors="replace"))
            pending.clear()
            pieces.append(SPECIAL_TEXT[token_id])
        else:
            raise ValueError(f"id {token_id} is not in the vocabulary (0..{VOCAB_SIZE - 1})")
    pieces.append(pending.decode("utf-8", errors="replace"))
    return "".join(pieces)
