"""Gradescope's autograder results.json (score, tests with name/score/max_score/status/output).

Follows the fields of Gradescope's "Autograder Specifications": one entry per hidden test,
status "passed" or "failed", output with the short message, visible to the student after
publication.
"""

from ..results import GradedTest, SubmissionResult
from .tasks import by_task, test_label


def render(result: SubmissionResult) -> dict:
    tests = []
    for chapter in result.chapters:
        for summary in by_task(chapter):
            for number, test in enumerate(summary.tests, start=1):
                tests.append(_entry(chapter.chapter, f"{summary.task.id}.{number}", test))
    return {
        "score": result.points,
        "execution_time": round(result.duration_seconds),
        "output": "\n".join(result.problems) or f"{result.points:g} / {result.max_points:g} points",
        "visibility": "after_published",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def _entry(chapter: str, number: str, test: GradedTest) -> dict:
    failed = test.status != "passed"
    return {
        "name": f"{chapter} task {test.task}: {test_label(test)}",
        "number": number,
        "score": test.points,
        "max_score": test.max_points,
        "status": "failed" if failed else "passed",
        "output": f"{test.claim}\n{test.message}".strip() if failed else test.claim,
        "tags": [chapter, f"task {test.task}"],
        "visibility": "after_published",
    }
