r"""Task 7.1 (hidden) — the math reward: which answers count, exact values, and the ways to game it.

Completions are built around known answers (`shared.completion_with_answers`): reasoning text
that cannot hold an answer, and each intended answer written in a random rendering the
reference's `parse_number` docstring pins (`strategies.number_renderings`), as a `\boxed{...}` or
as the last line `#### ...`. The expected reward follows from the pinned rules alone.
"""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.checks import plain_data
from grader.loader import implementation
from grader.suites import strategies
from grader.suites.ch07 import shared

answers = implementation("ch07.answers")
reward = implementation("ch07.math_reward")

numbers = strategies.exact_numbers()
MARKUP_TEXT = shared.markup_text()


def number_and_renderings(count: int = 2):
    """A number and `count` independent renderings of it."""
    return numbers.flatmap(
        lambda value: st.tuples(st.just(value), *[strategies.number_renderings(value)] * count)
    )


def check(result, expected_reward: float, reason: str, answer=None, check_answer: bool = False) -> None:
    plain_data((result.reward, result.reason, result.answer), "MathReward(reward, reason, answer)")
    assert result.reward == expected_reward and type(result.reward) is float, (
        f"reward {result.reward!r}, expected {expected_reward} ({reason!r}); reason given: {result.reason!r}"
    )
    assert result.reason == reason, f"reason {result.reason!r}, expected {reason!r}"
    if check_answer:
        assert result.answer == answer, "`answer` is not the value the completion states"


@pytest.mark.task("7.1")
@pytest.mark.points(5)
@given(st.data())
def test_equivalent_renderings_of_the_gold_answer_score_one(data):
    """Boxes and a final `####` line writing the gold value in any pinned form, once or several times: 1."""
    value = data.draw(numbers, "value")
    count = data.draw(st.integers(1, 3), "answers")
    completion = data.draw(shared.completion_with_answers([value] * count), "completion")
    gold = data.draw(strategies.number_renderings(value), "gold")
    prompt = data.draw(shared.FILLER, "prompt")
    check(reward.math_reward(prompt, completion, gold), 1.0, reward.CORRECT, value, check_answer=True)
    assert float(reward.math_reward(prompt, completion, gold)) == 1.0


@pytest.mark.task("7.1")
@pytest.mark.points(4)
@given(shared.DIFFERENT_NUMBERS.flatmap(lambda pair: st.tuples(st.just(pair), st.data())))
def test_a_different_number_scores_zero(case):
    """The completion states another value (often a near miss: ±1, ±1e-20, the opposite sign): 0, WRONG."""
    (gold_value, stated), data = case
    completion = data.draw(shared.completion_with_answers([stated] * data.draw(st.integers(1, 2))))
    gold = data.draw(strategies.number_renderings(gold_value))
    check(reward.math_reward("", completion, gold), 0.0, reward.WRONG, stated, check_answer=True)


@pytest.mark.task("7.1")
@pytest.mark.points(3)
@given(number_and_renderings(1))
def test_parse_number_reads_every_rendering_exactly(case):
    """parse_number gives the exact Fraction of every pinned rendering: signs, $, commas, a/b, \\frac."""
    value, text = case
    got = answers.parse_number(text)
    assert isinstance(got, Fraction) and got == value, f"parse_number({text!r}) = {got!r}"


@pytest.mark.task("7.1")
@pytest.mark.points(2)
def test_what_is_not_a_number():
    """Words, units, %, exponents, nan/inf, bad comma groups, zero denominators, two signs: None."""
    not_numbers = [
        "", "   ", "forty-two", "42 apples", "50%", "1e5", "nan", "inf", "-inf", "NaN", "Infinity", "12,34",
        "1,0000", "1000,000", ",5", "4/0", "\\frac{1}{0}", "0/0.0", "1/2/3", "--5", "+-5", "-$-5", "2+3", "x",
        "3 4", "\\frac{1}", "\\frac12", "٤٢", "１２", "0x1F", "1_000", "42!", "$", "-", "/", ".",
    ]  # fmt: skip
    for text in not_numbers:
        assert answers.parse_number(text) is None, f"parse_number({text!r}) should be None"
        check(reward.math_reward("", f"\\boxed{{{text}}}", "42"), 0.0, reward.NOT_A_NUMBER)


@pytest.mark.task("7.1")
@pytest.mark.points(3)
def test_near_misses_that_floats_would_accept_score_zero():
    """0.30000000000000004 vs 0.3, 1/3 vs 0.3333333333333333, 2**53 + 1 vs 2**53: wrong; exact forms right."""
    near_misses = [
        ("0.3", "0.30000000000000004"),
        ("0.3", "0.1 + 0.2"),  # not a number at all
        ("1/3", "0.3333333333333333"),
        ("2/3", "0.6666666666666667"),
        ("0.1", "0.1000000000000000055511151231257827"),  # the float nearest 0.1, exactly
        (str(2**53 + 1), str(2**53)),
        (str(10**30), str(10**30 + 1)),
        ("3.14159", "3.1416"),
        ("2.5", "2.4999999999999"),
        ("1000000", "1000000.0000001"),
    ]
    for gold, stated in near_misses:
        assert reward.math_reward("", f"\\boxed{{{stated}}}", gold).reward == 0.0, (gold, stated)
        assert reward.math_reward("", f"#### {stated}", gold).reward == 0.0, (gold, stated)
    for gold, stated in [
        ("1/3", "\\frac{2}{6}"),
        ("0.3", "3/10"),
        ("0.1", "0.1000"),
        (str(2**53 + 1), str(2**53 + 1)),
    ]:
        assert reward.math_reward("", f"#### {stated}", gold).reward == 1.0, (gold, stated)


@pytest.mark.task("7.1")
@pytest.mark.points(2)
@settings(max_examples=30)  # a property that fails at once when broken
@given(st.integers(10**15, 10**60), st.sampled_from((1, -1)), st.data())
def test_huge_numbers_are_exact(magnitude, sign, data):
    """Integers of 16-61 digits, commas or not: equal is 1, off by one is 0; 5000 digits are read exactly."""
    value = Fraction(sign * magnitude)
    completion = data.draw(shared.completion_with_answers([value]))
    check(reward.math_reward("", completion, str(value)), 1.0, reward.CORRECT, value, check_answer=True)
    check(reward.math_reward("", completion, str(value + 1)), 0.0, reward.WRONG)
    huge = "7" * 5000  # more digits than int() converts by default
    result = reward.math_reward("", f"#### {huge}", huge)
    assert result.reward == 1.0 and result.answer == Fraction(int("7" * 1000) * 10**4000 + int("7" * 4000))
    assert reward.math_reward("", f"#### {huge}", huge[:-1] + "8").reward == 0.0


@pytest.mark.task("7.1")
@pytest.mark.points(3)
@settings(max_examples=30)  # a property that fails at once when broken
@given(st.data())
def test_an_answer_in_the_prompt_is_never_read(data):
    """The prompt holds the right answer (a few-shot example) and the completion none: 0, NO_ANSWER;
    the prompt holds a wrong one and the completion the right one: 1."""
    value, other = data.draw(shared.DIFFERENT_NUMBERS)
    gold = data.draw(strategies.number_renderings(value))
    prompt = data.draw(shared.completion_with_answers([value])) + "\nNow solve this one."
    silent = data.draw(shared.FILLER)
    check(reward.math_reward(prompt, silent, gold), 0.0, reward.NO_ANSWER)
    wrong_prompt = data.draw(shared.completion_with_answers([other])) + "\n"
    completion = data.draw(shared.completion_with_answers([value]))
    check(reward.math_reward(wrong_prompt, completion, gold), 1.0, reward.CORRECT, value, check_answer=True)


@pytest.mark.task("7.1")
@pytest.mark.points(3)
@given(st.data())
def test_several_different_answers_score_zero(data):
    """Hedging, `\\boxed{a}` ... `\\boxed{b}` or a box and a different `####` line: 0 even if one is right."""
    value, other = data.draw(shared.DIFFERENT_NUMBERS)
    order = data.draw(
        st.permutations([value, other, *data.draw(st.lists(st.sampled_from([value, other]), max_size=2))])
    )
    completion = data.draw(shared.completion_with_answers(order))
    gold = data.draw(strategies.number_renderings(data.draw(st.sampled_from([value, other]))))
    check(reward.math_reward("", completion, gold), 0.0, reward.SEVERAL_ANSWERS)


@pytest.mark.task("7.1")
@pytest.mark.points(2)
@settings(max_examples=30)  # a property that fails at once when broken
@given(st.data())
def test_a_box_cut_off_scores_zero(data):
    """A `\\boxed{` never closed (generation ran out of tokens) is not a number, even after a right answer."""
    value = data.draw(numbers)
    before = data.draw(st.sampled_from(([], [value])))
    completion = data.draw(shared.completion_with_answers(before, final_line=False)) if before else ""
    completion += data.draw(shared.FILLER) + "\\boxed{" + data.draw(strategies.number_renderings(value))
    completion += data.draw(st.sampled_from(("", " ", "{", "\\frac{1}{2", "\n#### 5")))
    check(reward.math_reward("", completion, str(value)), 0.0, reward.NOT_A_NUMBER)


@pytest.mark.task("7.1")
@pytest.mark.points(2)
def test_pinned_edge_cases():
    """Unicode minus, nested braces, where `####` counts, boxes of words, and one value written many ways."""
    cases = [
        ("\\boxed{\u22125}", "-5", 1.0),
        ("\\boxed{\u22125}", "5", 0.0),
        ("#### \u2212 $1,000", "-1000", 1.0),
        ("\\boxed{\\frac{1}{2}}", "0.5", 1.0),
        ("\\boxed{-\\dfrac{3}{4}}", "-0.75", 1.0),
        ("\\boxed{\\tfrac{10}{4}}", "5/2", 1.0),
        ("#### Step 1: add\n2 + 2 = 4, \\boxed{4}", "4", 1.0),  # a `####` heading that is not the last line
        ("#### 4\nso the answer is above", "4", 0.0),  # the `####` line is not the last one: no answer
        ("#### 4\n\n   \n", "4", 1.0),  # blank lines after it are fine
        ("   ####4", "4", 1.0),
        ("\\boxed{4} \\boxed{four}", "4", 0.0),
        ("\\boxed{}\n#### 4", "4", 0.0),
        ("\\boxed{0.5}\n#### 1/2", "\\frac{1}{2}", 1.0),
        ("\\boxed{-0}", "0", 1.0),
    ]
    for completion, gold, expected in cases:
        assert reward.math_reward("", completion, gold).reward == expected, (completion, gold)


@pytest.mark.task("7.1")
@pytest.mark.points(3)
@given(st.data())
def test_a_gold_answer_that_is_not_a_number_never_pays(data):
    """Gold `forty-two`, `42 apples`, `n/a`, ...: 0 and BAD_GOLD for any completion, even one repeating it."""
    value = data.draw(numbers)
    rendering = data.draw(strategies.number_renderings(value))
    gold = data.draw(
        st.sampled_from(("", " ", "forty-two", "n/a", "None", "nan", "inf", "1e5", "???", "x = 3"))
        | st.sampled_from((" apples", "%", " km", " or so")).map(lambda unit: rendering.strip() + unit)
    )
    completion = data.draw(
        st.sampled_from((f"\\boxed{{{gold}}}", f"#### {gold}", "", "\\boxed{"))
        | shared.completion_with_answers([value])
        | MARKUP_TEXT
    )
    check(reward.math_reward("", completion, gold), 0.0, reward.BAD_GOLD)
    check(reward.math_reward("", completion, None), 0.0, reward.BAD_GOLD)


@pytest.mark.task("7.1")
@pytest.mark.points(3)
@given(shared.markup_text(), shared.markup_text(), shared.markup_text(8) | numbers.map(str))
def test_arbitrary_text_never_raises(prompt, completion, gold):
    """Any text as prompt, completion and gold: a MathReward, reward 1.0 exactly when CORRECT, else 0.0."""
    result = reward.math_reward(prompt, completion, gold)
    assert result.reason in reward.REASONS, f"unknown reason {result.reason!r}"
    assert result.reward == (1.0 if result.reason == reward.CORRECT else 0.0)
    if result.reason == reward.CORRECT:
        assert result.answer == answers.parse_number(gold)
    for text in (completion, gold):
        value = answers.parse_number(text)
        assert value is None or isinstance(value, Fraction)
    for answer in answers.final_answers(completion):
        assert answer is None or isinstance(answer, str)
