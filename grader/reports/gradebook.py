"""gradebook.csv: one row per student, one column per chapter, totals (like nbgrader's export)."""

import csv
import io

from ..results import SubmissionResult


def render(results: list[SubmissionResult], chapters: list[str], missing: list[str], extra: set[str]) -> str:
    """`missing`: roster students without a submission; `extra`: submitters not on the roster."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student_id", "timestamp", *chapters, "raw_score", "score", "max_score", "status"])
    max_score = None
    for result in sorted(results, key=lambda r: r.student):
        by_chapter = {c.chapter: c for c in result.chapters}
        max_score = result.max_points
        status = "not on roster" if result.student in extra else "graded"
        writer.writerow(
            [
                result.student,
                result.graded_at,
                *(f"{by_chapter[c].points:g}" if c in by_chapter else "" for c in chapters),
                f"{result.points:g}",
                f"{result.points:g}",
                f"{result.max_points:g}",
                status,
            ]
        )
    for student in sorted(missing):
        writer.writerow([student, "", *("" for _ in chapters), 0, 0, f"{max_score or 0:g}", "missing"])
    return buffer.getvalue()
