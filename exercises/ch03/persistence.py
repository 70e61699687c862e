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
    raise NotImplementedError("Task 3.6: save and load a versioned tokenizer file")


def load_tokenizer(path: str | os.PathLike) -> Tokenizer:
    """Read a file written by `save_tokenizer`.

    Raises `TokenizerFileError` (a `ValueError`) naming the problem when the file is not valid
    JSON, is another format, comes from a newer version, or has missing or ill-typed fields.
    """
    raise NotImplementedError("Task 3.6: save and load a versioned tokenizer file")
