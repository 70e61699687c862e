"""Tasks 3.3–3.5 — encoding by merge rank, special tokens, decoding."""

import pytest

from grader.loader import implementation

tokenizer = implementation("ch03.tokenizer")

A, B, C = ord("a"), ord("b"), ord("c")


def toy(special_tokens=None):
    """Merges: (b, c) first, then (a, b). Rank order, not length, decides what merges."""
    return tokenizer.Tokenizer({(B, C): 256, (A, B): 257}, special_tokens=special_tokens)


@pytest.mark.task("3.3")
def test_encode_applies_merges_by_rank():
    """In 'abc' the earlier merge (b, c) wins, although (a, b) comes first in the text."""
    assert toy().encode_ordinary("abc") == [A, 256]


@pytest.mark.task("3.3")
def test_encode_without_merges_is_utf8_bytes():
    """With no merges, ids are the UTF-8 bytes: 'é' is two of them."""
    assert tokenizer.Tokenizer({}).encode_ordinary("hé") == [104, 0xC3, 0xA9]


@pytest.mark.task("3.3")
def test_merges_stop_at_chunk_boundaries():
    """'a' and 'b' in different chunks ('a b' splits as 'a', ' b') never merge."""
    assert toy().encode_ordinary("a b") == [A, 32, B]


@pytest.mark.task("3.3")
def test_encode_rejects_non_text():
    """Bytes or numbers are a TypeError, not garbage ids."""
    with pytest.raises(TypeError):
        toy().encode_ordinary(b"abc")


@pytest.mark.task("3.4")
def test_special_tokens_become_one_id():
    """A special token's text maps to its id, never to byte tokens."""
    tok = toy({"<|end|>": 300})
    assert tok.encode("abc<|end|>bc") == [A, 256, 300, 256]


@pytest.mark.task("3.4")
def test_the_longest_special_token_wins():
    """'<|end|>!' and '<|end|>' both start here: the longer one is taken."""
    tok = toy({"<|end|>": 300, "<|end|>!": 301})
    assert tok.encode("<|end|>!<|end|>") == [301, 300]


@pytest.mark.task("3.4")
def test_encode_ordinary_ignores_special_tokens():
    """encode_ordinary treats special-token text as plain text."""
    tok = toy({"<|end|>": 300})
    assert 300 not in tok.encode_ordinary("<|end|>")


@pytest.mark.task("3.5")
def test_decode_joins_token_bytes():
    """Ids 97, 256 ('a', 'bc') decode to 'abc'."""
    assert toy().decode([A, 256]) == "abc"


@pytest.mark.task("3.5")
def test_decode_inverts_encode():
    """decode(encode(text)) gives the text back, special tokens included."""
    tok = toy({"<|end|>": 300})
    text = "abc héllo 👋 <|end|> bc"
    assert tok.decode(tok.encode(text)) == text


@pytest.mark.task("3.5")
def test_decode_replaces_invalid_utf8():
    """Half of a two-byte character decodes to U+FFFD instead of raising."""
    assert toy().decode([0xC3]) == "\ufffd"


@pytest.mark.task("3.5")
def test_decode_rejects_unknown_ids():
    """An id outside the vocabulary is a ValueError."""
    with pytest.raises(ValueError):
        toy().decode([999])
