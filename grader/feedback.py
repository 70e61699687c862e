"""The pytest plugin behind the learner's loop, `pytest exercises/chNN`.

Loaded by the repository's pytest configuration (`-p grader.feedback`), so it is active from the
repository root. It

* adds `--impl` (see `grader.loader`) to choose the code under test;
* loads the `feedback` hypothesis profile unless another is asked for;
* marks each test with its task keyword, so `pytest exercises/ch03 -k task3_2` runs one task;
* reports a stub that raises `NotImplementedError` as "not started", without a traceback;
* keeps failures short and ends with a table: task, status, first hint, points;
* with `--progress-json FILE`, also writes that table as JSON (what `grader status` reads).

Not-started and failing tests both make the run exit non-zero, until everything passes.
"""

import io
from collections import defaultdict
from pathlib import Path

import pytest
from rich.console import Console
from rich.table import Table

from . import atomic, catalog, loader, outcomes, profiles

TASK_MARK = "task"
PROGRESS_SCHEMA = {"schema": "llm-deep-dive/progress", "schema_version": 1}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--impl",
        default=None,
        help="code under test: exercises (default), solutions, a submission PATH, variant:NAME",
    )
    parser.addoption("--progress-json", type=Path, help="also write each task's status to this JSON file")


def pytest_configure(config: pytest.Config) -> None:
    spec = config.getoption("--impl")
    if spec:
        loader.select(spec)
    if config.getoption("hypothesis_profile", None) is None:
        from hypothesis import settings

        settings.load_profile(profiles.FEEDBACK)
    for chapter in catalog.CHAPTERS:
        for task in chapter.tasks:
            config.addinivalue_line("markers", f"{task.keyword}: tests of Task {task.id}")


def task_of(item: pytest.Item) -> catalog.Task | None:
    mark = item.get_closest_marker(TASK_MARK)
    return catalog.task(mark.args[0]) if mark else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tasks = [task_of(item) for item in items]
    for item, task in zip(items, tasks):
        if task:
            item.add_marker(task.keyword)
    if any(tasks) and config.option.tbstyle == "auto":
        config.option.tbstyle = "short"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = (yield).get_result()
    if report.failed:
        outcome = outcomes.classify(report, call.excinfo)
        report.llmdd_outcome = outcome
        if outcome.status == outcomes.NOT_STARTED or call.excinfo.errisinstance(loader.ImplementationError):
            report.longrepr = outcome.message  # one line instead of a traceback


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config):
    outcome = getattr(report, "llmdd_outcome", None)
    if outcome is not None and outcome.status == outcomes.NOT_STARTED:
        return "not started", "n", ("NOT STARTED", {"yellow": True})
    return None


class _TaskTally:
    def __init__(self) -> None:
        self.counts: dict[str, int] = defaultdict(int)
        self.hint = ""

    def add(self, task: catalog.Task, status: str, message: str, name: str) -> None:
        self.counts[status] += 1
        if self.hint or status == outcomes.PASSED:
            return
        if status == outcomes.NOT_STARTED:
            needed = message.removeprefix("Task ").split(":")[0]
            self.hint = f"needs Task {needed} first" if needed != task.id else ""
        else:
            self.hint = f"{name.split('.')[-1].removeprefix('test_')}: {message}"

    @property
    def status(self) -> str:
        total = sum(self.counts.values())
        if self.counts[outcomes.PASSED] == total:
            return "passing"
        if self.counts[outcomes.NOT_STARTED] == total:
            return "not started"
        return "failing"


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    tallies: dict[str, _TaskTally] = defaultdict(_TaskTally)
    for reports in terminalreporter.stats.values():
        for report in reports:
            if not isinstance(report, pytest.TestReport):
                continue  # deselected items are listed in stats too
            task_id = _task_id(report)
            if task_id is None or (report.when != "call" and not report.failed):
                continue
            outcome = getattr(report, "llmdd_outcome", None) or outcomes.Outcome(
                outcomes.PASSED if report.passed else outcomes.FAILED
            )
            tallies[task_id].add(
                catalog.task(task_id), outcome.status, outcome.message, report.head_line or ""
            )
    if tallies:
        terminalreporter.write(_render_table(tallies, terminalreporter))
    if config.getoption("--progress-json"):
        atomic.write_json(config.getoption("--progress-json"), _progress(tallies))


def _progress(tallies: dict[str, "_TaskTally"]) -> dict:
    tasks = {
        task_id: {
            "status": tally.status,
            "passed": tally.counts[outcomes.PASSED],
            "total": sum(tally.counts.values()),
            "hint": "" if tally.status == "passing" else tally.hint,
        }
        for task_id, tally in tallies.items()
    }
    return {**PROGRESS_SCHEMA, "impl": loader.selected(), "tasks": tasks}


def _task_id(report: pytest.TestReport) -> str | None:
    for keyword in report.keywords:
        if keyword.startswith("task") and keyword[4:].replace("_", "").isdigit():
            return keyword[4:].replace("_", ".")
    return None


STYLES = {"passing": "green", "failing": "red", "not started": "yellow"}


def _render_table(tallies: dict[str, _TaskTally], terminalreporter) -> str:
    title = "Your progress" if loader.selected() == "exercises" else f"Progress of {loader.selected()}"
    table = Table(title=title, title_justify="left", caption_justify="left")
    for column in ("Task", "What", "Status", "Tests", "Points"):
        table.add_column(column, no_wrap=column != "What")
    table.add_column("First hint", overflow="fold")
    earned = possible = 0
    ordered = sorted(tallies, key=lambda t: tuple(map(int, t.split("."))))
    for task_id in ordered:
        task, tally = catalog.task(task_id), tallies[task_id]
        passed, total = tally.counts[outcomes.PASSED], sum(tally.counts.values())
        status = tally.status
        earned += task.points if status == "passing" else 0
        possible += 0 if task.bonus else task.points
        table.add_row(
            task.id,
            task.title,
            f"[{STYLES[status]}]{status}[/]",
            f"{passed}/{total}",
            f"+{task.points} bonus" if task.bonus else str(task.points),
            "" if status == "passing" else tally.hint,
        )
    example = catalog.task(next((t for t in ordered if tallies[t].status != "passing"), ordered[0]))
    slug = f"ch{int(example.id.split('.')[0]):02d}"
    hidden = " Hidden tests: grader grade ." if (loader.REPO_ROOT / "grader" / "suites").is_dir() else ""
    table.caption = (
        f"Tasks worth {earned} of {possible} points pass these tests. "
        f"One task: pytest exercises/{slug} -k {example.keyword}.{hidden}"
    )
    buffer = io.StringIO()
    width = max(100, terminalreporter._tw.fullwidth)
    Console(file=buffer, force_terminal=terminalreporter.hasmarkup, width=width).print(table)
    return "\n" + buffer.getvalue()
