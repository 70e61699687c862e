"""Task 6.2 (hidden) — `assistant_mask` and `build_example`: exact labels and masks on any conversation.

The oracle (`shared.oracle_example`) renders each message as [role, bytes, END], flags the
assistant's content and END, cuts to max_length + 1 tokens and shifts by one.
"""

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites.ch06 import shared
from grader.suites.ch06.shared import ASSISTANT, END, IGNORE, SYSTEM, TOOL, USER

masking = implementation("ch06.masking")
template = implementation("ch06.template")

max_lengths = st.one_of(st.integers(1, 12), st.integers(1, 200), st.just(10_000))


def example_lists(example) -> tuple[list[int], list[int], list[bool]]:
    """The example's three tensors as lists, after checking their types and shapes."""
    names = ("input_ids", "labels", "loss_mask")
    tensors = [getattr(example, name) for name in names]
    for name, tensor, dtype in zip(names, tensors, (torch.long, torch.long, torch.bool)):
        assert isinstance(tensor, torch.Tensor), f"{name}: expected a tensor, got {type(tensor).__name__}"
        assert tensor.dtype == dtype, f"{name}: dtype {tensor.dtype}, expected {dtype}"
        assert tensor.dim() == 1, f"{name}: expected 1-D, got shape {tuple(tensor.shape)}"
    assert len({t.shape[0] for t in tensors}) == 1, "input_ids, labels and loss_mask differ in length"
    return tuple(t.tolist() for t in tensors)


def build(conversation, max_length=10_000):
    return example_lists(masking.build_example(shared.messages(template, conversation), max_length))


@pytest.mark.task("6.2")
@pytest.mark.points(4)
def test_known_answers():
    """The lesson's table; two rounds with a system prompt and a tool turn; a cut answer."""
    hi_yo = [("user", "hi"), ("assistant", "yo")]
    y, o = ord("y"), ord("o")
    assert masking.assistant_mask(shared.messages(template, hi_yo)) == [False] * 5 + [True] * 3
    assert build(hi_yo) == (
        [USER, 104, 105, END, ASSISTANT, y, o],
        [IGNORE] * 4 + [y, o, END],
        [False] * 4 + [True] * 3,
    )
    assert build(hi_yo, 5) == ([USER, 104, 105, END, ASSISTANT], [IGNORE] * 4 + [y], [False] * 4 + [True])
    assert build(hi_yo, 7) == build(hi_yo)
    assert build(hi_yo, 1) == ([USER], [IGNORE], [False])
    rounds = [("system", "S"), ("user", "u"), ("assistant", "a"), ("tool", "t"), ("assistant", "")]
    ids, labels, mask = build(rounds)
    assert ids == [SYSTEM, 83, END, USER, 117, END, ASSISTANT, 97, END, TOOL, 116, END, ASSISTANT]
    assert labels == [IGNORE] * 6 + [97, END] + [IGNORE] * 4 + [END]
    assert mask == [label != IGNORE for label in labels]
    dicts = [{"role": role, "content": content} for role, content in rounds]
    assert example_lists(masking.build_example(dicts, 100)) == (ids, labels, mask)


@pytest.mark.task("6.2")
@pytest.mark.points(5)
@given(shared.conversations())
def test_assistant_mask_matches_the_rule_on_any_conversation(conversation):
    """One flag per rendered token, True exactly on assistant content bytes and the assistant's END."""
    got = masking.assistant_mask(shared.messages(template, conversation))
    assert isinstance(got, list) and len(got) == len(shared.oracle_render(conversation))
    assert [bool(flag) for flag in got] == shared.oracle_flags(conversation)


@pytest.mark.task("6.2")
@pytest.mark.points(7)
@given(shared.conversations(), max_lengths)
def test_build_example_matches_the_oracle_exactly(conversation, max_length):
    """Any turns, empty and special-token contents, any max_length: input_ids, labels, loss_mask exact."""
    got = build(conversation, max_length)
    expected = shared.oracle_example(conversation, max_length)
    for name, a, b in zip(("input_ids", "labels", "loss_mask"), got, expected):
        assert a == b, f"{name} differs for max_length={max_length}"


@pytest.mark.task("6.2")
@pytest.mark.points(4)
@given(shared.conversations())
def test_no_supervised_token_outside_assistant_turns(conversation):
    """Every supervised label is a byte or the END of an assistant message, never a role token."""
    _, labels, mask = build(conversation)
    owner = [role for role, turn in shared.oracle_turns(conversation) for _ in turn]  # per rendered token
    part = [
        kind
        for _, turn in shared.oracle_turns(conversation)
        for kind in ["role"] + ["body"] * (len(turn) - 1)
    ]
    for t, (label, supervised) in enumerate(zip(labels, mask)):
        target = t + 1  # label t is rendered token t + 1
        if supervised:
            assert owner[target] == "assistant" and part[target] == "body", (
                f"label {t} ({label}) is supervised but belongs to a {owner[target]} turn's {part[target]}"
            )
        assert (label != IGNORE) == supervised, f"label {t} is {label} but loss_mask is {supervised}"


@pytest.mark.task("6.2")
@pytest.mark.points(4)
@given(shared.conversations(), st.integers(0, 6))
def test_every_answer_token_and_its_end_are_supervised(conversation, where):
    """An assistant turn's first token (predicted from <|assistant|>), every byte, and its END."""
    conversation = [*conversation[:where], ("assistant", "ok"), *conversation[where:]]
    if conversation[0][0] != "system" and any(role == "system" for role, _ in conversation):
        conversation = [turn for turn in conversation if turn[0] != "system"]
    ids, labels, mask = build(conversation)
    answers = [content for role, content in conversation if role == "assistant"]
    expected = [token for content in answers for token in (*content.encode("utf-8"), END)]
    assert [label for label, m in zip(labels, mask) if m] == expected
    for t, token in enumerate(ids):
        if token == ASSISTANT:
            assert mask[t], f"input {t} is <|assistant|>: the answer's first token must be its label"
            assert labels[t] == shared.oracle_render(conversation)[t + 1]


@pytest.mark.task("6.2")
@pytest.mark.points(4)
@given(shared.conversations(), st.data())
def test_truncation_keeps_the_first_max_length_positions(conversation, data):
    """min(len(rendered), max_length + 1) - 1 positions; a shorter max_length gives a prefix."""
    rendered = len(shared.oracle_render(conversation))
    max_length = data.draw(st.integers(1, rendered + 2), label="max_length")
    short = build(conversation, max_length)
    assert len(short[0]) == min(rendered, max_length + 1) - 1 <= max_length
    full = build(conversation, rendered + 5)
    assert len(full[0]) == rendered - 1, "without truncation there are len(rendered) - 1 positions"
    for name, part, whole in zip(("input_ids", "labels", "loss_mask"), short, full):
        assert part == whole[: len(part)], f"{name}: the truncated example is not a prefix of the full one"


@pytest.mark.task("6.2")
@pytest.mark.points(2)
def test_bad_input_is_rejected():
    """max_length below 1 is a ValueError; an unknown role or empty conversation too (via the template)."""
    good = shared.messages(template, [("user", "hi"), ("assistant", "yo")])
    for max_length in (0, -1):
        with pytest.raises(ValueError):
            masking.build_example(good, max_length)
    bad_role = shared.messages(template, [("user", "hi"), ("assistent", "yo")])
    with pytest.raises(ValueError, match="assistent"):
        masking.build_example(bad_role, 10)
    with pytest.raises(ValueError, match="assistent"):
        masking.assistant_mask(bad_role)
    with pytest.raises(ValueError):
        masking.build_example([], 10)
    with pytest.raises(ValueError):
        masking.assistant_mask(shared.messages(template, [("user", "a"), ("system", "b")]))
