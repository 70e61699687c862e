"""Task 3.6 (hidden) — the versioned tokenizer file: faithful, compatible, atomic, and strict."""

import json

import pytest

from grader.loader import implementation
from grader.suites.ch03 import shared

persistence = implementation("ch03.persistence")
tokenizer = implementation("ch03.tokenizer")

PERMUTED = [(byte * 7 + 3) % 256 for byte in range(256)]  # a byte -> id table not in byte order
SPECIALS = {"<|endoftext|>": 400, "<|fim_prefix|>": 401, "<|end|>!": 402, "🤖 ünïcödé": 403}
SAMPLE = "Hello wörld 🤖 ünïcödé<|endoftext|> the the <|end|>! 12345\r\n"


def trained_merges() -> dict[tuple[int, int], int]:
    return dict(shared.reference_trained(60_000, 280).merges)


def learner_tokenizers():
    """A trained tokenizer with specials, one with permuted byte ids, and one with GPT-2's pattern."""
    gpt2 = shared.reference("patterns").GPT2_SPLIT_PATTERN
    permuted_merges = {(PERMUTED[97], PERMUTED[98]): 256, (256, PERMUTED[99]): 257}
    return (
        tokenizer.Tokenizer(trained_merges(), special_tokens=SPECIALS),
        tokenizer.Tokenizer(permuted_merges, byte_ids=PERMUTED, special_tokens={"<|end|>": 258}),
        tokenizer.Tokenizer({}, pattern=gpt2),
    )


def same_tokenizer(loaded, original) -> None:
    assert loaded.merges == original.merges
    assert list(loaded.byte_ids) == list(original.byte_ids)
    assert loaded.pattern == original.pattern
    assert loaded.special_tokens == original.special_tokens


def saved_document(tmp_path) -> dict:
    """The JSON document the learner's save writes for a small tokenizer."""
    path = tmp_path / "source.json"
    persistence.save_tokenizer(tokenizer.Tokenizer({(97, 98): 256}, special_tokens={"<|end|>": 257}), path)
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.task("3.6")
@pytest.mark.points(3)
def test_save_then_load_keeps_everything(tmp_path):
    """Merges, byte ids, pattern and special tokens survive a save and load, to str or Path, overwriting."""
    for number, original in enumerate(learner_tokenizers()):
        path = tmp_path / f"tokenizer-{number}.json"
        persistence.save_tokenizer(original, str(path) if number % 2 else path)
        loaded = persistence.load_tokenizer(path if number % 2 else str(path))
        same_tokenizer(loaded, original)
        assert loaded.vocab == original.vocab
    path = tmp_path / "overwritten.json"
    first, second, _ = learner_tokenizers()
    persistence.save_tokenizer(first, path)
    persistence.save_tokenizer(second, path)
    same_tokenizer(persistence.load_tokenizer(path), second)


@pytest.mark.task("3.6")
@pytest.mark.points(2)
def test_files_are_exchangeable_with_the_reference(tmp_path):
    """The file has the documented layout: each side reads the other's files (learner, reference)."""
    ref_tokenizer, ref_persistence = shared.reference("tokenizer"), shared.reference("persistence")
    for number, original in enumerate(learner_tokenizers()):
        path = tmp_path / f"learner-{number}.json"
        persistence.save_tokenizer(original, path)
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["format"] == "llm-deep-dive/bpe-tokenizer" and document["version"] == 1
        same_tokenizer(ref_persistence.load_tokenizer(path), original)

        as_reference = ref_tokenizer.Tokenizer(
            original.merges,
            byte_ids=original.byte_ids,
            pattern=original.pattern,
            special_tokens=original.special_tokens,
        )
        path = tmp_path / f"reference-{number}.json"
        ref_persistence.save_tokenizer(as_reference, path)
        same_tokenizer(persistence.load_tokenizer(path), as_reference)


@pytest.mark.task("3.6")
@pytest.mark.points(2)
def test_newer_versions_and_other_formats_are_refused(tmp_path):
    """A newer version, another format name, or no format is a TokenizerFileError (a ValueError)."""
    assert issubclass(persistence.TokenizerFileError, ValueError)
    document = saved_document(tmp_path)
    for change in (
        {"version": 2},
        {"version": 100},
        {"version": "1"},
        {"format": "some-other/tokenizer"},
        {"format": None},
    ):
        path = tmp_path / "changed.json"
        path.write_text(json.dumps(document | change), encoding="utf-8")
        with pytest.raises(persistence.TokenizerFileError):
            persistence.load_tokenizer(path)
    path = tmp_path / "no-format.json"
    path.write_text(json.dumps({k: v for k, v in document.items() if k != "format"}), encoding="utf-8")
    with pytest.raises(persistence.TokenizerFileError):
        persistence.load_tokenizer(path)


def corruptions(document: dict):
    """(what is wrong, the file's bytes) for files that must be refused as corrupted."""
    text = json.dumps(document)
    yield "truncated JSON", text[: len(text) // 2].encode()
    yield "empty file", b""
    yield "not UTF-8", b"\xff\xfe\x00garbage\x80"
    yield "a JSON list", json.dumps([document]).encode()
    for field in ("merges", "byte_ids", "pattern", "special_tokens"):
        yield f"no {field}", json.dumps({k: v for k, v in document.items() if k != field}).encode()
    broken = {
        "merge of two numbers": {"merges": [[97, 256]]},
        "merges not a list": {"merges": 5},
        "merge from an unknown id": {"merges": [[97, 999, 256]]},
        "float ids": {"merges": [[97.0, 98, 256]]},
        "255 byte ids": {"byte_ids": list(range(255))},
        "repeated byte ids": {"byte_ids": [0] * 256},
        "text byte ids": {"byte_ids": [str(i) for i in range(256)]},
        "invalid pattern": {"pattern": "(unclosed"},
        "pattern not text": {"pattern": 42},
        "special id not a number": {"special_tokens": {"<|end|>": "257"}},
        "special id taken": {"special_tokens": {"<|end|>": 256}},
    }
    for what, change in broken.items():
        yield what, json.dumps(document | change).encode()


@pytest.mark.task("3.6")
@pytest.mark.points(2)
def test_corrupted_files_are_refused(tmp_path):
    """Invalid JSON, non-UTF-8, missing or ill-typed fields all raise TokenizerFileError."""
    document = saved_document(tmp_path)
    path = tmp_path / "ok.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert persistence.load_tokenizer(path).merges == {(97, 98): 256}
    for what, content in corruptions(document):
        path = tmp_path / "corrupted.json"
        path.write_bytes(content)
        try:
            persistence.load_tokenizer(path)
        except persistence.TokenizerFileError:
            continue
        except Exception as error:
            pytest.fail(f"{what}: raised {type(error).__name__}: {error}, not TokenizerFileError")
        pytest.fail(f"{what}: the file was accepted")


@pytest.mark.task("3.6")
@pytest.mark.points(1)
def test_a_failed_save_leaves_the_old_file_and_no_debris(tmp_path):
    """A save failing midway (unserializable special id) leaves the old file intact, no debris."""
    path = tmp_path / "tokenizer.json"
    good = tokenizer.Tokenizer(trained_merges(), special_tokens=SPECIALS)
    persistence.save_tokenizer(good, path)
    before = path.read_bytes()
    bad = tokenizer.Tokenizer(trained_merges(), special_tokens=SPECIALS)
    bad.special_tokens = {"<|endoftext|>": object()}  # breaks json serialization of the last field
    with pytest.raises(Exception):  # noqa: B017 - any error will do, the file is what matters
        persistence.save_tokenizer(bad, path)
    assert path.read_bytes() == before, "a failed save damaged the existing file"
    assert [p.name for p in tmp_path.iterdir()] == ["tokenizer.json"], "a failed save left files behind"
