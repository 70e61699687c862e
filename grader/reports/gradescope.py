"""Gradescope's autograder results.json (score, tests with name/score/max_score/status/output).

Follows the fields of Gradescope's "Autograder Specifications": one entry per hidden test,
status "passed" or "failed", output with the short message, visible to the student after
publication.
"""

from ..results import SubmissionResult
from .tasks import test_label


def render(result: SubmissionResult) -> dict:
    tests = []
    for chapter in result.chapters:
        for number, test in enumerate(chapter.tests, start=1):
            tests.append(
                {
                    "name": f"{chapter.chapter} task {test.task}: {test_label(test)}",
                    "number": f"{chapter.chapter[2:].lstrip('0')}.{number}",
                    "score": test.points,
                    "max_score": test.max_points,
                    "status": "passed" if test.status == "passed" else "failed",
                    "output": test.message if test.status != "passed" else "",
                    "tags": [chapter.chapter, f"task {test.task}"],
                    "visibility": "after_published",
                }
            )
    return {
        "score": result.points,
        "execution_time": round(result.duration_seconds),
        "output": "\n".join(result.problems) or f"{result.points:g} / {result.max_points:g} points",
        "visibility": "after_published",
        "stdout_visibility": "hidden",
        "tests": tests,
    }
