"""Task 3.7 — loading tiktoken's merge ranks, up to the real cl100k_base."""

import pytest
import tiktoken

from grader.loader import implementation

tiktoken_ranks = implementation("ch03.tiktoken_ranks")
task = pytest.mark.task("3.7")


@task
def test_merges_are_recovered_from_ranks():
    """Ranks {..., 'ab': 256, 'abc': 257} mean the merges (a, b) and (ab, c)."""
    ranks = {bytes([b]): b for b in range(256)} | {b"ab": 256, b"abc": 257}
    tok = tiktoken_ranks.from_tiktoken_ranks(ranks, r"\S+|\s+", {})
    assert tok.merges == {(97, 98): 256, (256, 99): 257}
    assert tok.encode("abc abd") == [257, 32, 256, 100]


@task
def test_byte_ids_follow_the_ranks_not_byte_order():
    """When byte 'a' has rank 0, encoding 'a' gives 0."""
    order = [97] + [b for b in range(256) if b != 97]
    ranks = {bytes([b]): rank for rank, b in enumerate(order)}
    tok = tiktoken_ranks.from_tiktoken_ranks(ranks, r"\S+|\s+", {})
    assert tok.encode("a") == [0]


@task
def test_cl100k_base_matches_tiktoken_on_real_text():
    """Loaded with the real cl100k_base ranks, the tokenizer gives tiktoken's ids."""
    encoding = tiktoken.get_encoding(tiktoken_ranks.CL100K_OFFLINE)
    tok = tiktoken_ranks.cl100k_base()
    text = "Tokenizers can't count the r's in 'strawberry'; 12345 + 678 = 13023.\n\n  Ünïcödé 👋"
    assert tok.encode(text) == encoding.encode(text)
    assert tok.decode(tok.encode(text)) == text
