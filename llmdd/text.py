"""The pretraining corpus: Python's own documentation, shipped with Python, as byte tokens.

`pydoc_data.topics` holds the text `help("assert")` prints: 79 documents, about 466 KB of real
English prose with code. Each byte is one token (ids 0..255) and id 256 marks the end of a
document, the way `<|endoftext|>` separates documents in a real pretraining stream:

>>> encode("hé")
[104, 195, 169]
>>> decode([104, 105, END_OF_TEXT, 33])
'hi<|endoftext|>!'

Bytes instead of chapter 3's BPE keep this code independent of your tokenizer and let any
prompt be encoded; the price is more tokens per word, so the model sees less text per step.
"""

import math
from collections import Counter

import torch

END_OF_TEXT = 256
VOCAB_SIZE = 257
VALIDATION_EVERY = 10  # every 10th document (in sorted order) is held out


def encode(text: str) -> list[int]:
    """The UTF-8 bytes of `text`, one id each."""
    return list(text.encode("utf-8"))


def decode(ids: list[int]) -> str:
    """Text for `ids`; <|endoftext|> is written out, invalid UTF-8 becomes U+FFFD."""
    pieces, pending = [], bytearray()
    for token in ids:
        if token == END_OF_TEXT:
            pieces.append(pending.decode("utf-8", errors="replace") + "<|endoftext|>")
            pending = bytearray()
        else:
            pending.append(token)
    return "".join(pieces) + pending.decode("utf-8", errors="replace")


def documents() -> dict[str, str]:
    """The corpus by topic name, in sorted order."""
    from pydoc_data.topics import topics

    return {name: topics[name] for name in sorted(topics)}


def token_stream(split: str) -> torch.Tensor:
    """The documents of `split` ("train" or "validation") as one 1-D int64 stream, each ending in EOT."""
    if split not in ("train", "validation"):
        raise ValueError(f"split must be 'train' or 'validation', not {split!r}")
    held_out = split == "validation"
    ids: list[int] = []
    for index, text in enumerate(documents().values()):
        if (index % VALIDATION_EVERY == VALIDATION_EVERY - 1) == held_out:
            ids.extend(encode(text))
            ids.append(END_OF_TEXT)
    return torch.tensor(ids, dtype=torch.int64)


def unigram_loss(train: torch.Tensor, validation: torch.Tensor) -> float:
    """Cross-entropy (nats/token) on `validation` of the best context-free model fit on `train`.

    A language model has learned something about context only once it beats this number: the
    unigram model knows how often each byte occurs and nothing else. Add-one smoothing keeps
    bytes unseen in training from costing infinity.
    """
    counts = Counter(train.tolist())
    total = len(train) + VOCAB_SIZE
    log_probability = {token: math.log((counts[token] + 1) / total) for token in range(VOCAB_SIZE)}
    return -sum(log_probability[token] for token in validation.tolist()) / len(validation)
