"""Regex pre-tokenization: text is cut into chunks first, and BPE merges never cross a chunk edge.

That is why " dog" in "the dog." and "the dog!" becomes the same token: the punctuation is
always a chunk of its own. The patterns need the `regex` module (for `\\p{L}`, letters in any
script, and possessive quantifiers such as `?+`).

>>> regex.findall(GPT4_SPLIT_PATTERN, "Hello world's 12345!!")
['Hello', ' world', "'s", ' ', '123', '45', '!!']
"""

import regex

GPT2_SPLIT_PATTERN = r"""'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""

# cl100k_base's pattern, exactly as tiktoken ships it: case-insensitive contractions, digits in
# groups of at most three, and newlines kept apart from other whitespace.
GPT4_SPLIT_PATTERN = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)


def split_into_chunks(text: str, pattern: str = GPT4_SPLIT_PATTERN) -> list[str]:
    """Cut `text` into the pre-token chunks that BPE works on, one at a time."""
    return regex.findall(pattern, text)
