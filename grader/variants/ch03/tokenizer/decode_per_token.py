"""Task 3.5: decodes each token separately, breaking multi-byte characters.

Decoding token by token and joining the strings looks equivalent to joining the bytes first,
and is for ASCII; but "🤖" is three cl100k_base tokens, each an invalid fragment of UTF-8, so
it comes back as three U+FFFD.
"""
# ruff: noqa: F821


def decode(self, ids):
    pieces = []
    for token_id in ids:
        token_bytes = self.vocab.get(token_id) if isinstance(token_id, int) else None
        if token_bytes is None:
            raise ValueError(f"unknown token id {token_id!r}")
        pieces.append(token_bytes.decode("utf-8", errors="replace"))
    return "".join(pieces)


Tokenizer.decode = decode
