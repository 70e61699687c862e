"""Task 3.2 (hidden) — training: the reference's merges, deterministic ties, real text.

The speed test of training is in test_performance.py.
"""

import functools
import json
import os
import pydoc_data.topics
import random
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader import guard
from grader.loader import REPO_ROOT, implementation
from grader.suites import strategies
from grader.suites.ch03 import shared

training = implementation("ch03.training")
tokenizer = implementation("ch03.tokenizer")

a, b, c, q, x, z = (ord(ch) for ch in "abcqxz")


@pytest.mark.task("3.2")
@pytest.mark.points(4)
@given(strategies.chunk_counts(), st.integers(0, 40))
def test_train_merges_equals_the_reference(chunk_counts, num_merges):
    """On arbitrary chunk counts, train_merges learns exactly the reference's merges, in order."""
    expected = shared.reference("training").train_merges(dict(chunk_counts), num_merges)
    assert list(training.train_merges(dict(chunk_counts), num_merges)) == expected


@pytest.mark.task("3.2")
@pytest.mark.points(2)
@given(strategies.chunk_counts(), st.randoms(use_true_random=False))
def test_the_order_of_the_chunks_does_not_matter(chunk_counts, rng):
    """Listing the same chunk counts in another order gives the same merges: ties are not first-seen."""
    items = list(chunk_counts.items())
    rng.shuffle(items)
    expected = shared.reference("training").train_merges(chunk_counts, 30)
    assert list(training.train_merges(dict(items), 30)) == expected
    assert list(training.train_merges(dict(reversed(items)), 30)) == expected


@pytest.mark.task("3.2")
@pytest.mark.points(3)
def test_ties_go_to_the_greatest_pair_of_token_bytes():
    """Ties compare (first token's bytes, second token's bytes), not ids, concatenations or order."""
    # After (a, b): (ab, c) and (a, z) tie; b"ab" > b"a", although "az" > "abc" and "z" > "c".
    assert training.train_merges({b"abc": 1, b"az": 1, b"ab": 2}, 2) == [(a, b), (256, c)]
    # After (b, c): (x, bc) and (x, b) tie; the longer second token b"bc" > b"b" wins.
    assert training.train_merges({b"bc": 5, b"xbc": 1, b"xb": 1}, 2) == [(b, c), (x, 256)]
    # After (a, b): (ab, q) and (z, q) tie; b"z" > b"ab" although id 256 > id 122.
    assert training.train_merges({b"ab": 5, b"abq": 1, b"zq": 1}, 2) == [(a, b), (z, q)]
    # Bytes compare unsigned: 0xFF is the greatest.
    assert training.train_merges({b"\x00\xff": 1, b"\xff\x00": 1}, 1) == [(255, 0)]
    # Five one-count pairs: strictly by bytes, whatever order they were listed in.
    listed = {b"ab": 1, b"ba": 1, b"cd": 1, b"dc": 1, b"ca": 1}
    expected = [(100, 99), (99, 100), (99, 97), (98, 97), (97, 98)]
    assert training.train_merges(listed, 5) == expected
    assert training.train_merges(dict(reversed(listed.items())), 5) == expected


EOT = "<|endoftext|>"


def pydoc_documents(size: int) -> str:
    """The help topics as separate documents, joined by an end-of-text special token."""
    return EOT.join(pydoc_data.topics.topics.values())[:size]


@functools.cache
def reference_on_documents(size: int, vocab_size: int):
    reference_class = shared.reference("tokenizer").Tokenizer
    return reference_class.train(pydoc_documents(size), vocab_size, special_tokens=[EOT])


def assert_same_merges(got, expected, vocab_size: int) -> None:
    """The same merges in the same order, with a message naming the first that differs."""
    in_order = sorted(got.merges.items(), key=lambda item: item[1])
    expected_order = sorted(expected.merges.items(), key=lambda item: item[1])
    for (pair, merged), (expected_pair, expected_merged) in zip(in_order, expected_order):
        assert (pair, merged) == (expected_pair, expected_merged), (
            f"vocab_size={vocab_size}: merge {merged - 256} is {pair}, "
            f"expected {expected_pair} ({expected.vocab[expected_merged]!r})"
        )
    assert len(got.merges) == len(expected.merges), f"vocab_size={vocab_size}"


@pytest.mark.task("3.2")
@pytest.mark.points(4)
def test_training_on_real_text_gives_the_references_merges():
    """Tokenizer.train on pydoc's help text learns exactly the reference's merges at several vocab sizes."""
    for size, vocab_size in ((60_000, 280), (100_000, 1000)):
        got = tokenizer.Tokenizer.train(shared.pydoc_text()[:size], vocab_size)
        assert_same_merges(got, shared.reference_trained(size, vocab_size), vocab_size)
    got = tokenizer.Tokenizer.train(pydoc_documents(100_000), 700, special_tokens=[EOT])
    expected = reference_on_documents(100_000, 700)
    assert_same_merges(got, expected, 700)
    assert got.special_tokens == expected.special_tokens


@pytest.mark.task("3.2")
@pytest.mark.points(2)
@settings(max_examples=40)
@given(st.one_of(strategies.wordy_text(), strategies.unicode_text()), st.integers(256, 330))
def test_training_is_deterministic_and_matches_the_reference(text, vocab_size):
    """Training twice on the same text gives the same merges, and they are the reference's."""
    first = tokenizer.Tokenizer.train(text, vocab_size)
    second = tokenizer.Tokenizer.train(text, vocab_size)
    assert first.merges == second.merges
    assert first.merges == shared.reference("tokenizer").Tokenizer.train(text, vocab_size).merges


# Runs in a fresh interpreter. Like the grader's own test process, it loads the code under test
# only after guarding itself (when that code is a submission): the submission may not start
# processes, open the course's files or write outside its sandbox from here either.
HASH_SEED_CHILD = """
import sys
sys.path[:] = [entry for entry in sys.path if entry not in ("", ".")]
import json
from grader import loader
spec = loader.selected()
if spec not in ("exercises", "solutions") and not spec.startswith("variant:"):
    from grader import guard
    guard.install(
        sandbox=str(loader.implementation_root(spec).parent),
        protected=[str(loader.REPO_ROOT / "solutions"), str(loader.REPO_ROOT / "grader")],
    )
text = sys.stdin.buffer.read().decode("utf-8")
trained = loader.load("ch03.tokenizer").Tokenizer.train(text, int(sys.argv[1]))
print(json.dumps(sorted([left, right, merged] for (left, right), merged in trained.merges.items())))
"""
guard.trust_program(HASH_SEED_CHILD)  # the grading guard lets the suite start this child, nothing else


def tie_heavy_text() -> str:
    """Short random words over five letters (plus two accents): many pairs tie in count."""
    rng = random.Random(3)
    alphabet = "abcdeéü"
    return " ".join("".join(rng.choices(alphabet, k=rng.randint(1, 6))) for _ in range(400))


@pytest.mark.task("3.2")
@pytest.mark.points(1)
def test_merges_do_not_depend_on_the_hash_seed(tmp_path):
    """Training in fresh interpreters with different PYTHONHASHSEED values gives identical merges."""
    text, vocab_size = tie_heavy_text(), 330
    trained = tokenizer.Tokenizer.train(text, vocab_size)  # fails fast, in process, for a stub
    here = sorted([left, right, merged] for (left, right), merged in trained.merges.items())
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed, LLMDD_IMPL=shared.subprocess_spec())
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
        child = subprocess.run(
            [sys.executable, "-c", HASH_SEED_CHILD, str(vocab_size)],
            input=text.encode("utf-8"),
            capture_output=True,
            cwd=tmp_path,  # an empty folder: nothing to import by accident
            env=env,
            timeout=120,
        )
        if child.returncode != 0:
            error = (child.stderr.decode(errors="replace").strip().splitlines() or ["no output"])[-1]
            pytest.fail(f"training in a fresh interpreter (PYTHONHASHSEED={seed}) failed: {error}")
        assert json.loads(child.stdout) == here, f"PYTHONHASHSEED={seed} changed the merges"


@pytest.mark.task("3.2")
@pytest.mark.points(1)
def test_vocab_size_bounds():
    """Training stops when no pair is left; a vocab_size below 256 + specials is a ValueError."""
    specials = ["<|end|>", "<|pad|>"]
    trained = tokenizer.Tokenizer.train("ab ab ab", 1000, special_tokens=specials)
    assert trained.merges == {(a, b): 256, (32, 256): 257}
    assert trained.special_tokens == {"<|end|>": 258, "<|pad|>": 259}
    smallest = tokenizer.Tokenizer.train("ab ab ab", 258, special_tokens=specials)
    assert smallest.merges == {} and smallest.vocab_size == 258
    for too_small in (0, 100, 255, 257):
        with pytest.raises(ValueError):
            tokenizer.Tokenizer.train("ab ab ab", too_small, special_tokens=specials)
    with pytest.raises(ValueError):
        tokenizer.Tokenizer.train("ab ab ab", 255)
