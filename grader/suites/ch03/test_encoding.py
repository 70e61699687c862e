"""Task 3.3 (hidden) — encode_ordinary: by merge rank, within chunks, exactly like tiktoken.

These tests give the learner's `Tokenizer` merges learned or recovered by the reference, so they
test encoding alone, whatever the state of training (3.2) or rank recovery (3.7). The speed
test of encoding is in test_performance.py.
"""

import functools

import pytest
import regex
from hypothesis import given

from grader.loader import implementation
from grader.suites import strategies
from grader.suites.ch03 import shared

tokenizer = implementation("ch03.tokenizer")

A, B, C, D = (ord(ch) for ch in "abcd")
# Chunks of a word and the whitespace after it: merges such as b"e " or b"(s" that cross the
# edges of GPT-4's chunks, so that a tokenizer ignoring its pattern is caught merging them.
WORD_AND_SPACE_PATTERN = r"\S+\s*|\s+"


@functools.cache
def reference_across_edges():
    """The reference trained on word-and-space chunks: many merges span GPT-4 chunk edges."""
    return shared.reference_trained(20_000, 500, pattern=WORD_AND_SPACE_PATTERN)


@functools.cache
def reference_gpt2_across_edges():
    """The same merges, pre-tokenized with GPT-2's pattern."""
    source = reference_across_edges()
    gpt2 = shared.reference("patterns").GPT2_SPLIT_PATTERN
    return shared.reference("tokenizer").Tokenizer(source.merges, pattern=gpt2)


@pytest.mark.task("3.3")
@pytest.mark.points(5)
def test_cl100k_encode_ordinary_matches_tiktoken_on_all_of_pydoc():
    """With cl100k_base's merges, encode_ordinary of all 465 KB of pydoc text equals tiktoken's, id for id."""
    expected, _ = shared.tiktoken_pydoc_ids()
    got = shared.learner_cl100k_from_reference_merges().encode_ordinary(shared.pydoc_text())
    assert got == expected, shared.first_difference(got, expected)


@pytest.mark.task("3.3")
@pytest.mark.points(3)
@given(strategies.unicode_text())
def test_cl100k_encode_ordinary_matches_tiktoken_on_any_text(text):
    """With cl100k_base's merges, encode_ordinary equals tiktoken's encode_ordinary on arbitrary Unicode."""
    text = shared.comparable_with_tiktoken(text)
    learner_cl100k = shared.learner_cl100k_from_reference_merges()
    assert learner_cl100k.encode_ordinary(text) == shared.cl100k_encoding().encode_ordinary(text)


@pytest.mark.task("3.3")
@pytest.mark.points(3)
@given(strategies.unicode_text() | strategies.wordy_text())
def test_encode_ordinary_matches_the_reference_with_trained_merges(text):
    """With merges trained on pydoc, encode_ordinary equals the reference (GPT-4 and GPT-2 patterns)."""
    trained = shared.reference_pydoc_1000()
    learner = shared.learner_copy_of(shared.reference_pydoc_1000)
    assert learner.encode_ordinary(text) == trained.encode_ordinary(text)
    gpt2 = shared.reference("patterns").GPT2_SPLIT_PATTERN
    expected = reference_gpt2_across_edges()
    learner = shared.learner_copy_of(reference_across_edges, pattern=gpt2)
    assert learner.encode_ordinary(text) == expected.encode_ordinary(text)


@pytest.mark.task("3.3")
@pytest.mark.points(3)
@given(strategies.wordy_text() | strategies.unicode_text())
def test_no_token_crosses_a_chunk_edge(text):
    """Every token of encode_ordinary lies inside one chunk of regex.findall(pattern, text)."""
    across_edges = reference_across_edges()
    gpt4 = shared.reference("patterns").GPT4_SPLIT_PATTERN
    ids = shared.learner_copy_of(reference_across_edges, pattern=gpt4).encode_ordinary(text)
    pieces = shared.token_bytes(across_edges, ids)
    assert b"".join(pieces) == text.encode("utf-8"), "the tokens do not spell the text"
    edges, offset = set(), 0
    for chunk in regex.findall(gpt4, text):
        offset += len(chunk.encode("utf-8"))
        edges.add(offset)
    offset = 0
    for piece in pieces:
        inside = [edge for edge in edges if offset < edge < offset + len(piece)]
        assert not inside, f"token {piece!r} spans the chunk edge at byte {inside[0]}"
        offset += len(piece)


@pytest.mark.task("3.3")
@pytest.mark.points(2)
def test_merges_apply_by_rank_from_the_left():
    """The lowest-ranked pair merges first, leftmost first; a longer vocabulary match does not win."""
    # 'abc' is in the vocabulary (as a + bc), but (a, b) has the lowest rank, then (c, d).
    tok = tokenizer.Tokenizer({(A, B): 256, (C, D): 257, (B, C): 258, (A, 258): 259})
    assert tok.encode_ordinary("abcd") == [256, 257]
    assert tok.encode_ordinary("bcd") == [B, 257]  # (c, d) ranks before (b, c)
    # 'abc' is in the vocabulary as (ab, c), but (b, c) merges first, leaving a + bc.
    tok = tokenizer.Tokenizer({(B, C): 256, (A, B): 257, (257, C): 258})
    assert tok.encode_ordinary("abc") == [A, 256]
    assert tok.encode_ordinary("abd") == [257, D]
    # Runs merge from the left: 'aaa' is aa + a, not a + aa.
    tok = tokenizer.Tokenizer({(A, A): 256, (256, 256): 257})
    assert tok.encode_ordinary("aaa") == [256, A]
    assert tok.encode_ordinary("aaaaa") == [257, A]
    assert tok.encode_ordinary("aaaaaaa") == [257, 256, A]
    # Byte ids come from byte_ids, not the byte values (cl100k's bytes are permuted).
    permuted = [(byte + 1) % 256 for byte in range(256)]  # byte b has id b + 1
    tok = tokenizer.Tokenizer({(A + 1, B + 1): 256}, byte_ids=permuted)
    assert tok.encode_ordinary("abc") == [256, C + 1]


@pytest.mark.task("3.3")
@pytest.mark.points(1)
def test_pattern_empty_text_and_non_text():
    """The tokenizer's own pattern decides the chunks; '' is []; non-str input is a TypeError."""
    merges = {(B, 32): 256}  # 'b ' crosses a GPT-4 chunk edge
    assert tokenizer.Tokenizer(merges, pattern=r"[\s\S]+").encode_ordinary("b b") == [256, B]
    assert tokenizer.Tokenizer(merges).encode_ordinary("b b") == [B, 32, B]
    assert tokenizer.Tokenizer(merges).encode_ordinary("") == []
    for not_text in (b"b b", None, 42, ["b", "b"]):
        with pytest.raises(TypeError):
            tokenizer.Tokenizer(merges).encode_ordinary(not_text)
