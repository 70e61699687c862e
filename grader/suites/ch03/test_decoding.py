"""Task 3.5 (hidden) — decode: the inverse of encode, forgiving on bytes, strict on ids."""

import functools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites import strategies
from grader.suites.ch03 import shared

tokenizer = implementation("ch03.tokenizer")

SPECIALS = ("<|endoftext|>", "<|end|>", "<|end|>!", "<|pad|>", "🤖")


@functools.cache
def reference_with_specials():
    """The reference with merges trained on pydoc and a few overlapping specials after them."""
    trained = shared.reference_pydoc_1000()
    specials = {text: 1000 + i for i, text in enumerate(SPECIALS)}
    return shared.reference("tokenizer").Tokenizer(trained.merges, special_tokens=specials)


def vocabulary_ids() -> st.SearchStrategy[list[int]]:
    """Lists of known ids: bytes (many of them continuation or lead bytes), merges and specials."""
    known = st.one_of(
        st.integers(0x80, 0xFF),  # not valid UTF-8 on their own
        st.integers(0, 255),
        st.integers(256, 999),
        st.integers(1000, 1000 + len(SPECIALS) - 1),
    )
    return st.lists(known, max_size=30)


@pytest.mark.task("3.5")
@pytest.mark.points(3)
@given(vocabulary_ids())
def test_decode_of_any_ids_joins_bytes_then_decodes_once(ids):
    """decode(ids) is the UTF-8 decoding (invalid bytes to U+FFFD) of all the tokens' bytes joined."""
    reference = reference_with_specials()
    expected = b"".join(shared.token_bytes(reference, ids)).decode("utf-8", errors="replace")
    learner = shared.learner_copy_of(reference_with_specials)
    assert learner.decode(ids) == expected
    assert learner.decode(iter(ids)) == expected  # any iterable of ids
    assert learner.decode(tuple(ids)) == expected


@pytest.mark.task("3.5")
@pytest.mark.points(2)
def test_decode_known_answers():
    """Characters split over tokens come back whole; invalid UTF-8 becomes U+FFFD as with errors="replace"."""
    toy = tokenizer.Tokenizer({(0xC3, 0xA9): 256}, special_tokens={"<|end|>": 257})
    assert toy.decode([]) == ""
    assert toy.decode([0xC3, 0xA9]) == "é"  # one character from two byte tokens
    assert toy.decode([256, 257, 0x68]) == "é<|end|>h"
    assert toy.decode([0xC3]) == "\ufffd"
    assert toy.decode([0xE2, 0x82]) == "\ufffd"  # a cut-off three-byte character
    assert toy.decode([0xFF, 0x41]) == "\ufffdA"
    cl100k = shared.learner_cl100k_from_reference_merges()
    assert cl100k.decode([9468, 97, 244]) == "🤖"  # b'\xf0\x9f', b'\xa4', b'\x96'
    assert cl100k.decode([24486, 89059, 255, 32179]) == "한국어"
    assert cl100k.decode([9468, 97]) == "\ufffd"
    assert cl100k.decode([100257, 9906]) == "<|endoftext|>Hello"


@pytest.mark.task("3.5")
@pytest.mark.points(2)
def test_decode_rejects_unknown_ids():
    """An id outside the vocabulary (gaps included) raises ValueError, even among valid ids."""
    cl100k = shared.learner_cl100k_from_reference_merges()
    assert cl100k.decode([9906, 100257]) == "Hello<|endoftext|>"
    for unknown in (100256, 100261, 100275, 100277, -1, 10**9):
        with pytest.raises(ValueError):
            cl100k.decode([9906, unknown, 1917])
    toy = tokenizer.Tokenizer({(0xC3, 0xA9): 256}, special_tokens={"<|end|>": 300})
    assert toy.decode([256, 300]) == "é<|end|>"
    for unknown in (257, 299, 301, -1):
        with pytest.raises(ValueError):
            toy.decode([unknown])


@pytest.mark.task("3.5")
@pytest.mark.points(3)
@given(strategies.text_with_specials(SPECIALS), strategies.unicode_text())
def test_decode_inverts_encode_on_any_text(text, plain):
    """decode(encode(text)) == text on arbitrary Unicode, special-token text included; cl100k_base too."""
    learner = shared.learner_copy_of(reference_with_specials)
    assert learner.decode(learner.encode(text)) == text
    learner_cl100k = shared.learner_cl100k_from_reference_merges()
    assert learner_cl100k.decode(learner_cl100k.encode(plain)) == plain
