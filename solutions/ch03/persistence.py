"""Task 3.6 — save a tokenizer to a versioned JSON file and load it back, refusing bad files.

Anything saved should say what it is and which version of the format wrote it, so that a
reader can refuse a file it does not understand instead of silently mis-reading it:

    {"format": "llm-deep-dive/bpe-tokenizer", "version": 1, "pattern": "...",
     "byte_ids": [256 ids], "merges": [[left, right, merged], ...],
     "special_tokens": {"<|endoftext|>": 100257}}
"""

import json
import os
import tempfile
from pathlib import Path

import regex

from .tokenizer import Tokenizer

FORMAT = "llm-deep-dive/bpe-tokenizer"
VERSION = 1


class TokenizerFileError(ValueError):
    """A tokenizer file that is corrupted, of another format, or from a newer version."""


def save_tokenizer(tokenizer: Tokenizer, path: str | os.PathLike) -> None:
    """Write `tokenizer` to `path` atomically: a crash mid-write never leaves half a file."""
    ### BEGIN SOLUTION 3.6
    document = {
        "format": FORMAT,
        "version": VERSION,
        "pattern": tokenizer.pattern,
        "byte_ids": tokenizer.byte_ids,
        "merges": [[left, right, merged] for (left, right), merged in tokenizer.merges.items()],
        "special_tokens": tokenizer.special_tokens,
    }
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(document, file, ensure_ascii=False)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
    ### END SOLUTION


def load_tokenizer(path: str | os.PathLike) -> Tokenizer:
    """Read a file written by `save_tokenizer`.

    Raises `TokenizerFileError` (a `ValueError`) naming the problem when the file is not valid
    JSON, is another format, comes from a newer version, or has missing or ill-typed fields.
    """
    ### BEGIN SOLUTION 3.6
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise TokenizerFileError(f"{path} is not a tokenizer file (not valid JSON): {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise TokenizerFileError(f"{path} is not a {FORMAT} file")
    version = document.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise TokenizerFileError(
            f"{path} has format version {version!r}; this code reads versions up to {VERSION}"
        )
    try:
        merges = {(left, right): merged for left, right, merged in document["merges"]}
        tokenizer = Tokenizer(
            merges,
            byte_ids=document["byte_ids"],
            pattern=document["pattern"],
            special_tokens=document["special_tokens"],
        )
    except (KeyError, TypeError, ValueError, regex.error) as error:
        raise TokenizerFileError(f"{path} is corrupted: {type(error).__name__}: {error}") from None
    return tokenizer
    ### END SOLUTION
