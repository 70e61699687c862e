"""feedback.md: what a student reads. Per task: what passed, the first problem and its hint.

Only test names and short failure messages appear, never hidden test source.
"""

from ..results import SubmissionResult
from .tasks import by_task, test_label

ICONS = {"passing": "✅", "failing": "❌", "not started": "⬜"}


def render(result: SubmissionResult) -> str:
    lines = [
        f"# Feedback for {result.student}",
        "",
        f"**Total: {result.points:g} / {result.max_points:g} points** (graded {result.graded_at})",
        "",
    ]
    lines += [f"> ⚠️ {problem}" for problem in result.problems]
    for chapter in result.chapters:
        lines += [
            "",
            f"## {chapter.chapter}: {chapter.points:g} / {chapter.max_points:g} points",
            "",
        ]
        lines += [f"> ⚠️ {warning}" for warning in chapter.warnings]
        lines += ["| Task | Status | Tests passed | Points |", "| --- | --- | --- | --- |"]
        summaries = by_task(chapter)
        for summary in summaries:
            passed = sum(t.status == "passed" for t in summary.tests)
            lines.append(
                f"| {summary.task.id} {summary.task.title} | {ICONS[summary.status]} {summary.status} "
                f"| {passed}/{len(summary.tests)} | {summary.points_label} |"
            )
        for summary in summaries:
            problem = summary.first_problem
            if problem is None or summary.status == "not started":
                continue
            lines += [
                "",
                f"### Task {summary.task.id}: first problem",
                f"- **{test_label(problem)}** ({problem.status})",
                *([f"- What it checks: {problem.claim}"] if problem.claim else []),
                f"- What happened: {_quote(problem.message)}" if problem.message else "- (no message)",
            ]
        todo = [s for s in summaries if s.status != "passing"] or summaries  # suggest what to work on
        one_task = f"; one task: `-k {todo[0].task.keyword}`" if todo else ""
        lines += ["", f"Run the visible tests with `pytest exercises/{chapter.chapter}`{one_task}."]
    lines.append("")
    return "\n".join(lines)


def _quote(message: str) -> str:
    return "`" + message.replace("`", "'") + "`"
