"""Tables for the terminal (rich): one submission's scores, a class summary."""

import statistics

from rich.console import Console
from rich.table import Table

from .reports.tasks import by_task
from .results import ChapterResult, SubmissionResult

console = Console()
STYLES = {"passing": "green", "failing": "red", "not started": "yellow"}


def submission_table(result: SubmissionResult, show_tests: bool = False) -> Table:
    table = Table(title=f"{result.student}: {result.points:g} / {result.max_points:g} points")
    for column in ("Chapter", "Task", "Status", "Tests", "Points", "First problem"):
        table.add_column(column, overflow="fold")
    for chapter in result.chapters:
        for summary in by_task(chapter):
            passed = sum(t.status == "passed" for t in summary.tests)
            problem = summary.first_problem
            table.add_row(
                chapter.chapter,
                f"{summary.task.id} {summary.task.title}",
                f"[{STYLES[summary.status]}]{summary.status}[/]",
                f"{passed}/{len(summary.tests)}",
                summary.points_label,
                f"{problem.status}: {problem.message}" if problem and summary.status != "not started" else "",
            )
            if show_tests:
                for test in summary.tests:
                    table.add_row(
                        "",
                        f"  {test.name.split('::')[-1]}",
                        test.status,
                        "",
                        f"{test.points:g}/{test.max_points:g}",
                        test.message,
                    )
        table.add_row(
            chapter.chapter,
            "[b]chapter total[/]",
            "",
            "",
            f"[b]{score_label(chapter)}[/]",
            "",
        )
    return table


def class_table(results: list[SubmissionResult], chapters: list[str]) -> Table:
    table = Table(title=f"Class summary: {len(results)} submissions")
    table.caption = "Mean and median include bonus points."
    for column in ("Chapter", "Max", "Mean", "Median", "Full marks"):
        table.add_column(column)
    for slug in chapters:
        scores = [c.points for r in results for c in r.chapters if c.chapter == slug]
        maxima = [c.max_points for r in results for c in r.chapters if c.chapter == slug]
        if not scores:
            continue
        full = sum(s >= m for s, m in zip(scores, maxima))  # bonus points can take a score past m
        table.add_row(
            slug,
            f"{maxima[0]:g}",
            f"{statistics.mean(scores):.1f}",
            f"{statistics.median(scores):g}",
            f"{full}/{len(scores)}",
        )
    return table


def students_table(results: list[SubmissionResult]) -> Table:
    table = Table(title="Students")
    table.add_column("Student")
    table.add_column("Points")
    for result in sorted(results, key=lambda r: r.student):
        table.add_row(result.student, score_label(result))
    return table


def score_label(result: SubmissionResult | ChapterResult) -> str:
    """'92 / 100', or '100 / 100 + 20 bonus': bonus points never read as more than full marks."""
    bonus = result.bonus_points
    label = f"{result.points - bonus:g} / {result.max_points:g}"
    return f"{label} + {bonus:g} bonus" if bonus else label
