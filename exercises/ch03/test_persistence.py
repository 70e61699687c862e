"""Task 3.6 — a versioned tokenizer file."""

import json

import pytest

from grader.loader import implementation

persistence = implementation("ch03.persistence")
tokenizer = implementation("ch03.tokenizer")
task = pytest.mark.task("3.6")


def toy():
    return tokenizer.Tokenizer({(98, 99): 256, (97, 256): 257}, special_tokens={"<|end|>": 258})


@task
def test_save_then_load_gives_the_same_tokenizer(tmp_path):
    """Merges, byte ids, pattern and special tokens survive the round trip."""
    path = tmp_path / "tok.json"
    persistence.save_tokenizer(toy(), path)
    loaded = persistence.load_tokenizer(path)
    assert loaded.merges == toy().merges
    assert loaded.special_tokens == toy().special_tokens
    assert loaded.pattern == toy().pattern
    assert loaded.encode("abc<|end|>") == [257, 258]


@task
def test_the_file_says_what_it_is(tmp_path):
    """The file is JSON with a format name and a version number."""
    path = tmp_path / "tok.json"
    persistence.save_tokenizer(toy(), path)
    document = json.loads(path.read_text())
    assert document["format"] == persistence.FORMAT
    assert document["version"] == persistence.VERSION


@task
def test_a_newer_version_is_refused(tmp_path):
    """A file from a newer version raises TokenizerFileError, not a silent misread."""
    path = tmp_path / "tok.json"
    persistence.save_tokenizer(toy(), path)
    document = json.loads(path.read_text())
    document["version"] = persistence.VERSION + 1
    path.write_text(json.dumps(document))
    with pytest.raises(persistence.TokenizerFileError, match="version"):
        persistence.load_tokenizer(path)


@task
def test_a_corrupted_file_is_refused(tmp_path):
    """Truncated JSON raises TokenizerFileError."""
    path = tmp_path / "tok.json"
    persistence.save_tokenizer(toy(), path)
    path.write_text(path.read_text()[:20])
    with pytest.raises(persistence.TokenizerFileError):
        persistence.load_tokenizer(path)
