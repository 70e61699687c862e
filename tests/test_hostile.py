"""Hostile and broken submissions cost their own points, never the run or anyone else's.

The whole catalog (examples/hostile/catalog.toml) is graded as one class, next to the reference,
the way an instructor would grade it; every case's expected outcome is then checked. To keep
this fast, the class is graded on the tasks the catalog names (`--tasks`), which include, for
every case, tasks it must not disturb.
"""

from pathlib import Path

import pytest

from grader.classroom import grade_class
from grader.engine import suite_chapters
from grader.examples import build_reference_with_changes, hostile_cases
from grader.limits import GIB, Limits

pytestmark = pytest.mark.slow
CASES = hostile_cases()
LIMITS = Limits(test_seconds=5, suite_seconds=120, memory_bytes=3 * GIB)
BYSTANDER_TASKS = ["3.1", "3.5"]  # what "others" means: tasks no case may disturb


def untouched_tasks(expect: dict) -> list[str]:
    tasks = expect.get("untouched_tasks", [])
    return BYSTANDER_TASKS if tasks == "others" else tasks


def graded_tasks(case: dict) -> frozenset[str]:
    return frozenset({case["expect"]["task"], *untouched_tasks(case["expect"])})


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade the catalog as classes (one per set of tasks graded), reference included."""
    root = tmp_path_factory.mktemp("hostile")
    groups: dict[frozenset[str], dict[str, dict]] = {}
    for name, case in CASES.items():
        groups.setdefault(graded_tasks(case), {})[name] = case
    results = {}
    for number, (tasks, cases) in enumerate(sorted(groups.items(), key=lambda g: sorted(g[0]))):
        class_dir = root / f"class{number}"
        build_reference_with_changes(class_dir / "reference", suite_chapters(), {})
        for name, case in cases.items():
            build_reference_with_changes(class_dir / f"hostile-{name}", suite_chapters(), case)
        run = grade_class(class_dir, root / f"out{number}", suite_chapters(), LIMITS, workers=2, tasks=tasks)
        assert run.failed == []
        results.update({result.student: result for result in run.results})
        assert results["reference"].points == results["reference"].max_points > 0, tasks
    return results


def chapter_of(result, slug="ch03"):
    return next(c for c in result.chapters if c.chapter == slug)


def test_the_reference_keeps_full_marks_beside_hostile_classmates(graded):
    """Hostile submissions in the same run do not touch the reference's grade (checked per class)."""
    assert graded["reference"].points > 0


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_case_gets_its_expected_outcome(graded, name):
    """The case's tests get the expected status and message; its other tasks are graded normally."""
    expect = CASES[name]["expect"]
    chapter = chapter_of(graded[f"hostile-{name}"])
    tests = [t for t in chapter.tests if t.task == expect["task"]]
    statuses = {t.status for t in tests}
    details = [(t.name, t.status, t.message) for t in tests]
    if expect["status"] == "any-not-passed":
        assert statuses != {"passed"}, f"{name}: every test of task {expect['task']} passed"
    elif expect["status"] == "passed":
        assert statuses == {"passed"}, details
    else:  # tests that do not reach the hostile code may pass; no other outcome is allowed
        assert statuses - {"passed"} == {expect["status"]}, details
    if expect["message"]:
        assert any(expect["message"] in t.message for t in tests), details
    for task in untouched_tasks(expect):
        problems = [
            (t.name, t.status, t.message) for t in chapter.tests if t.task == task and t.status != "passed"
        ]
        assert problems == [], f"{name} cost task {task} points"
    if "warning" in expect:
        assert any(expect["warning"] in w for w in chapter.warnings), chapter.warnings
    if "absent" in expect:
        assert not Path(expect["absent"]).exists(), f"{name} created {expect['absent']}"
    if "output" in expect:
        assert expect["output"] in chapter.output
        assert len(chapter.output) < 200_000


def test_a_never_reported_test_is_never_scored_as_passed(graded):
    """Tests that crash, hang or exit earn nothing."""
    for student, result in graded.items():
        for chapter in result.chapters:
            for test in chapter.tests:
                assert (test.points > 0) == (test.status == "passed"), (student, test)
