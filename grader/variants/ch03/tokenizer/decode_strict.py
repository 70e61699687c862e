"""Task 3.5: decode raises on invalid UTF-8 instead of giving U+FFFD.

`bytes.decode("utf-8")` is strict by default. Any id sequence is a valid input to decode — a
model can sample half a character — so decode must replace invalid bytes with U+FFFD instead.
"""
# ruff: noqa: F821


def decode(self, ids):
    pieces = []
    for token_id in ids:
        token_bytes = self.vocab.get(token_id) if isinstance(token_id, int) else None
        if token_bytes is None:
            raise ValueError(f"unknown token id {token_id!r}")
        pieces.append(token_bytes)
    return b"".join(pieces).decode("utf-8")


Tokenizer.decode = decode
