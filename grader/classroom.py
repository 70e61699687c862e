"""Grade a whole class: one sub-folder per student, graded in parallel, resumable.

Each student's reports are written atomically as soon as that student is graded, and
`results.json` last; a re-run skips students whose results.json is complete (unless forced), so
a run killed half-way loses nothing already finished.
"""

import json
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import atomic, catalog
from .engine import grade_submission, suite_tests
from .limits import Limits
from .reports import RESULTS_FILE, gradebook, write_missing_formats, write_submission_reports
from .results import SubmissionResult
from .roster import match, read_roster


@dataclass
class ClassRun:
    results: list[SubmissionResult] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # on the roster, no submission
    unknown: list[str] = field(default_factory=list)  # submitted, not on the roster
    failed: list[str] = field(default_factory=list)  # the grader itself failed on them


def student_folders(class_dir: Path) -> list[Path]:
    return sorted(p for p in class_dir.iterdir() if p.is_dir() and not p.name.startswith("."))


def previous_result(folder: Path) -> SubmissionResult | None:
    try:
        return SubmissionResult.from_json(json.loads((folder / RESULTS_FILE).read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def covers(previous: SubmissionResult, chapters: list[str], tasks: frozenset[str] | None) -> bool:
    """Whether an earlier result graded every task asked for now (all of each chapter's if `tasks`
    is None): a run with `--tasks 8.3` must not stand in for a full grade later."""
    graded = {c.chapter: set(c.task_ids()) for c in previous.chapters}
    for slug in chapters:
        wanted = {t.id for t in catalog.chapter(slug).tasks}
        if slug not in graded or not (wanted if tasks is None else wanted & tasks) <= graded[slug]:
            return False
    return True


def grade_class(
    class_dir: Path,
    out: Path,
    chapters: list[str],
    limits: Limits,
    workers: int = os.cpu_count() or 1,
    roster: Path | None = None,
    force: bool = False,
    formats: frozenset[str] = frozenset(),
    tasks: frozenset[str] | None = None,
    on_done: Callable[[str, bool], None] = lambda student, ok: None,
) -> ClassRun:
    run = ClassRun()
    folders = {p.name: p for p in student_folders(class_dir)}
    owners = {name: name for name in folders}
    if roster is not None:
        owners, run.missing, run.unknown = match(list(folders), read_roster(roster))
        owners.update({name: name for name in run.unknown})
    for slug in chapters:
        suite_tests(slug, limits)  # list each suite once, before the workers start

    todo = []
    for name, student in sorted(owners.items()):
        previous = None if force else previous_result(out / student)
        if previous is not None and covers(previous, chapters, tasks):
            write_missing_formats(previous, out / student, set(formats))
            run.results.append(previous)
            run.reused.append(student)
            on_done(student, True)
        else:
            todo.append((folders[name], student))

    def grade_one(folder: Path, student: str) -> SubmissionResult:
        result = grade_submission(folder, student, chapters, limits, tasks)
        write_submission_reports(result, out / student, set(formats))
        return result

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(grade_one, folder, student): student for folder, student in todo}
        for future in as_completed(futures):
            student = futures[future]
            try:
                run.results.append(future.result())
                on_done(student, True)
            except Exception as error:  # a grader bug must not cost the other students
                run.failed.append(f"{student}: {type(error).__name__}: {error}")
                on_done(student, False)
    atomic.write_text(
        out / "gradebook.csv",
        gradebook.render(run.results, chapters, run.missing, set(run.unknown)),
    )
    return run
