"""Task 3.7 (hidden) — a tokenizer built from tiktoken's ranks is tiktoken, token for token.

Here everything goes through the learner's own `from_tiktoken_ranks` / `cl100k_base`; the
oracle is tiktoken itself. Generated text first loses the characters on which tiktoken's and
the `regex` module's Unicode tables disagree (see `shared.comparable_with_tiktoken`).
"""

import functools
import json
import textwrap
from pathlib import Path

import pytest
import tiktoken
from hypothesis import given, settings
from hypothesis import strategies as st

from grader import loader
from grader.loader import implementation
from grader.suites import strategies
from grader.suites.ch03 import shared

tiktoken_ranks = implementation("ch03.tiktoken_ranks")

MULTILINGUAL = (
    "The quick brown fox jumps over the lazy dog. It's 3:45pm; we'll see—won't we?",
    "Ünïcödé façade naïve résumé coöperate Æsir Øresund",
    "Привет, мир! Как дела? Съешь же ещё этих мягких французских булок.",
    "Γειά σου Κόσμε · Ἀλέξανδρος ὁ Μέγας",
    "日本語のテキストをトークン化します。東京都。",
    "中文分词测试：我们今天去公园散步。",
    "한국어 텍스트를 토큰화합니다.",
    "مرحبا بالعالم! هذا نص عربي. ١٢٣٤٥",
    "שלום עולם, זה טקסט בעברית.",
    "नमस्ते दुनिया, यह हिंदी पाठ है।",
    "สวัสดีชาวโลก ภาษาไทยไม่มีการเว้นวรรค",
    "Emoji: 👋🏽 👨‍👩‍👧‍👦 🇫🇷 1️⃣ 🤖🤖🤖 ❤️‍🔥",
    "Numbers: 1234567890 3.14159 1,000,000 ½ Ⅻ ٣٤٥ １２３",
    "Whitespace:   \t\t  \n\n\n   \r\n\r\n  trailing   ",
    "e\u0301 a\u0308\u0304 \u200b\u200d\ufeff\u00a0\u3000\u2028",
    "ALL CAPS DON'T I'M YOU'LL WE'VE THEY'RE HE'D",
)

SPECIAL_SAMPLES = (
    "Hello<|endoftext|>world",
    "<|endoftext|><|endoftext|>",
    "<|fim_prefix|>def f(x):\n    return<|fim_suffix|> x\n<|fim_middle|> 2 *<|endofprompt|>",
    "almost special <|endoftext| and <|endofprompt",
)


def code_samples() -> list[str]:
    """Real Python source (json's decoder), indented code and minified JSON."""
    source = Path(json.__file__).with_name("decoder.py").read_text(encoding="utf-8")
    snippet = textwrap.dedent(
        """
        class Tokenizer:
            def __init__(self, merges: dict[tuple[int, int], int]) -> None:
                self.merges = {**merges}  # copy
                if not merges: raise ValueError(f"{merges!r} is empty")

        for i in range(10):\n\tprint(i ** 2, end='\\r\\n')
        """
    )
    return [source, snippet, json.dumps({"a": [1, 2.5, None], "ü": "\n"}, ensure_ascii=False)]


@pytest.mark.task("3.7")
@pytest.mark.points(5)
def test_cl100k_encode_ordinary_matches_tiktoken_on_all_of_pydoc():
    """cl100k_base() built from tiktoken's ranks encodes all 465 KB of pydoc text exactly like tiktoken."""
    expected, _ = shared.tiktoken_pydoc_ids()
    got = shared.learner_cl100k().encode_ordinary(shared.pydoc_text())
    assert got == expected, shared.first_difference(got, expected)


@pytest.mark.task("3.7")
@pytest.mark.points(4)
def test_cl100k_encode_matches_tiktoken_on_multilingual_code_and_special_text():
    """encode equals tiktoken's (all specials allowed) on many scripts, code, whitespace, specials."""
    encoding, learner_cl100k = shared.cl100k_encoding(), shared.learner_cl100k()
    _, expected_pydoc = shared.tiktoken_pydoc_ids()
    for sample in (*MULTILINGUAL, *SPECIAL_SAMPLES, *code_samples()):
        expected = encoding.encode(sample, allowed_special="all")
        got = learner_cl100k.encode(sample)
        assert got == expected, f"{sample[:40]!r}: {shared.first_difference(got, expected)}"
    got = learner_cl100k.encode(shared.pydoc_text())
    assert got == expected_pydoc, shared.first_difference(got, expected_pydoc)


@pytest.mark.task("3.7")
@pytest.mark.points(4)
@given(strategies.unicode_text(), strategies.text_with_specials(shared.CL100K_SPECIALS))
def test_cl100k_matches_tiktoken_on_any_text(text, with_specials):
    """encode_ordinary and encode equal tiktoken's on arbitrary Unicode, with and without special tokens."""
    text = shared.comparable_with_tiktoken(text)
    with_specials = shared.comparable_with_tiktoken(with_specials)
    encoding, learner_cl100k = shared.cl100k_encoding(), shared.learner_cl100k()
    assert learner_cl100k.encode_ordinary(text) == encoding.encode_ordinary(text)
    assert learner_cl100k.encode(with_specials) == encoding.encode(with_specials, allowed_special="all")
    assert learner_cl100k.encode_ordinary(with_specials) == encoding.encode_ordinary(with_specials)


@pytest.mark.task("3.7")
@pytest.mark.points(3)
def test_cl100k_vocabulary_is_the_ranks():
    """Every rank's id has that token's bytes; byte ids, pattern and special tokens are cl100k_base's."""
    encoding, learner_cl100k = shared.cl100k_encoding(), shared.learner_cl100k()
    ranks = encoding._mergeable_ranks
    assert list(learner_cl100k.byte_ids) == [ranks[bytes([byte])] for byte in range(256)]
    assert learner_cl100k.pattern == encoding._pat_str
    assert learner_cl100k.special_tokens == encoding._special_tokens
    assert len(learner_cl100k.merges) == len(ranks) - 256
    wrong = [(rank, token) for token, rank in ranks.items() if learner_cl100k.vocab.get(rank) != token]
    if wrong:
        rank, token = wrong[0]
        pytest.fail(f"{len(wrong)} ids have the wrong bytes, e.g. id {rank} should be {token!r}")


TRUNCATIONS = (256, 257, 300, 1_000, 3_000, 10_000)
# No special here is a prefix of another: tiktoken picks among overlapping specials in hash order.
TRUNCATED_SPECIALS = ("<|endoftext|>", "<|end|>", "<|pad|>")


@functools.cache
def _truncated_ranks(size: int) -> tuple[tuple[bytes, int], ...]:
    """cl100k_base's first `size` ranks: itself a consistent tokenizer, bytes still permuted."""
    ranks = sorted(shared.cl100k_encoding()._mergeable_ranks.items(), key=lambda item: item[1])
    return tuple(ranks[:size])


@functools.cache
def _truncated_tiktoken(size: int) -> tiktoken.Encoding:
    return tiktoken.Encoding(
        name=f"cl100k_first_{size}",
        pat_str=shared.cl100k_encoding()._pat_str,
        mergeable_ranks=dict(_truncated_ranks(size)),
        special_tokens={"<|endoftext|>": size, "<|end|>": size + 1, "<|pad|>": size + 7},
    )


@functools.cache
def _truncated_learner(spec: str, size: int, reverse: bool):
    encoding = _truncated_tiktoken(size)
    items = _truncated_ranks(size)
    ranks = dict(reversed(items) if reverse else items)  # the ranks' order must not matter
    return loader.load("ch03.tiktoken_ranks", spec).from_tiktoken_ranks(
        ranks, encoding._pat_str, dict(encoding._special_tokens)
    )


@pytest.mark.task("3.7")
@pytest.mark.points(4)
@settings(max_examples=40)
@given(
    st.sampled_from(TRUNCATIONS),
    st.booleans(),
    strategies.text_with_specials(TRUNCATED_SPECIALS),
)
def test_smaller_vocabularies_match_tiktoken(size, reverse, text):
    """Built from cl100k_base's first N ranks (in any dict order), it encodes like tiktoken with them."""
    text = shared.comparable_with_tiktoken(text)
    encoding = _truncated_tiktoken(size)
    learner = _truncated_learner(loader.selected(), size, reverse)
    assert learner.encode(text) == encoding.encode(text, allowed_special="all")
    assert learner.encode_ordinary(text) == encoding.encode_ordinary(text)
