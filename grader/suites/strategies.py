"""Hypothesis strategies shared by the hidden suites. Every strategy is bounded in size.

Text strategies mix hand-picked fragments that stress a tokenizer (emoji with joiners and flags,
combining marks, CJK, right-to-left scripts, odd whitespace, CRLF, digit runs, contractions,
code) with arbitrary Unicode scalar values. Lone surrogates are left out: a `str` holding one
cannot be encoded as UTF-8 at all, so no tokenizer can round-trip it.
"""

from hypothesis import strategies as st

# fmt: off
FRAGMENTS = (
    # ASCII words, contractions in every case, punctuation runs
    "hello", " world", "Hello", " the", "The", " a", "'s", "'t", "'re", "'ve", "'ll", "'d", "'m",
    "'S", "'LL", "'Ve", "don't", " I'm", "!!", "...", "?!", " --", "—", "«", "»", "“quoted”",
    # digits: runs longer than three split in groups
    "0", "7", "42", "123", "12345", " 2024", "3.14159", "1,000,000", "٣٤٥", "１２３", "½", "Ⅻ",
    # whitespace of every kind
    " ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", "\r", " \n", "\n ", "\u00a0", "\u3000",
    "\u2028", "\u200b", "\ufeff", "\x00", "\x0b",
    # accents, precomposed and combining
    "é", "e\u0301", "Ünïcödé", "naïve", "a\u0308\u0304", "\u0301",
    # scripts
    "日本語", "のテキスト", "中文字", "한국어", "Привет", " мир", "ελληνικά", "हिन्दी",
    "ภาษาไทย", "مرحبا", " بالعالم", "שלום", "\u200f", "\u202e", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "𐍈",
    # emoji: single, skin tone, zero-width-joiner family, flag, keycap
    "👋", "😀😀", "👍🏽", "👨\u200d👩\u200d👧\u200d👦", "🇫🇷", "1\ufe0f\u20e3", "🤖",
    # code
    "def f(x):\n    return x ** 2\n", "{'key': [1, 2]}", "if (a && b) { c++; }", "    ", "\tx = 1",
    "</div>", "#include <stdio.h>", "http://example.com/a?b=c",
)

WORDS = (
    "the", "cat", "sat", "on", "mat", "hug", "pug", "hugs", "token", "tokens", "tokenizer",
    "banana", "bandana", "an", "a", "aa", "aaa", "ab", "abc", "abab", "low", "lower", "lowest",
    "new", "newer", "wider",
)
# fmt: on

SCALAR_VALUES = st.characters(exclude_categories=("Cs",))  # every code point but surrogates


def unicode_text(max_pieces: int = 16) -> st.SearchStrategy[str]:
    """Arbitrary Unicode text: tricky fragments, words and random characters, glued together."""
    piece = st.one_of(
        st.sampled_from(FRAGMENTS),
        st.sampled_from(WORDS).map(lambda w: " " + w),
        st.text(SCALAR_VALUES, max_size=6),
        st.text(st.characters(max_codepoint=0x7F), max_size=6),
    )
    return st.lists(piece, max_size=max_pieces).map("".join)


def wordy_text(max_words: int = 40) -> st.SearchStrategy[str]:
    """Mostly words and spaces from a small alphabet, so that many pairs repeat and tie."""
    word = st.one_of(
        st.sampled_from(WORDS),
        st.text(alphabet="abcde", min_size=1, max_size=6),
        st.sampled_from(FRAGMENTS),
    )
    separator = st.sampled_from((" ", " ", " ", "  ", "\n", ". ", ", ", "\r\n"))
    return st.lists(st.tuples(word, separator), max_size=max_words).map(
        lambda items: "".join(w + s for w, s in items)
    )


def partial_specials(specials: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Prefixes, suffixes and inner slices of special tokens: look-alikes that must stay text."""
    return st.sampled_from(specials).flatmap(
        lambda s: st.tuples(st.integers(0, len(s)), st.integers(0, len(s))).map(
            lambda bounds: s[min(bounds) : max(bounds)]
        )
    )


def text_with_specials(specials: tuple[str, ...], max_pieces: int = 16) -> st.SearchStrategy[str]:
    """Unicode text with special-token strings (whole, glued together, or partial) mixed in."""
    piece = st.one_of(
        unicode_text(max_pieces=3),
        st.sampled_from(specials),
        partial_specials(specials),
        st.sampled_from(specials).map(lambda s: s + s),
    )
    return st.lists(piece, max_size=max_pieces).map("".join)


def id_lists(max_size: int = 60) -> st.SearchStrategy[list[int]]:
    """Lists of ids: mostly a few small values, so that pairs repeat and runs like 7 7 7 occur."""
    value = st.one_of(st.integers(0, 3), st.integers(0, 3), st.integers(0, 300))
    run = st.tuples(value, st.integers(1, 5)).map(lambda vr: [vr[0]] * vr[1])
    return st.lists(st.one_of(value.map(lambda v: [v]), run), max_size=max_size // 3).map(
        lambda runs: [v for r in runs for v in r]
    )


def chunk_counts(max_chunks: int = 12) -> st.SearchStrategy[dict[bytes, int]]:
    """`{chunk bytes: frequency}` as training sees it: short chunks over a tiny byte alphabet."""
    chunk = st.binary(min_size=1, max_size=8).map(lambda b: bytes(97 + x % 5 for x in b))
    wide_chunk = st.binary(min_size=1, max_size=6)  # any byte value, 0x00..0xFF
    return st.dictionaries(st.one_of(chunk, chunk, wide_chunk), st.integers(1, 4), max_size=max_chunks)


HEAD_DIMS = (1, 2, 3, 5, 8, 12, 16, 24, 33, 64)  # mostly not powers of two


@st.composite
def attention_shapes(
    draw, max_batch: int = 3, max_heads: int = 4, max_len: int = 40, equal_lengths: bool | None = None
) -> tuple[int, int, int, int, int]:
    """`(batch, heads, q_len, kv_len, head_dim)` for attention, with 1 <= q_len <= kv_len.

    Lengths of 1 and 2 come up often; half of the time q_len equals kv_len (a whole sequence),
    otherwise the queries are a shorter suffix (`equal_lengths` forces one or the other). Head
    dimensions are mostly not powers of two.
    """
    batch = draw(st.integers(1, max_batch))
    heads = draw(st.integers(1, max_heads))
    kv_len = draw(st.one_of(st.integers(1, 3), st.integers(1, max_len)))
    equal = draw(st.booleans()) if equal_lengths is None else equal_lengths
    q_len = kv_len if equal else draw(st.integers(1, kv_len))
    head_dim = draw(st.one_of(st.sampled_from(HEAD_DIMS), st.integers(1, 48)))
    return batch, heads, q_len, kv_len, head_dim


@st.composite
def model_shapes(draw, max_heads: int = 4, max_head_dim: int = 12) -> tuple[int, int]:
    """`(d_model, n_heads)` with d_model a multiple of n_heads; head sizes often odd."""
    heads = draw(st.integers(1, max_heads))
    head_dim = draw(st.one_of(st.sampled_from((1, 3, 5)), st.integers(1, max_head_dim)))
    return heads * head_dim, heads
