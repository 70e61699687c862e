"""Grade submissions: sandbox copy -> hidden suite per chapter in subprocesses -> scored results."""

import datetime
import tempfile
import time
from functools import cache
from pathlib import Path

from . import catalog, outcomes, privileges
from .limits import Limits
from .results import ChapterResult, GradedTest, SubmissionResult, score
from .runner import SUITES_ROOT, SuiteTest, list_suite, run_suite
from .sandbox import SubmissionError, copy_submission


def suite_chapters() -> list[str]:
    """Chapters that have a hidden suite."""
    return sorted(p.name for p in SUITES_ROOT.glob("ch[0-9][0-9]") if any(p.glob("test_*.py")))


@cache
def suite_tests(slug: str, limits: Limits = Limits()) -> tuple[SuiteTest, ...]:
    """The hidden tests of `slug` and their points, listed once per grading process."""
    with tempfile.TemporaryDirectory(prefix="llmdd-list-") as workdir:
        return tuple(list_suite(slug, Path(workdir), limits))


def grade_submission(
    submission: Path,
    student: str | None = None,
    chapters: list[str] | None = None,
    limits: Limits = Limits(),
    tasks: frozenset[str] | None = None,
) -> SubmissionResult:
    """Grade one submission (a checkout or its `exercises/` folder) on the hidden suites.

    `tasks` ({"3.1", "3.6"}) grades only those tasks' tests; by default, all of them.
    """
    started = time.monotonic()
    student = student or submission.resolve().name
    graded_at = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    chapters = chapters or suite_chapters()
    with tempfile.TemporaryDirectory(prefix="llmdd-grade-") as workdir:
        workdir = Path(workdir)
        try:
            problems = copy_submission(submission, workdir)
        except SubmissionError as error:
            results = [_not_submitted(slug, limits, str(error), tasks) for slug in chapters]
            return SubmissionResult(student, results, time.monotonic() - started, graded_at, [str(error)])
        privileges.hand_over(workdir)
        results = []
        for slug in chapters:
            if (workdir / "exercises" / slug).is_dir():
                results.append(grade_chapter(slug, str(workdir / "exercises"), workdir, limits, tasks))
            else:
                message = f"no exercises/{slug} folder in the submission"
                results.append(_not_submitted(slug, limits, message, tasks))
    return SubmissionResult(student, results, time.monotonic() - started, graded_at, problems)


def grade_chapter(
    slug: str, impl: str, workdir: Path, limits: Limits, tasks: frozenset[str] | None = None
) -> ChapterResult:
    """Grade implementation `impl` (a loader spec: path, `solutions`, `variant:NAME`) on `slug`."""
    started = time.monotonic()
    tests = selected_tests(slug, limits, tasks)
    run = run_suite(slug, impl, list(tests), workdir, limits)
    results = [
        _graded(test, run.records[test.nodeid].status, run.records[test.nodeid].message) for test in tests
    ]
    warnings = sorted(set(run.tampering))
    return ChapterResult(slug, results, time.monotonic() - started, warnings, run.output)


def selected_tests(slug: str, limits: Limits, tasks: frozenset[str] | None) -> list[SuiteTest]:
    return [t for t in suite_tests(slug, limits) if tasks is None or t.task in tasks]


def _not_submitted(slug: str, limits: Limits, message: str, tasks: frozenset[str] | None) -> ChapterResult:
    tests = selected_tests(slug, limits, tasks)
    return ChapterResult(slug, [_graded(test, outcomes.NOT_STARTED, message) for test in tests], 0.0)


def _graded(test: SuiteTest, status: str, message: str) -> GradedTest:
    """A scored test: its points if it passed; a bonus task's tests are marked as such."""
    bonus = catalog.task(test.task).bonus
    earned = score(status, test.points)
    return GradedTest(test.nodeid, test.task, status, earned, test.points, message, bonus, test.claim)
