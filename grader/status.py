"""`grader status`: how far a learner is across the course, from the visible tests of every chapter.

One `pytest exercises/...` run in a child process (a hanging stub must not hang the command), whose
feedback plugin writes each task's status as JSON (`--progress-json`); this module turns that into
one row per chapter: tasks passing, points those tasks are worth, and the next task to work on.
"""

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rich.table import Table

from . import catalog, loader, outcomes
from .terminal import STYLES

HIDDEN = "; grader grade . runs the hidden tests"
TEST_SECONDS = 60  # per visible test: they take well under a second each when the code is right


@dataclass(frozen=True)
class ChapterProgress:
    chapter: catalog.Chapter
    tasks: dict[str, dict]  # task id -> {"status", "passed", "total", "hint"}, from the plugin

    def passing(self) -> list[catalog.Task]:
        return [t for t in self.chapter.tasks if self.tasks.get(t.id, {}).get("status") == "passing"]

    @property
    def points(self) -> int:
        return sum(task.points for task in self.passing())

    @property
    def next_task(self) -> catalog.Task | None:
        return next((t for t in self.chapter.tasks if t not in self.passing()), None)


class StatusError(RuntimeError):
    """The visible tests could not be run at all (the reason is in the message)."""


def visible_progress(impl: str = "exercises", slugs: list[str] | None = None) -> list[ChapterProgress]:
    """Run the visible tests of `slugs` (default: every chapter with exercises) against `impl`."""
    slugs = slugs or [c.slug for c in catalog.CHAPTERS if (loader.REPO_ROOT / "exercises" / c.slug).is_dir()]
    if not slugs:
        raise StatusError(f"no exercises/chNN folders under {loader.REPO_ROOT}")
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "progress.json"
        paths = [f"exercises/{slug}" for slug in slugs]
        options = ["--impl", impl, f"--timeout={TEST_SECONDS}", "--progress-json", str(report)]
        command = [sys.executable, "-m", "pytest", *paths, "-q", "-p", "no:cacheprovider", *options]
        run = subprocess.run(command, cwd=loader.REPO_ROOT, capture_output=True, text=True)
        if not report.exists():
            raise StatusError(f"the visible tests did not run:\n{(run.stdout + run.stderr)[-2000:]}")
        tasks = json.loads(report.read_text("utf-8"))["tasks"]
    chapters = [catalog.chapter(slug) for slug in slugs]
    return [ChapterProgress(c, {t.id: tasks[t.id] for t in c.tasks if t.id in tasks}) for c in chapters]


def status_table(progress: list[ChapterProgress]) -> Table:
    table = Table(title="Progress across the course (visible tests)", title_justify="left")
    for column in ("Chapter", "Tasks passing", "Points", "Next"):
        table.add_column(column, overflow="fold")
    hidden = HIDDEN if (loader.REPO_ROOT / "grader" / "suites").is_dir() else ""
    for entry in progress:
        chapter, done = entry.chapter, len(entry.passing())
        bonus = " (bonus included)" if entry.points > chapter.points else ""
        style = STYLES["passing" if done == len(chapter.tasks) else "not started" if done == 0 else "failing"]
        nxt = entry.next_task
        if nxt is None:
            next_step = "all tasks pass" + hidden
        else:
            hint = entry.tasks.get(nxt.id, {}).get("hint", "")
            next_step = f"Task {nxt.id} {nxt.title}" + (f" ({outcomes.shorten(hint, 120)})" if hint else "")
        table.add_row(
            f"{chapter.number} {chapter.title}",
            f"[{style}]{done} / {len(chapter.tasks)}[/]",
            f"{entry.points} / {chapter.points}{bonus}",
            next_step,
        )
    table.caption = "One chapter in detail: pytest exercises/chNN"
    return table
