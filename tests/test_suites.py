"""The hidden suites are proven both ways: the reference scores full marks every time, stubs score
nothing, and every known-wrong variant loses points on the task it breaks."""

import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from grader import catalog
from grader.engine import grade_chapter, suite_chapters, suite_tests
from grader.limits import Limits
from grader.loader import VARIANTS_ROOT

pytestmark = pytest.mark.slow
CHAPTERS = suite_chapters()
VARIANTS = sorted(VARIANTS_ROOT.glob("ch*/*/*.py"))


def variant_task(path: Path) -> str:
    """A variant's docstring starts with 'Task 3.N: <the bug>'."""
    first_line = path.read_text("utf-8").split('"""')[1].strip().splitlines()[0]
    assert first_line.startswith("Task "), f"{path}: docstring must start with 'Task N.M:'"
    return first_line.removeprefix("Task ").split(":")[0]


def grade(spec: str, slug: str):
    with tempfile.TemporaryDirectory() as workdir:
        return grade_chapter(slug, spec, Path(workdir), Limits())


@pytest.fixture(scope="session")
def graded():
    """Every (implementation, chapter) the course proves, graded two at a time."""
    jobs = [("solutions", slug) for slug in CHAPTERS] * 2  # twice: the grade must not change
    jobs += [("exercises", slug) for slug in CHAPTERS]
    jobs += [(f"variant:{path.stem}", path.parent.parent.name) for path in VARIANTS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: grade(*job), jobs))
    by_job: dict = {}
    for job, result in zip(jobs, results):
        by_job.setdefault(job, []).append(result)
    return by_job


@pytest.mark.parametrize("slug", CHAPTERS)
def test_suite_points_add_up_to_the_catalog(slug):
    """Each task's hidden tests are worth exactly the task's points; every test has task and points."""
    tests = suite_tests(slug)
    chapter = catalog.chapter(slug)
    assert all(t.task and t.points > 0 for t in tests), [t for t in tests if not (t.task and t.points)]
    for task in chapter.tasks:
        assert sum(t.points for t in tests if t.task == task.id) == task.points, task


@pytest.mark.parametrize("slug", CHAPTERS)
def test_the_reference_scores_full_marks_every_time(graded, slug):
    """The reference passes every hidden test, in both of two runs, with identical outcomes."""
    first, second = graded[("solutions", slug)]
    failures = [(t.name, t.status, t.message) for t in first.tests if t.status != "passed"]
    assert failures == []
    assert [(t.name, t.status) for t in first.tests] == [(t.name, t.status) for t in second.tests]


@pytest.mark.parametrize("slug", CHAPTERS)
def test_untouched_stubs_score_nothing(graded, slug):
    """A stub never earns a point: every hidden test is 'not started' on the handed-out files."""
    (result,) = graded[("exercises", slug)]
    assert result.points == 0
    assert {t.status for t in result.tests} == {"not started"}


@pytest.mark.parametrize("path", VARIANTS, ids=lambda p: p.stem)
def test_every_variant_is_rejected_on_its_task(graded, path):
    """The known bug loses points on the task it breaks."""
    (result,) = graded[(f"variant:{path.stem}", path.parent.parent.name)]
    task = variant_task(path)
    failed = [t.name for t in result.tests if t.task == task and t.status != "passed"]
    assert failed, f"{path.stem}: no test of task {task} caught it"
