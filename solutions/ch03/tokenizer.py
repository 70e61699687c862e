"""Tasks 3.3–3.5 — a byte-level BPE tokenizer: encode by merge rank, special tokens, decode.

A tokenizer is four things:

* `byte_ids`: the id of each of the 256 bytes (0..255 when trained here; a permutation for
  cl100k_base, whose single bytes are not in byte order);
* `merges`: `(left id, right id) -> merged id`; the merged id is also the merge's rank, so
  merges learned earlier have smaller ids and are applied first;
* `pattern`: the regex that cuts text into chunks before any merging;
* `special_tokens`: strings such as `<|endoftext|>` that map straight to one id.

>>> tok = Tokenizer.train("hug pug hugs " * 50, vocab_size=260)
>>> tok.encode("hugs")
[257, 115]
>>> tok.decode(tok.encode("hugs"))
'hugs'
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import regex

from .pairs import Pair
from .patterns import GPT4_SPLIT_PATTERN
from .training import FIRST_MERGED_ID, train_merges

NUM_BYTES = 256


class Tokenizer:
    """Byte-level BPE with regex pre-tokenization and special tokens (tiktoken's rules)."""

    def __init__(
        self,
        merges: Mapping[Pair, int],
        byte_ids: Sequence[int] = range(NUM_BYTES),
        pattern: str = GPT4_SPLIT_PATTERN,
        special_tokens: Mapping[str, int] | None = None,
    ) -> None:
        self.merges = dict(merges)
        self.byte_ids = list(byte_ids)
        self.pattern = pattern
        self.special_tokens = dict(special_tokens or {})
        ids = [*self.byte_ids, *self.special_tokens.values(), *self.merges.values()]
        ids += [token_id for pair in self.merges for token_id in pair]
        if not all(type(token_id) is int and token_id >= 0 for token_id in ids):
            raise ValueError("token ids must be non-negative integers")
        if len(self.byte_ids) != NUM_BYTES or len(set(self.byte_ids)) != NUM_BYTES:
            raise ValueError(f"byte_ids must give {NUM_BYTES} distinct ids, one per byte value")
        self.vocab = self._build_vocab()
        self._compiled = regex.compile(pattern)
        # Longest first, so that where two special tokens start at the same place the longer wins.
        specials = sorted(self.special_tokens, key=len, reverse=True)
        self._special_regex = regex.compile("|".join(map(regex.escape, specials))) if specials else None
        self._chunk_cache: dict[str, list[int]] = {}

    def _build_vocab(self) -> dict[int, bytes]:
        """Every id's bytes: single bytes, then each merge in rank order, then special tokens."""
        vocab = {token_id: bytes([byte]) for byte, token_id in enumerate(self.byte_ids)}
        for (left, right), merged in sorted(self.merges.items(), key=lambda item: item[1]):
            if left not in vocab or right not in vocab or merged in vocab:
                raise ValueError(f"merge {(left, right)} -> {merged} does not build on earlier ids")
            vocab[merged] = vocab[left] + vocab[right]
        for text, token_id in self.special_tokens.items():
            if not text or token_id in vocab:
                raise ValueError(f"special token {text!r} needs non-empty text and an unused id")
            vocab[token_id] = text.encode("utf-8")
        return vocab

    @property
    def vocab_size(self) -> int:
        """Number of ids: bytes, merges and special tokens."""
        return len(self.vocab)

    @classmethod
    def train(
        cls,
        text: str,
        vocab_size: int,
        special_tokens: Iterable[str] = (),
        pattern: str = GPT4_SPLIT_PATTERN,
    ) -> "Tokenizer":
        """Learn a tokenizer of (at most) `vocab_size` ids from `text`.

        The vocabulary is the 256 bytes, then the merges, then the special tokens, which get the
        last ids. Special-token text inside `text` is cut out before training, so no merge ever
        spans one. If the text runs out of pairs, fewer merges are learned.
        """
        specials = list(dict.fromkeys(special_tokens))
        if vocab_size < NUM_BYTES + len(specials):
            raise ValueError(
                f"vocab_size={vocab_size} is too small: it must hold the {NUM_BYTES} bytes "
                f"and {len(specials)} special token(s), so at least {NUM_BYTES + len(specials)}"
            )
        pieces = regex.split("|".join(map(regex.escape, specials)), text) if specials else [text]
        chunk_counts = Counter(
            chunk.encode("utf-8") for piece in pieces for chunk in regex.findall(pattern, piece)
        )
        pairs = train_merges(chunk_counts, vocab_size - NUM_BYTES - len(specials))
        merges = {pair: FIRST_MERGED_ID + rank for rank, pair in enumerate(pairs)}
        first_special = FIRST_MERGED_ID + len(pairs)
        special_ids = {text: first_special + i for i, text in enumerate(specials)}
        return cls(merges, pattern=pattern, special_tokens=special_ids)

    def encode_ordinary(self, text: str) -> list[int]:
        """Encode `text` ignoring special tokens: split into chunks, then merge each chunk.

        Within a chunk, repeatedly merge the adjacent pair with the lowest rank (the merge
        learned first) until no adjacent pair has a merge. This is not longest-match: the
        earliest-learned merge always goes first.
        """
        ### BEGIN SOLUTION 3.3
        _require_str(text)
        ids: list[int] = []
        cache = self._chunk_cache
        for chunk in self._compiled.findall(text):
            chunk_ids = cache.get(chunk)
            if chunk_ids is None:
                chunk_ids = self._merge_chunk(chunk.encode("utf-8"))
                if len(cache) < 100_000:
                    cache[chunk] = chunk_ids
            ids.extend(chunk_ids)
        return ids
        ### END SOLUTION

    def _merge_chunk(self, chunk: bytes) -> list[int]:
        """Apply merges by rank to the bytes of one chunk."""
        ### BEGIN SOLUTION 3.3
        ids = [self.byte_ids[byte] for byte in chunk]
        rank_of = self.merges.get
        while len(ids) > 1:
            best, at = None, 0
            for i in range(len(ids) - 1):  # the lowest-ranked pair; the leftmost on a tie
                rank = rank_of((ids[i], ids[i + 1]))
                if rank is not None and (best is None or rank < best):
                    best, at = rank, i
            if best is None:
                break
            ids[at : at + 2] = [best]
        return ids
        ### END SOLUTION

    def encode(self, text: str) -> list[int]:
        """Encode `text`, turning every special-token string in it into that token's single id.

        Scanning left to right, at each position the longest special token that starts there
        wins. Text between special tokens is encoded with `encode_ordinary`, so special tokens
        are never split or merged with their neighbours.

        >>> tok = Tokenizer.train("ab ab", vocab_size=258, special_tokens=["<|end|>"])
        >>> tok.encode("ab<|end|>")
        [256, 257]
        """
        ### BEGIN SOLUTION 3.4
        _require_str(text)
        if self._special_regex is None:
            return self.encode_ordinary(text)
        ids: list[int] = []
        start = 0
        for match in self._special_regex.finditer(text):
            ids.extend(self.encode_ordinary(text[start : match.start()]))
            ids.append(self.special_tokens[match.group()])
            start = match.end()
        ids.extend(self.encode_ordinary(text[start:]))
        return ids
        ### END SOLUTION

    def decode(self, ids: Iterable[int]) -> str:
        """Turn ids back into text: join every token's bytes, then decode UTF-8 once.

        Decoding token by token would break characters whose bytes span two tokens. Bytes that
        are not valid UTF-8 become U+FFFD (the replacement character); decoding never raises for
        them. An id outside the vocabulary raises `ValueError`.
        """
        ### BEGIN SOLUTION 3.5
        pieces = []
        for token_id in ids:
            token_bytes = self.vocab.get(token_id) if isinstance(token_id, int) else None
            if token_bytes is None:
                raise ValueError(f"unknown token id {token_id!r}: ids run from 0 to {max(self.vocab)}")
            pieces.append(token_bytes)
        return b"".join(pieces).decode("utf-8", errors="replace")
        ### END SOLUTION


def _require_str(text: object) -> None:
    """Reject non-text early, with a message that says what was passed."""
    if not isinstance(text, str):
        raise TypeError(f"encode expects a str, got {type(text).__name__}")
