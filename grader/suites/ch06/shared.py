"""What the chapter-6 test files share: the template's ids, and oracles written from the lesson's rules.

Every oracle here is independent of the code under test and of the reference: it reads a
conversation as `(role, content)` pairs and applies the pinned rules directly (UTF-8 bytes from
`str.encode`, ids written out below, first fit as a plain loop, the block mask as a Python
double loop, the loss from float64 log-softmax). The learner's modules are only used to build
the inputs they are given (`Message`, `Example`: given code).

Nothing here loads the code under test at import time: a broken learner file must only fail
the tests that use it.
"""

import math
import random

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

from grader import loader
from grader.checks import plain_tensor
from grader.suites import strategies

SYSTEM, USER, ASSISTANT, TOOL, END, PAD = 256, 257, 258, 259, 260, 261
VOCAB_SIZE = 262
IGNORE = -100
ROLE_IDS = {"system": SYSTEM, "user": USER, "assistant": ASSISTANT, "tool": TOOL}
SPECIALS = ("<|system|>", "<|user|>", "<|assistant|>", "<|tool|>", "<|end|>", "<|pad|>")

seeds = st.integers(0, 2**32 - 1)


def conversations(**options) -> st.SearchStrategy[list[tuple[str, str]]]:
    """`(role, content)` lists: optional system first, any turns, special-token text in contents."""
    return strategies.chat_conversations(SPECIALS, **options)


def reference(module: str):
    """Module `module` ("masking") of the reference solution."""
    return loader.load(f"ch06.{module}", "solutions")


def messages(template, conversation, as_dicts: bool = False) -> list:
    """The conversation as the learner's `Message` objects (given code), or as plain dicts."""
    if as_dicts:
        return [{"role": role, "content": content} for role, content in conversation]
    return [template.Message(role, content) for role, content in conversation]


# -- the template, token by token -------------------------------------------------------------


def oracle_turns(conversation) -> list[tuple[str, list[int]]]:
    """Each message's ids: [role id, *UTF-8 bytes, END]."""
    return [(role, [ROLE_IDS[role], *content.encode("utf-8"), END]) for role, content in conversation]


def oracle_render(conversation, add_generation_prompt: bool = False) -> list[int]:
    ids = [token for _, turn in oracle_turns(conversation) for token in turn]
    return ids + [ASSISTANT] if add_generation_prompt else ids


def oracle_flags(conversation) -> list[bool]:
    """Per rendered token: True on an assistant message's content bytes and its END."""
    flags: list[bool] = []
    for role, turn in oracle_turns(conversation):
        flags += [False] + [role == "assistant"] * (len(turn) - 1)
    return flags


def oracle_example(conversation, max_length: int) -> tuple[list[int], list[int], list[bool]]:
    """(input_ids, labels, loss_mask) as lists: cut to max_length + 1 tokens, then shifted by one."""
    ids = oracle_render(conversation)[: max_length + 1]
    flags = oracle_flags(conversation)[: max_length + 1]
    labels = [token if flag else IGNORE for token, flag in zip(ids[1:], flags[1:])]
    return ids[:-1], labels, flags[1:]


# -- packing ----------------------------------------------------------------------------------


def oracle_first_fit(lengths: list[int], seq_len: int) -> list[list[int]]:
    rows: list[list[int]] = []
    used: list[int] = []
    for index, length in enumerate(lengths):
        for r in range(len(rows)):
            if used[r] + length <= seq_len:
                rows[r].append(index)
                used[r] += length
                break
        else:
            rows.append([index])
            used.append(length)
    return rows


def oracle_pack(examples: list[tuple[list[int], list[int], list[bool]]], seq_len: int) -> dict:
    """The five (R, seq_len) tensors of the pinned layout, built position by position."""
    rows = oracle_first_fit([len(ids) for ids, _, _ in examples], seq_len)
    fields = {
        "input_ids": [[PAD] * seq_len for _ in rows],
        "labels": [[IGNORE] * seq_len for _ in rows],
        "loss_mask": [[False] * seq_len for _ in rows],
        "position_ids": [[0] * seq_len for _ in rows],
        "document_ids": [[-1] * seq_len for _ in rows],
    }
    for r, indices in enumerate(rows):
        column = 0
        for index in indices:
            ids, labels, mask = examples[index]
            for offset in range(len(ids)):
                fields["input_ids"][r][column] = ids[offset]
                fields["labels"][r][column] = labels[offset]
                fields["loss_mask"][r][column] = mask[offset]
                fields["position_ids"][r][column] = offset
                fields["document_ids"][r][column] = index
                column += 1
    dtypes = {"loss_mask": torch.bool}
    return {
        name: torch.tensor(values, dtype=dtypes.get(name, torch.long)).reshape(len(rows), seq_len)
        for name, values in fields.items()
    }


def oracle_block_mask(document_ids: list[int]) -> list[list[bool]]:
    """Query i may see key j exactly when j <= i and both carry the same document id."""
    n = len(document_ids)
    return [[j <= i and document_ids[i] == document_ids[j] for j in range(n)] for i in range(n)]


@st.composite
def raw_examples(draw, max_examples: int = 8, max_length: int = 12):
    """`(input_ids, labels, loss_mask)` lists of 1..max_length positions; labels -100 where unmasked.

    Hypothesis draws the lengths (short ones often) and a seed; the ids and masks come from the
    seed, which is much cheaper than drawing every value and just as varied.
    """
    lengths = draw(st.lists(st.one_of(st.integers(1, 3), st.integers(1, max_length)), max_size=max_examples))
    rng = random.Random(draw(seeds))
    share = rng.random()  # how much of each example is supervised: from almost nothing to all
    result = []
    for length in lengths:
        ids = [rng.randrange(VOCAB_SIZE) for _ in range(length)]
        mask = [rng.random() < share for _ in range(length)]
        result.append((ids, [rng.randrange(VOCAB_SIZE) if m else IGNORE for m in mask], mask))
    return result


def as_examples(masking, raw) -> list:
    """The learner's `Example` objects (given code) for raw `(ids, labels, mask)` lists."""
    return [
        masking.Example(
            torch.tensor(ids, dtype=torch.long),
            torch.tensor(labels, dtype=torch.long),
            torch.tensor(mask, dtype=torch.bool),
        )
        for ids, labels, mask in raw
    ]


class ToyAttention:
    """One float64 attention layer with learned-looking token and position tables and a residual.

    The output at a position depends on its token, its position id, and every key its mask lets
    it see: if packing leaked attention or did not reset positions, the packed output of an
    example would differ from its output alone.
    """

    def __init__(self, seed: int, max_positions: int, width: int = 8) -> None:
        generator = torch.Generator().manual_seed(seed)

        def table(*shape):
            return torch.randn(*shape, generator=generator, dtype=torch.float64)

        self.tokens, self.positions = table(VOCAB_SIZE, width), table(max_positions, width)
        self.wq, self.wk, self.wv = table(width, width), table(width, width), table(width, width)

    def __call__(self, ids: torch.Tensor, positions: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """ids and positions (R, L), mask (R, L, L) bool -> (R, L, width)."""
        x = self.tokens[ids] + self.positions[positions]
        q, k, v = x @ self.wq, x @ self.wk, x @ self.wv
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(x.shape[-1])
        scores = scores.masked_fill(~mask, -math.inf)
        return x + torch.softmax(scores, dim=-1) @ v

    def alone(self, ids: list[int]) -> torch.Tensor:
        """The output for one example on its own: positions 0..n-1, a plain causal mask. (n, width)"""
        n = len(ids)
        causal = torch.ones(n, n, dtype=torch.bool).tril()
        return self(torch.tensor([ids]), torch.arange(n).unsqueeze(0), causal.unsqueeze(0))[0]


# -- the loss ---------------------------------------------------------------------------------


def oracle_loss(logits: torch.Tensor, labels: torch.Tensor, loss_mask: torch.Tensor | None) -> float:
    """Mean over supervised positions of -log softmax(logits)[label], in float64; 0.0 if none."""
    log_probs = F.log_softmax(logits.detach().double(), dim=-1).reshape(-1, logits.shape[-1])
    flat_labels = labels.reshape(-1).tolist()
    flat_mask = [True] * len(flat_labels) if loss_mask is None else loss_mask.reshape(-1).tolist()
    terms = [
        -log_probs[i, label].item()
        for i, (label, keep) in enumerate(zip(flat_labels, flat_mask))
        if keep and label != IGNORE
    ]
    return math.fsum(terms) / len(terms) if terms else 0.0


def assert_close(got, expected: float, dtype: torch.dtype, what: str = "loss") -> None:
    """A 0-dim tensor equal to `expected` within the dtype's tolerance (1e-10 float64, 1e-5 float32)."""
    got = plain_tensor(got, what)
    assert got.dim() == 0, f"{what}: expected a 0-dim tensor, got shape {tuple(got.shape)}"
    tolerance = 1e-10 if dtype == torch.float64 else 1e-5
    value = got.item()
    assert abs(value - expected) <= tolerance * (1 + abs(expected)), (
        f"{what}: got {value!r}, expected {expected!r}"
    )
