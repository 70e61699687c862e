"""GitHub Actions: a score table in the job summary and an annotation per failing task."""

import os
from pathlib import Path

from ..results import SubmissionResult
from .tasks import by_task, test_label

SUMMARY_ENV = "GITHUB_STEP_SUMMARY"


def summary_markdown(results: list[SubmissionResult]) -> str:
    lines = ["## LLM Deep Dive grades", "", "| Student | Chapter | Points |", "| --- | --- | --- |"]
    for result in results:
        for chapter in result.chapters:
            lines.append(
                f"| {result.student} | {chapter.chapter} | {chapter.points:g} / {chapter.max_points:g} |"
            )
        lines.append(f"| **{result.student}** | **total** | **{result.points:g} / {result.max_points:g}** |")
    return "\n".join(lines) + "\n"


def annotations(result: SubmissionResult) -> list[str]:
    """Workflow commands (`::error ...`) for each task's first failing test."""
    commands = []
    for chapter in result.chapters:
        for summary in by_task(chapter):
            problem = summary.first_problem
            if problem is None:
                continue
            title = f"{chapter.chapter} task {summary.task.id} ({summary.status})"
            message = f"{test_label(problem)}: {problem.message}".replace("\n", " ")
            level = "warning" if summary.status == "not started" else "error"
            commands.append(f"::{level} title={_escape(title, True)}::{_escape(message, False)}")
    return commands


def publish(results: list[SubmissionResult]) -> bool:
    """Append the summary when running in GitHub Actions; returns whether it did."""
    path = os.environ.get(SUMMARY_ENV)
    if not path:
        return False
    with Path(path).open("a", encoding="utf-8") as file:
        file.write(summary_markdown(results))
    for result in results:
        print("\n".join(annotations(result)))
    return True


def _escape(text: str, is_property: bool) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text
