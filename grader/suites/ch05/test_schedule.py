"""Task 5.3 (hidden) — warm-up then cosine decay: values at the boundaries, the formula between,
monotonic phases, the floor, and bad arguments. The oracle is the pinned formula written out in
`shared.oracle_learning_rate`; allowed: 1e-12 relative to max_lr."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.loader import implementation
from grader.suites.ch05 import shared

schedule = implementation("ch05.schedule")


@st.composite
def schedules(draw):
    """(max_lr, min_lr, warmup_steps, total_steps): warm-up 0..50 (often 0 or 1), total >= warm-up."""
    max_lr = draw(st.sampled_from((1.0, 3e-3, 6e-4, 0.1)))
    min_lr = max_lr * draw(st.sampled_from((0.0, 0.1, 0.5, 1.0)))
    warmup = draw(st.one_of(st.sampled_from((0, 1, 2)), st.integers(0, 50)))
    total = warmup + draw(st.one_of(st.sampled_from((0, 1, 2)), st.integers(0, 300)))
    return max_lr, min_lr, warmup, total


def lr(step, max_lr, min_lr, warmup, total):
    return schedule.learning_rate(step, max_lr=max_lr, min_lr=min_lr, warmup_steps=warmup, total_steps=total)


def assert_close(got, expected, max_lr, where):
    assert type(got) is float, f"{where}: expected a Python float, got {type(got).__name__}"  # no subclass
    assert abs(got - expected) <= 1e-12 * max_lr, f"{where}: got {got!r}, expected {expected!r}"


@pytest.mark.task("5.3")
@pytest.mark.points(4)
@given(schedules())
def test_values_at_the_boundaries(params):
    """Step 0: max/warmup; step warmup-1 and step warmup: max; step total and later: min."""
    max_lr, min_lr, warmup, total = params
    if warmup:
        assert_close(lr(0, *params), max_lr / warmup, max_lr, "step 0 (warm-up)")
        assert_close(lr(warmup - 1, *params), max_lr, max_lr, f"step {warmup - 1}, the last warm-up step")
    if total > warmup:
        assert_close(lr(warmup, *params), max_lr, max_lr, f"step {warmup}, the first decay step")
    for step in (total, total + 1, total + 1000):
        assert_close(lr(step, *params), min_lr, max_lr, f"step {step}, at or after total_steps={total}")


@pytest.mark.task("5.3")
@pytest.mark.points(4)
@given(schedules(), st.data())
def test_matches_the_formula_everywhere(params, data):
    """At any step: max*(step+1)/warmup in warm-up, then min + (max-min)(1 + cos(pi*progress))/2."""
    max_lr, min_lr, warmup, total = params
    for step in data.draw(st.lists(st.integers(0, total + 5), min_size=1, max_size=20)):
        assert_close(
            lr(step, *params), shared.oracle_learning_rate(step, *params), max_lr, f"step {step} of {params}"
        )


@pytest.mark.task("5.3")
@pytest.mark.points(3)
@given(schedules())
def test_rises_then_falls_and_stays_within_bounds(params):
    """Non-decreasing through the warm-up, then non-increasing and within [min_lr, max_lr]."""
    max_lr, min_lr, warmup, total = params
    rates = [lr(step, *params) for step in range(total + 10)]
    slack = 1e-12 * max_lr
    for step in range(1, len(rates)):
        if step < warmup:
            assert rates[step] >= rates[step - 1] - slack, f"warm-up went down at step {step}"
        elif step > warmup:
            assert rates[step] <= rates[step - 1] + slack, (
                f"decay went up at step {step}: {rates[step - 1]} -> {rates[step]}"
            )
    assert all(0 < r <= max_lr + slack for r in rates[:warmup]), "warm-up rates must be in (0, max_lr]"
    assert all(min_lr - slack <= r <= max_lr + slack for r in rates[warmup:]), (
        "a decay rate left [min_lr, max_lr]"
    )


@pytest.mark.task("5.3")
@pytest.mark.points(2)
def test_worked_example_and_floor():
    """The lesson's numbers: warm-up 2, total 6, max 1, min 0.1 -> 0.5, 1, 1, 0.868, 0.55, 0.232, 0.1, 0.1."""
    got = [lr(step, 1.0, 0.1, 2, 6) for step in range(8)]
    expected = [
        0.5,
        1.0,
        1.0,
        0.1 + 0.45 * (1 + math.cos(math.pi / 4)),
        0.55,
        0.1 + 0.45 * (1 - math.cos(math.pi / 4)),
        0.1,
        0.1,
    ]
    for step, (g, e) in enumerate(zip(got, expected)):
        assert_close(g, e, 1.0, f"step {step}")
    assert lr(10**6, 3e-3, 3e-4, 100, 1500) == pytest.approx(3e-4, rel=1e-12), "long after the end: the floor"
    assert lr(0, 1.0, 0.0, 0, 0) == 0.0 and lr(5, 1.0, 0.25, 0, 0) == 0.25, (
        "no warm-up and no decay: the floor"
    )


@pytest.mark.task("5.3")
@pytest.mark.points(2)
def test_bad_arguments_are_rejected():
    """Negative step or warm-up, total < warm-up, min_lr < 0 or > max_lr: ValueError."""
    bad = (
        dict(step=-1, max_lr=1.0, min_lr=0.1, warmup_steps=2, total_steps=6),
        dict(step=0, max_lr=1.0, min_lr=0.1, warmup_steps=-1, total_steps=6),
        dict(step=0, max_lr=1.0, min_lr=0.1, warmup_steps=7, total_steps=6),
        dict(step=0, max_lr=1.0, min_lr=-0.1, warmup_steps=2, total_steps=6),
        dict(step=0, max_lr=1.0, min_lr=1.5, warmup_steps=2, total_steps=6),
    )
    for kwargs in bad:
        with pytest.raises(ValueError):
            schedule.learning_rate(**kwargs)
