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


@st.composite
def chat_conversations(
    draw,
    specials: tuple[str, ...],
    roles: tuple[str, ...] = ("user", "assistant", "tool"),
    max_turns: int = 8,
    min_turns: int = 1,
    max_pieces: int = 6,
) -> list[tuple[str, str]]:
    """`[(role, content), ...]`: sometimes a system message first, then turns of `roles` in any order.

    Contents are often empty; otherwise Unicode text, half of the time with the chat's special-token
    strings (whole, doubled or partial) mixed in. Users and assistants come up more often than the
    other roles. A system message, when drawn, counts towards `min_turns`.
    """
    content = st.one_of(st.just(""), text_with_specials(specials, max_pieces=max_pieces), unicode_text(4))
    weighted_roles = st.sampled_from(tuple(roles) + tuple(r for r in roles if r in ("user", "assistant")))
    system = draw(st.booleans())
    turns = draw(
        st.lists(
            st.tuples(weighted_roles, content),
            min_size=max(0, min_turns - int(system)),
            max_size=max_turns,
        )
    )
    return ([("system", draw(content))] if system else []) + turns


# Chapter 7: exact numbers and the many ways of writing one, for rewards that read math answers.
ANSWER_WHITESPACE = ("", "", " ", "  ", "\t")  # never a line break: a rendering stays on one line


@st.composite
def exact_numbers(draw, max_digits: int = 40):
    """A `fractions.Fraction` a math answer may have, either sign: a small or a huge integer (up to
    `max_digits` digits), a decimal with 1-6 places, or a simple fraction p/q with q <= 12."""
    from fractions import Fraction

    kind = draw(st.sampled_from(("small", "huge", "decimal", "fraction")))
    if kind == "small":
        value = Fraction(draw(st.integers(0, 1000)))
    elif kind == "huge":
        value = Fraction(draw(st.integers(0, 10**max_digits)))
    elif kind == "decimal":
        value = Fraction(draw(st.integers(0, 10**9)), 10 ** draw(st.integers(1, 6)))
    else:
        value = Fraction(draw(st.integers(0, 200)), draw(st.integers(1, 12)))
    return -value if draw(st.booleans()) else value


def _finite_decimal(value) -> tuple[int, int] | None:
    """`(digits, places)` with `value == digits / 10**places` (value >= 0), or None if it has no finite
    decimal expansion (its reduced denominator has a prime factor other than 2 and 5)."""
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return None
    places = max(twos, fives)
    return value.numerator * 10**places // value.denominator, places


_NEGATIVE_SIGNS = st.sampled_from(("-", "\u2212"))
_OTHER_SIGNS = st.sampled_from(("", "", "+"))
_DOLLARS = st.sampled_from(("", "", "$", "\\$"))
_GAPS = st.sampled_from(("", "", " "))
_SLASHES = st.sampled_from(("/", " / ", "/ ", " /"))
_FRAC_COMMANDS = st.sampled_from(("\\frac", "\\dfrac", "\\tfrac"))
_PADDING = st.sampled_from(ANSWER_WHITESPACE)
_BARE_ENDS = st.sampled_from(("", "."))


@st.composite
def number_renderings(draw, value) -> str:
    """One way of writing exactly `value` (a Fraction) that chapter 7's answer reader accepts.

    The magnitude as a decimal when it has a finite expansion (commas in threes or not, 0-3
    trailing zeros, `42.`, `.5`), as `p/q` with p and q multiplied by a common factor 1-4 (spaces
    around the slash or not), or as `\\frac{p}{q}`, `\\dfrac{p}{q}`, `\\tfrac{p}{q}`. A sign when
    negative (`-` or U+2212), sometimes `+` when not; sometimes `$` or `\\$`, with the sign before
    or after it; spaces or tabs around. Never a line break.
    """
    magnitude = abs(value)
    decimal = _finite_decimal(magnitude)
    form = draw(st.integers(0, 4 if decimal is not None else 1))  # 0: a/b, 1: \frac, 2-4: decimal
    if form >= 2:
        digits, places = decimal
        extra = draw(st.integers(0, 3))
        digits, places = digits * 10**extra, places + extra
        whole, fraction = divmod(digits, 10**places)
        whole_text = f"{whole:,}" if draw(st.booleans()) else str(whole)
        if whole == 0 and places and draw(st.booleans()):
            whole_text = ""  # ".5"
        text = whole_text + (f".{fraction:0{places}d}" if places else draw(_BARE_ENDS))
    else:
        factor = draw(st.integers(1, 4))
        numerator, denominator = magnitude.numerator * factor, magnitude.denominator * factor
        if form == 0:
            text = f"{numerator}{draw(_SLASHES)}{denominator}"
        else:
            text = f"{draw(_FRAC_COMMANDS)}{{{numerator}}}{{{denominator}}}"
    sign = draw(_NEGATIVE_SIGNS if value < 0 else _OTHER_SIGNS)
    dollar, gap = draw(_DOLLARS), draw(_GAPS)
    if dollar and sign and draw(st.booleans()):
        body = dollar + gap + sign + text  # $-5
    else:
        body = sign + gap + dollar + text  # -$5, - 5
    return draw(_PADDING) + body + draw(_PADDING)


def answer_free_text(max_pieces: int = 8) -> st.SearchStrategy[str]:
    """Unicode text that cannot hold a math answer: no backslash (so no `\\boxed{`) and no `#`."""
    return unicode_text(max_pieces).map(lambda text: text.replace("\\", "/").replace("#", "+"))
