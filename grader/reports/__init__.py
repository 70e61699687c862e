"""Reports written from grading results, one format per module.

`write_submission_reports` writes what belongs to one student (results.json, feedback.md and,
on request, Gradescope's results.json); class-wide files (gradebook.csv) are in `gradebook`.
"""

from pathlib import Path

from .. import atomic
from ..results import SubmissionResult
from . import feedback, gradescope

RESULTS_FILE = "results.json"
FEEDBACK_FILE = "feedback.md"
GRADESCOPE_FILE = "gradescope.json"


def write_missing_formats(result: SubmissionResult, folder: Path, formats: set[str]) -> None:
    """For a student graded earlier: write reports of formats asked for only now."""
    if "gradescope" in formats and not (folder / GRADESCOPE_FILE).exists():
        atomic.write_json(folder / GRADESCOPE_FILE, gradescope.render(result))


def write_submission_reports(result: SubmissionResult, folder: Path, formats: set[str]) -> None:
    """Write one student's reports; results.json last, as the mark that grading finished."""
    atomic.write_text(folder / FEEDBACK_FILE, feedback.render(result))
    if "gradescope" in formats:
        atomic.write_json(folder / GRADESCOPE_FILE, gradescope.render(result))
    atomic.write_json(folder / RESULTS_FILE, result.to_json())
