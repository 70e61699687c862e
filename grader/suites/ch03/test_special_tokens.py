"""Task 3.4 (hidden) — special tokens: never split, never merged, longest first, like tiktoken."""

import functools

import pytest
from hypothesis import given

from grader.loader import implementation
from grader.suites import strategies
from grader.suites.ch03 import shared

tokenizer = implementation("ch03.tokenizer")

A, B, C, D, X, Y = (ord(ch) for ch in "abcdxy")

# Specials that overlap (one a prefix of another, registered shorter first), contain regex
# metacharacters, or are ordinary-looking text and emoji.
# fmt: off
TOY_SPECIALS = (
    "<|end|>", "<|end|>!", "<|endoftext|>", "a+b", "[x]", "(?:", ".*", "\\d", "$", "|",
    "ab", "abc", "bcd", "🤖", "\n\n",
)
# fmt: on


@functools.cache
def reference_with_specials():
    """The reference with merges trained on pydoc and TOY_SPECIALS registered after them."""
    trained = shared.reference_pydoc_1000()
    specials = {text: 1000 + i for i, text in enumerate(TOY_SPECIALS)}
    return shared.reference("tokenizer").Tokenizer(trained.merges, special_tokens=specials)


def toy():
    """Merges (b, c) then (a, b), and specials that overlap or look like regex syntax."""
    specials = {"ab": 300, "abc": 301, "bcd": 302, "<|end|>": 303, "<|end|>!": 304, "a|b": 305, ".*": 306}
    return tokenizer.Tokenizer({(B, C): 256, (A, B): 257}, special_tokens=specials)


SAMPLES = (
    "Hello<|endoftext|>world",
    "<|endoftext|><|endoftext|>",
    "text <|endoftext|>\n\nmore text<|endoftext|",
    "<|endoftext|<|endoftext|>|>",
    "<|fim_prefix|>def f(x):\n    return<|fim_suffix|> x\n<|fim_middle|> 2 *<|endofprompt|>",
    " <|endoftext|> 👋<|endofprompt|>日本語",
)


@pytest.mark.task("3.4")
@pytest.mark.points(3)
@given(strategies.text_with_specials(shared.CL100K_SPECIALS))
def test_cl100k_encode_matches_tiktoken_with_special_tokens(text):
    """With cl100k_base's merges, encode equals tiktoken's encode(allowed_special="all")."""
    encoding, learner_cl100k = shared.cl100k_encoding(), shared.learner_cl100k_from_reference_merges()
    for sample in (*SAMPLES, shared.comparable_with_tiktoken(text)):
        assert learner_cl100k.encode(sample) == encoding.encode(sample, allowed_special="all"), sample


@pytest.mark.task("3.4")
@pytest.mark.points(3)
@given(strategies.text_with_specials(TOY_SPECIALS))
def test_encode_matches_the_reference_with_overlapping_specials(text):
    """With overlapping and regex-like special tokens, encode equals the reference on any text."""
    expected = reference_with_specials()
    assert shared.learner_copy_of(reference_with_specials).encode(text) == expected.encode(text)


@pytest.mark.task("3.4")
@pytest.mark.points(2)
def test_the_longest_special_at_the_leftmost_position_wins():
    """Scanning left to right, the longest special starting at a position wins; specials are literal text."""
    tok = toy()
    assert tok.encode("abcd") == [301, D]  # 'abc' over 'ab'
    assert tok.encode("abd") == [300, D]
    assert tok.encode("xabcd") == [X, 301, D]  # 'abc' starts before 'bcd'
    assert tok.encode("xbcd") == [X, 302]
    assert tok.encode("abab") == [300, 300]
    assert tok.encode("<|end|>!<|end|>") == [304, 303]
    assert tok.encode("<|end|") == list(b"<|end|")  # a partial special is ordinary text
    assert tok.encode("xa|by") == [X, 305, Y]
    assert tok.encode("x.*y") == [X, 306, Y]
    assert tok.encode("xy") == [X, Y]  # '.*' is not a regex
    assert tok.encode("bc<|end|>bc") == [256, 303, 256]  # neighbours merge on their own


@pytest.mark.task("3.4")
@pytest.mark.points(2)
@given(strategies.text_with_specials(TOY_SPECIALS))
def test_encode_ordinary_ignores_specials_and_encode_rejects_non_text(text):
    """encode_ordinary encodes special-token text as plain text; encode of a non-str is a TypeError."""
    expected = reference_with_specials()
    learner = shared.learner_copy_of(reference_with_specials)
    assert learner.encode_ordinary(text) == expected.encode_ordinary(text)
    assert learner.encode_ordinary("<|end|>") == expected.encode_ordinary("<|end|>")
    for not_text in (b"<|end|>", None, 7, ["<|end|>"]):
        with pytest.raises(TypeError):
            learner.encode(not_text)
