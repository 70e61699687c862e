"""Task 7.1 — a reward for verifiable math answers."""

from fractions import Fraction

import pytest

from grader.loader import implementation

answers = implementation("ch07.answers")
reward = implementation("ch07.math_reward")
task = pytest.mark.task("7.1")


@task
def test_a_boxed_answer_and_a_final_hash_line_are_read():
    """`\\boxed{42}` anywhere, or `#### 42` as the last non-blank line, is the final answer."""
    assert answers.final_answers("6 * 7 = 42, so \\boxed{42}.") == ["42"]
    assert answers.final_answers("6 * 7 = 42.\n#### 42\n\n") == ["42"]
    assert answers.final_answers("#### 1\nThe answer is above.") == []  # not the last line
    assert answers.final_answers("\\boxed{\\frac{1}{2}}") == ["\\frac{1}{2}"]  # braces nest
    assert answers.final_answers("first \\boxed{3}, then \\boxed{4") == ["3", None]  # cut off


@task
def test_equivalent_renderings_read_as_the_same_fraction():
    """Whitespace, commas, signs (incl. U+2212), `$`, trailing zeros, a/b and \\frac are one exact value."""
    for text in ("-1234.5", " −1,234.50 ", "-$1,234.5", "$-1234.500", "- 2469/2", "-\\frac{2469}{2}"):
        assert answers.parse_number(text) == Fraction(-2469, 2), text
    assert answers.parse_number(".75") == answers.parse_number("6/8") == Fraction(3, 4)
    assert answers.parse_number("42.") == 42


@task
def test_what_is_not_a_number():
    """Words, units, percent signs, bad comma groups, zero denominators, nan and inf give None."""
    for text in ("", "forty-two", "42 apples", "50%", "12,34", "4/0", "nan", "inf", "2+3", "--5"):
        assert answers.parse_number(text) is None, text


@task
def test_correct_and_wrong_answers():
    """A right answer gives reward 1.0 (reason CORRECT, its value); a wrong one 0.0 (WRONG)."""
    result = reward.math_reward("What is 6 * 7?", "6 * 7 = 42\n#### 42", "42")
    assert (result.reward, result.reason, result.answer) == (1.0, reward.CORRECT, Fraction(42))
    assert float(result) == 1.0
    result = reward.math_reward("What is 6 * 7?", "6 * 7 = 48\n#### 48", "42")
    assert (result.reward, result.reason, result.answer) == (0.0, reward.WRONG, Fraction(48))
    assert reward.math_reward("", "so \\boxed{0.50}", "1/2").reward == 1.0


@task
def test_the_prompt_is_never_read():
    """An answer that appears only in the prompt (a few-shot example) earns nothing."""
    prompt = "Example: 2 + 2 = \\boxed{4}\nNow: what is 1 + 3?"
    result = reward.math_reward(prompt, "I am not sure.", "4")
    assert (result.reward, result.reason) == (0.0, reward.NO_ANSWER)


@task
def test_several_different_answers_score_zero_identical_ones_are_fine():
    """`\\boxed{41}` and `\\boxed{42}` score 0 even if 42 is right; 42 written twice scores 1."""
    hedge = reward.math_reward("", "Either \\boxed{41} or \\boxed{42}.", "42")
    assert (hedge.reward, hedge.reason) == (0.0, reward.SEVERAL_ANSWERS)
    assert reward.math_reward("", "\\boxed{42}\n#### 42.0", "42").reward == 1.0


@task
def test_a_box_cut_off_scores_zero():
    """A `\\boxed{` whose closing brace never came is not a number, even next to a right answer."""
    result = reward.math_reward("", "So \\boxed{42} and finally \\boxed{42", "42")
    assert (result.reward, result.reason) == (0.0, reward.NOT_A_NUMBER)


@task
def test_comparison_is_exact():
    """0.30000000000000004 is not 0.3; 10**30 + 1 is not 10**30; 1/3 is not 0.3333333333333333."""
    assert reward.math_reward("", "#### 0.30000000000000004", "0.3").reward == 0.0
    assert reward.math_reward("", f"#### {10**30 + 1}", str(10**30)).reward == 0.0
    assert reward.math_reward("", f"#### {10**30:,}", str(10**30)).reward == 1.0
    assert reward.math_reward("", "\\boxed{0.3333333333333333}", "1/3").reward == 0.0


@task
def test_a_gold_answer_that_is_not_a_number_is_flagged_and_scores_zero():
    """Even a completion that repeats the broken gold answer word for word gets 0, reason BAD_GOLD."""
    result = reward.math_reward("", "#### forty-two", "forty-two")
    assert (result.reward, result.reason) == (0.0, reward.BAD_GOLD)
    assert reward.math_reward("", "I give up.", "n/a").reason == reward.BAD_GOLD


@task
def test_strange_text_never_raises():
    """Unbalanced braces, lone markers, huge numbers and control characters: a result, never an error."""
    for completion in ("}{", "\\boxed{}", "\\boxed", "####", "####\n", "\x00\\boxed{\ud7ff}", "9" * 5000):
        result = reward.math_reward("", completion, "42")
        assert result.reward == 0.0 and result.reason in reward.REASONS, completion[:20]
