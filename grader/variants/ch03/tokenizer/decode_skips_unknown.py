"""Task 3.5: decode skips unknown ids instead of raising ValueError.

`self.vocab.get(token_id, b"")` avoids a KeyError and looks robust, but it hides bugs: an id
from another tokenizer, or an off-by-one, decodes to plausible text with pieces missing.
"""
# ruff: noqa: F821


def decode(self, ids):
    return b"".join(self.vocab.get(token_id, b"") for token_id in ids).decode("utf-8", errors="replace")


Tokenizer.decode = decode
