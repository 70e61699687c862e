"""Task 7.2 — a format reward, combinable with a weight."""

import pytest

from grader.loader import implementation

fmt = implementation("ch07.format_reward")
task = pytest.mark.task("7.2")

GOOD = "<think>\n6 * 7 = 42\n</think>\n#### 42"


def always(value):
    """A stand-in correctness reward that returns `value` whatever the completion."""
    return lambda prompt, completion, gold: value


@task
def test_the_required_format_scores_one():
    """`<think>` reasoning `</think>` then one `####` answer line; surrounding whitespace is fine."""
    assert fmt.format_reward("", GOOD) == 1.0
    assert fmt.format_reward("", "  <think>x</think>   ####banana  \n") == 1.0  # format, not correctness


@task
def test_broken_formats_score_zero():
    """No think block, empty reasoning, two blocks, no answer line, or text after it: 0."""
    broken = (
        "#### 42",
        "<think>  </think>\n#### 42",
        "<think>a</think><think>b</think>\n#### 42",
        "<think>6 * 7 = 42</think>",
        "<think>6 * 7 = 42</think>\n####",
        "<think>6 * 7 = 42</think>\n#### 42\nHope this helps!",
        "<think>6 * 7 = 42\n#### 42",
        "Sure! <think>6 * 7</think>\n#### 42",
    )
    for completion in broken:
        assert fmt.format_reward("", completion) == 0.0, completion


@task
def test_only_the_completion_is_read():
    """A well-formatted prompt does not lend its format to the completion."""
    assert fmt.format_reward(GOOD, "42") == 0.0


@task
def test_combined_is_correctness_plus_weight_times_format():
    """combined = correctness + weight * format; default weight 0.1; correctness is pluggable."""
    assert fmt.combined_reward("", GOOD, "42", correctness=always(1.0)) == pytest.approx(1.1)
    assert fmt.combined_reward("", GOOD, "42", format_weight=0.5, correctness=always(0.0)) == 0.5
    assert fmt.combined_reward("", "#### 42", "42", correctness=always(1.0)) == 1.0
    assert fmt.combined_reward("", GOOD, "42", format_weight=0.0, correctness=always(1.0)) == 1.0


@task
def test_a_negative_or_infinite_weight_is_refused():
    """format_weight must be finite and >= 0: ValueError otherwise."""
    for weight in (-0.1, float("inf"), float("nan")):
        with pytest.raises(ValueError):
            fmt.combined_reward("", GOOD, "42", format_weight=weight, correctness=always(1.0))
