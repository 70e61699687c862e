"""Task 7.2 (hidden) — the format reward and its weighted combination with correctness.

Completions are built in the required format (`well_formatted`) and then broken in one pinned way
at a time (`badly_formatted`), so the expected format reward is known by construction. The
combination is tested with stand-in correctness rewards, so it does not depend on Task 7.1.
"""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites import strategies
from grader.suites.ch07 import shared

fmt = implementation("ch07.format_reward")

SPACE = ("", " ", "\n", "\t\n", "\n\n")
ANSWERS = st.one_of(
    strategies.exact_numbers().flatmap(strategies.number_renderings),
    st.sampled_from(("42", "banana", "forty-two", "x = 3", "\\boxed{7}", "#")),
).filter(lambda answer: answer.strip())


def reasoning() -> st.SearchStrategy[str]:
    """Text with at least one word in it, and no think tag."""
    return st.tuples(
        strategies.unicode_text(6), st.sampled_from(strategies.WORDS), strategies.unicode_text(6)
    ).map(lambda parts: " ".join(parts).replace("<think>", "").replace("</think>", ""))


REASONING = reasoning()


@st.composite
def well_formatted(draw) -> str:
    """`<think>` reasoning `</think>` then one line `#### answer`, with whitespace around the parts."""
    lead, gap, trail = (draw(st.sampled_from(SPACE)) for _ in range(3))
    after_hashes = draw(st.sampled_from(("", " ", "  ", "\t")))
    return f"{lead}<think>{draw(REASONING)}</think>{gap}####{after_hashes}{draw(ANSWERS)}{trail}"


@st.composite
def badly_formatted(draw) -> tuple[str, str]:
    """`(how it is broken, completion)`: a well-formatted completion broken in exactly one pinned way."""
    think, answer = draw(REASONING), draw(ANSWERS)
    gap, trail = draw(st.sampled_from(SPACE)), draw(st.sampled_from(("", "\n", " ")))
    line = f"#### {answer}"
    prefix = draw(st.sampled_from(("Sure! ", "x", "42")))
    not_an_answer = draw(st.sampled_from(("", answer, "The answer is 42.")))
    empty = draw(st.sampled_from(("", " ", "   ", "\t")))
    after = draw(st.sampled_from(("Hope this helps!", "#### 5", "x")))
    other_marker = draw(st.sampled_from(("### ", "Answer: ", "# ## ")))
    block = f"<think>{think}</think>{gap}"
    broken = {
        "no opening tag": f"{think}</think>{gap}{line}{trail}",
        "no closing tag": f"<think>{think}{gap}{line}{trail}",
        "empty reasoning": f"<think>{draw(st.sampled_from(SPACE))}</think>{gap}{line}{trail}",
        "two think blocks": f"{block}<think>{think}</think>\n{line}{trail}",
        "nested opening tag": f"<think>{think}<think>{think}</think>{gap}{line}{trail}",
        "closing tag first": f"</think>{think}<think>{gap}{line}{trail}",
        "text before the block": f"{prefix}{block}{line}",
        "no answer line": f"{block}{not_an_answer}",
        "empty answer": f"{block}####{empty}{trail}",
        "text after the answer": f"{block}{line}\n{after}",
        "text before the answer": f"{block}So:\n{line}{trail}",
        "not a #### line": f"{block}{other_marker}{answer}",
        "answer inside the block": f"<think>{think}\n{line}</think>{trail}",
    }
    how = draw(st.sampled_from(sorted(broken)))
    return how, broken[how]


def stand_in(value: float):
    """A correctness reward that returns `value` whatever it is given."""
    return lambda prompt, completion, gold: value


@pytest.mark.task("7.2")
@pytest.mark.points(3)
@given(well_formatted(), strategies.unicode_text(4))
def test_the_required_format_scores_one(completion, prompt):
    """Any reasoning in one `<think>` block, then one `####` line with a non-empty answer: 1.0."""
    assert fmt.format_reward(prompt, completion) == 1.0, repr(completion)


@pytest.mark.task("7.2")
@pytest.mark.points(4)
@given(badly_formatted())
def test_every_broken_format_scores_zero(case):
    """No or two blocks, empty reasoning, text before or after, no or an empty `####` line: 0.0."""
    how, completion = case
    assert fmt.format_reward("", completion) == 0.0, f"{how}: {completion!r}"


@pytest.mark.task("7.2")
@pytest.mark.points(1)
@settings(max_examples=20)  # a property that fails at once when broken
@given(well_formatted(), badly_formatted())
def test_only_the_completion_is_read(good, bad):
    """A well-formatted prompt lends nothing; a prompt ending in `<think>` is not part of the completion."""
    assert fmt.format_reward(good, bad[1]) == 0.0
    opened, rest = good.split("<think>", 1)
    assert fmt.format_reward(opened + "<think>", rest) == 0.0
    assert fmt.format_reward(bad[1], good) == 1.0


@pytest.mark.task("7.2")
@pytest.mark.points(2)
@settings(max_examples=40)  # a property that fails at once when broken
@given(shared.markup_text(), shared.markup_text(6))
def test_arbitrary_text_never_raises(completion, prompt):
    """Any text, think tags and answer markup mixed in: 0.0 or 1.0, never an exception."""
    result = fmt.format_reward(prompt, completion)
    assert result in (0.0, 1.0) and type(result) is float, repr(result)


@pytest.mark.task("7.2")
@pytest.mark.points(3)
@given(
    well_formatted().map(lambda completion: (completion, 1.0))
    | badly_formatted().map(lambda case: (case[1], 0.0)),
    st.sampled_from((0.0, 1.0, 0.25, -0.5)),
    st.sampled_from((0.0, 0.1, 0.5, 1.0, 2.0)) | st.floats(0, 10),
)
def test_combined_is_correctness_plus_weight_times_format(case, correctness, weight):
    """combined_reward = float(correctness(...)) + format_weight * format_reward; default weight 0.1."""
    completion, format_score = case
    expected = correctness + weight * format_score
    got = fmt.combined_reward("p", completion, "42", format_weight=weight, correctness=stand_in(correctness))
    assert math.isclose(got, expected, rel_tol=1e-12, abs_tol=1e-12), (got, expected)
    got = fmt.combined_reward("p", completion, "42", correctness=stand_in(correctness))
    assert math.isclose(got, correctness + 0.1 * format_score, rel_tol=1e-12, abs_tol=1e-12), got
    assert fmt.FORMAT_WEIGHT == 0.1


@pytest.mark.task("7.2")
@pytest.mark.points(1)
def test_with_the_default_weight_being_right_outranks_being_tidy():
    """With the reference's math reward: right and tidy 1.1 > right 1.0 > tidy but wrong 0.1 > neither 0."""
    math_reward = shared.reference("math_reward").math_reward  # returns a MathReward: float() of it counts
    completions = (
        "<think>6 * 7</think>\n#### 42",
        "6 * 7 is \\boxed{42}",
        "<think>6 * 7</think>\n#### 48",
        "48",
    )
    scores = [fmt.combined_reward("6 * 7?", c, "42", correctness=math_reward) for c in completions]
    assert scores == pytest.approx([1.1, 1.0, 0.1, 0.0]), scores


@pytest.mark.task("7.2")
@pytest.mark.points(1)
def test_a_negative_or_non_finite_weight_is_refused():
    """format_weight below 0, inf or nan: ValueError; 0 is allowed."""
    good = "<think>6 * 7</think>\n#### 42"
    for weight in (-1e-9, -1.0, math.inf, -math.inf, math.nan):
        with pytest.raises(ValueError):
            fmt.combined_reward("", good, "42", format_weight=weight, correctness=stand_in(1.0))
    assert fmt.combined_reward("", good, "42", format_weight=0.0, correctness=stand_in(1.0)) == 1.0
