"""Hostile and broken submissions cost their own points, never the run or anyone else's.

The whole catalog (examples/hostile/catalog.toml) is graded as one class, next to the reference,
the way an instructor would grade it; every case's expected outcome is then checked.
"""

import pytest

from grader.classroom import grade_class
from grader.engine import suite_chapters
from grader.examples import build_demo_class, hostile_cases
from grader.limits import GIB, Limits

pytestmark = pytest.mark.slow
CASES = hostile_cases()
LIMITS = Limits(test_seconds=10, suite_seconds=300, memory_bytes=3 * GIB)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade the demo class with the hostile catalog: {student: SubmissionResult}."""
    root = tmp_path_factory.mktemp("hostile")
    class_dir = build_demo_class(root / "class", suite_chapters(), hostile=True)
    run = grade_class(class_dir, root / "out", suite_chapters(), LIMITS, workers=2)
    assert run.failed == []
    return {result.student: result for result in run.results}


def chapter_of(result, slug="ch03"):
    return next(c for c in result.chapters if c.chapter == slug)


def test_the_reference_keeps_full_marks_beside_hostile_classmates(graded):
    """Hostile submissions in the same run do not touch the reference's grade."""
    reference = graded["reference"]
    assert reference.points == reference.max_points > 0


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_case_gets_its_expected_outcome(graded, name):
    """The case's tests get the expected status and message; its other tasks are graded normally."""
    expect = CASES[name]["expect"]
    chapter = chapter_of(graded[f"hostile-{name}"])
    tests = [t for t in chapter.tests if t.task == expect["task"]]
    statuses = {t.status for t in tests}
    if expect["status"] == "any-not-passed":
        assert statuses != {"passed"}, f"{name}: every test of task {expect['task']} passed"
    else:
        assert statuses == {expect["status"]}, [(t.name, t.status, t.message) for t in tests]
    if expect["message"]:
        assert any(expect["message"] in t.message for t in tests), [t.message for t in tests]
    untouched = expect.get("untouched_tasks", [])
    if untouched == "others":
        untouched = [t for t in chapter.task_ids() if t != expect["task"]]
    for task in untouched:
        problems = [
            (t.name, t.status, t.message) for t in chapter.tests if t.task == task and t.status != "passed"
        ]
        assert problems == [], f"{name} cost task {task} points"
    if "warning" in expect:
        assert any(expect["warning"] in w for w in chapter.warnings), chapter.warnings
    if "output" in expect:
        assert expect["output"] in chapter.output
        assert len(chapter.output) < 200_000


def test_a_never_reported_test_is_never_scored_as_passed(graded):
    """Tests that crash, hang or exit earn nothing."""
    for student, result in graded.items():
        for chapter in result.chapters:
            for test in chapter.tests:
                assert (test.points > 0) == (test.status == "passed"), (student, test)
