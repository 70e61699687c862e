"""Task 6.2 — inputs, labels shifted by one, and a loss mask on the assistant's tokens only."""

import pytest
import torch

from grader.loader import implementation

masking = implementation("ch06.masking")
template = implementation("ch06.template")
task = pytest.mark.task("6.2")

SYSTEM, USER, ASSISTANT, END = 256, 257, 258, 260
IGNORE = -100
LETTER_H, LETTER_I, LETTER_Y, LETTER_O = (ord(ch) for ch in "hiyo")


def hi_yo():
    """The lesson's example: user "hi", assistant "yo"."""
    return [template.Message("user", "hi"), template.Message("assistant", "yo")]


@task
def test_the_mask_covers_assistant_content_and_its_end():
    """One flag per rendered token: only "y", "o" and the assistant's <|end|> are trained on."""
    assert masking.assistant_mask(hi_yo()) == [False, False, False, False, False, True, True, True]


@task
def test_build_example_shifts_labels_by_one():
    """The table from the lesson: inputs ids[:-1], labels ids[1:] where supervised, else -100."""
    example = masking.build_example(hi_yo(), max_length=100)
    assert example.input_ids.tolist() == [USER, LETTER_H, LETTER_I, END, ASSISTANT, LETTER_Y, LETTER_O]
    assert example.labels.tolist() == [IGNORE, IGNORE, IGNORE, IGNORE, LETTER_Y, LETTER_O, END]
    assert example.loss_mask.tolist() == [False, False, False, False, True, True, True]


@task
def test_tensor_types():
    """input_ids and labels are int64, loss_mask is bool, all of the same length."""
    example = masking.build_example(hi_yo(), max_length=100)
    assert example.input_ids.dtype == torch.long and example.labels.dtype == torch.long
    assert example.loss_mask.dtype == torch.bool
    assert example.input_ids.shape == example.labels.shape == example.loss_mask.shape == (7,)


@task
def test_the_first_answer_token_is_predicted_from_the_assistant_marker():
    """Where the input is <|assistant|>, the label is the answer's first token."""
    example = masking.build_example(hi_yo(), max_length=100)
    position = example.input_ids.tolist().index(ASSISTANT)
    assert example.labels[position].item() == LETTER_Y and example.loss_mask[position].item()


@task
def test_system_and_user_turns_are_never_supervised():
    """Two rounds with a system prompt: every supervised label is an assistant byte or its <|end|>."""
    messages = [
        template.Message("system", "S"),
        template.Message("user", "u"),
        template.Message("assistant", "a"),
        template.Message("user", "v"),
        template.Message("assistant", "b"),
    ]
    example = masking.build_example(messages, max_length=100)
    supervised = example.labels[example.loss_mask].tolist()
    assert supervised == [ord("a"), END, ord("b"), END]


@task
def test_truncation_keeps_max_length_positions():
    """max_length=5: the first 6 rendered tokens, shifted; the answer loses its "o" and <|end|>."""
    example = masking.build_example(hi_yo(), max_length=5)
    assert example.input_ids.tolist() == [USER, LETTER_H, LETTER_I, END, ASSISTANT]
    assert example.labels.tolist() == [IGNORE, IGNORE, IGNORE, IGNORE, LETTER_Y]


@task
def test_max_length_must_be_positive():
    """max_length=0 leaves no position to train: ValueError."""
    with pytest.raises(ValueError):
        masking.build_example(hi_yo(), max_length=0)
