"""Task 6.3 — packing: several examples per fixed-length row, with nothing leaking between them.

Conversations vary in length. Padding each to the longest wastes most of a batch on filler, so
short examples are packed side by side into rows of `seq_len` positions. Packing is only
correct if every example is trained exactly as if it were alone:

* **attention** must not cross examples: a token may attend to earlier tokens *of its own
  example* only. The mask is block-diagonal and causal (`block_causal_mask`);
* **positions** restart at 0 for each example, so the second example of a row does not look
  like the middle of a long document;
* **labels** never point into the next example. Each example was shifted on its own
  (`build_example`), so its last label is its own last token: copy the labels, never shift again;
* **padding** fills the rest of a row: PAD ids, IGNORE_INDEX labels, loss mask False.

Layout (pinned). Rows are filled by *first fit* in the given order: each example goes at the end
of the first row (lowest index) that still has room for all of it, or else starts a new row.
`document_ids` holds each position's example index in the input list (-1 on padding).
`position_ids` counts 0, 1, 2, ... within each example and is 0 on padding. An example longer
than `seq_len`, an empty example or `seq_len` below 1 is a ValueError (truncate with
`build_example`'s max_length instead). No example gives zero rows.

Examples of lengths 3, 4, 2 and seq_len 6 (first fit: 3 -> row 0, 4 -> row 1, 2 -> row 0):

    document_ids    0  0  0  2  2 -1        position_ids    0  1  2  0  1  0
                    1  1  1  1 -1 -1                        0  1  2  3  0  0

The attention mask of row 0 (query i down, key j across; 1 = may attend):

    1 . . . . .
    1 1 . . . .
    1 1 1 . . .
    . . . 1 . .          example 2 starts afresh: it cannot see example 0
    . . . 1 1 .
    . . . . . 1          padding sees only padding, never a real token, and no real token sees it
"""

from collections.abc import Sequence
from dataclasses import dataclass

import torch

from .masking import IGNORE_INDEX, Example
from .tokens import PAD

PADDING_DOCUMENT = -1


@dataclass(frozen=True)
class PackedBatch:
    """R rows of L = seq_len positions; every tensor is (R, L)."""

    input_ids: torch.Tensor  # int64; PAD on padding
    labels: torch.Tensor  # int64; IGNORE_INDEX on padding
    loss_mask: torch.Tensor  # bool; False on padding
    position_ids: torch.Tensor  # int64; 0, 1, 2, ... from each example's start; 0 on padding
    document_ids: torch.Tensor  # int64; index of the example in `pack`'s input; -1 on padding

    def attention_mask(self) -> torch.Tensor:
        """(R, L, L) bool: `block_causal_mask(self.document_ids)`."""
        return block_causal_mask(self.document_ids)


def first_fit(lengths: Sequence[int], seq_len: int) -> list[list[int]]:
    """Rows of example indices: each example at the end of the first row with room for it.

    >>> first_fit([3, 4, 2], 6)
    [[0, 2], [1]]
    """
    raise NotImplementedError("Task 6.3: pack examples without leaking across them")


def pack(examples: Sequence[Example], seq_len: int) -> PackedBatch:
    """Pack `examples` (anything with 1-D `input_ids`, `labels`, `loss_mask`) into rows of `seq_len`."""
    raise NotImplementedError("Task 6.3: pack examples without leaking across them")


def block_causal_mask(document_ids: torch.Tensor) -> torch.Tensor:
    """(..., L) document ids -> (..., L, L) bool, True where query i may attend to key j.

    Exactly when j <= i and both positions belong to the same document. Padding (-1) is a
    document of its own, so a padding query still sees itself (no row is all False, no nan).
    """
    raise NotImplementedError("Task 6.3: pack examples without leaking across them")
