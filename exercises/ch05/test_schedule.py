"""Task 5.3 — learning-rate warm-up and cosine decay."""

import math

import pytest

from grader.loader import implementation

schedule = implementation("ch05.schedule")
task = pytest.mark.task("5.3")


def lr(step, max_lr=1.0, min_lr=0.1, warmup_steps=4, total_steps=12):
    return schedule.learning_rate(
        step, max_lr=max_lr, min_lr=min_lr, warmup_steps=warmup_steps, total_steps=total_steps
    )


@task
def test_warm_up_climbs_linearly_to_max():
    """Warm-up of 4 steps: 0.25, 0.5, 0.75, 1.0 times max_lr at steps 0..3."""
    assert [lr(s) for s in range(4)] == pytest.approx([0.25, 0.5, 0.75, 1.0])


@task
def test_cosine_decay_from_max_to_min():
    """Step 4 (end of warm-up): max; halfway (step 8): the midpoint 0.55; step 12 and later: min."""
    assert lr(4) == pytest.approx(1.0)
    assert lr(8) == pytest.approx(0.55)
    assert lr(6) == pytest.approx(0.1 + 0.9 * (1 + math.cos(math.pi / 4)) / 2)
    assert lr(12) == pytest.approx(0.1) and lr(1000) == pytest.approx(0.1)


@task
def test_bad_arguments_are_rejected():
    """A negative step, total < warm-up, or min_lr > max_lr: ValueError."""
    for kwargs in ({"step": -1}, {"step": 0, "total_steps": 3}, {"step": 0, "min_lr": 2.0}):
        with pytest.raises(ValueError):
            lr(**kwargs)
