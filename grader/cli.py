"""The `grader` command.

grader grade [PATH] [--out OUT]      grade one submission (PATH has exercises/) or a class
                                     (PATH has one sub-folder per student)
grader demo                          build and grade the bundled example class
grader status [--impl PATH]          progress across the course, from the visible tests
grader stubs [--check]               regenerate exercises/ from solutions/ (or check drift)
"""

import argparse
import os
import sys
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__, status, stubs
from .classroom import grade_class
from .engine import grade_submission, suite_chapters
from .examples import build_demo_class
from .limits import GIB, Limits
from .release import make_release
from .reports import github, write_submission_reports
from .sandbox import SubmissionError, exercises_folder
from .terminal import class_table, console, students_table, submission_table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="grader", description="LLM Deep Dive autograder")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade a submission or a class folder")
    grade.add_argument("path", nargs="?", default=".", type=Path)
    _grading_options(grade)
    grade.add_argument("--show-tests", action="store_true", help="list every hidden test")

    demo = commands.add_parser("demo", help="grade the bundled example class")
    demo.add_argument("--hostile", action="store_true", help="add the hostile-submission catalog")
    _grading_options(demo, default_out=Path("grades/demo"))

    stub = commands.add_parser("stubs", help="regenerate exercises/ from solutions/")
    stub.add_argument("chapters", nargs="*")
    stub.add_argument("--check", action="store_true", help="only report drift (exit 1 if any)")
    stub.add_argument("--force", action="store_true", help="replace files that differ (erases edits)")

    progress = commands.add_parser("status", help="progress across the course, from the visible tests")
    progress.add_argument("--impl", default="exercises", help="exercises (default), solutions or a PATH")

    release = commands.add_parser("release", help="write the student copy: no solutions or suites")
    release.add_argument("--out", type=Path, required=True)

    args = parser.parse_args(argv)
    commands = {"grade": _grade, "demo": _demo, "stubs": _stubs, "release": _release, "status": _status}
    return commands[args.command](args)


def _grading_options(parser: argparse.ArgumentParser, default_out: Path = Path("grades")) -> None:
    parser.add_argument("--out", type=Path, default=default_out, help="folder for the reports")
    parser.add_argument("--chapters", help="comma-separated, e.g. ch03,ch04 (default: all)")
    parser.add_argument("--tasks", help="grade only these tasks, e.g. 3.1,3.6 (default: all)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--test-timeout", type=float, default=Limits.test_seconds, help="seconds")
    parser.add_argument("--suite-timeout", type=float, default=Limits.suite_seconds, help="seconds")
    parser.add_argument("--memory", type=float, default=Limits.memory_bytes / GIB, help="GiB")
    parser.add_argument("--roster", type=Path, help="CSV with student_id or github_username")
    parser.add_argument("--force", action="store_true", help="re-grade finished students")
    parser.add_argument("--format", action="append", default=[], choices=["gradescope"])


def _limits(args) -> Limits:
    return Limits(
        test_seconds=args.test_timeout,
        suite_seconds=args.suite_timeout,
        memory_bytes=int(args.memory * GIB),
    )


def _chapters(args) -> list[str]:
    available = suite_chapters()
    if not available:
        raise SystemExit(
            "this copy of the course has no hidden suites (a student release?): "
            "run the visible tests with pytest exercises/chNN"
        )
    if not args.chapters:
        return available
    chosen = [c.strip() for c in args.chapters.split(",") if c.strip()]
    unknown = [c for c in chosen if c not in available]
    if unknown:
        raise SystemExit(f"no hidden suite for {', '.join(unknown)}; available: {', '.join(available)}")
    return chosen


def _tasks(args) -> frozenset[str] | None:
    return frozenset(t.strip() for t in args.tasks.split(",")) if args.tasks else None


def _grade(args) -> int:
    path: Path = args.path
    if not path.is_dir():
        console.print(f"[red]{path} is not a folder[/]")
        return 2
    try:
        exercises_folder(path)
    except SubmissionError:
        return _grade_class(path, args)
    result = grade_submission(path, None, _chapters(args), _limits(args), _tasks(args))
    folder = args.out / result.student
    write_submission_reports(result, folder, set(args.format))
    console.print(submission_table(result, args.show_tests))
    console.print(f"Reports: {folder}/results.json, {folder}/feedback.md")
    github.publish([result])
    return 0


def _grade_class(path: Path, args) -> int:
    chapters = _chapters(args)
    with Progress(
        TextColumn("[bold]grading"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"), TimeElapsedColumn(), console=console,
    ) as progress:  # fmt: skip
        counts = {"done": 0, "failed": 0}
        total = len([p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")])
        bar = progress.add_task("grading", total=total, status="")

        def on_done(student: str, ok: bool) -> None:
            counts["done" if ok else "failed"] += 1
            progress.update(bar, advance=1, status=f"{counts['done']} finished, {counts['failed']} failed")

        run = grade_class(
            path, args.out, chapters, _limits(args), args.workers, args.roster, args.force,
            frozenset(args.format), _tasks(args), on_done,
        )  # fmt: skip
    console.print(students_table(run.results))
    console.print(class_table(run.results, chapters))
    if run.reused:
        console.print(f"{len(run.reused)} already graded (kept; --force re-grades): {', '.join(run.reused)}")
    if run.missing:
        console.print(f"[yellow]On the roster, no submission:[/] {', '.join(run.missing)}")
    if run.unknown:
        console.print(f"[yellow]Submitted, not on the roster:[/] {', '.join(run.unknown)}")
    for failure in run.failed:
        console.print(f"[red]Could not grade[/] {failure}")
    console.print(f"Gradebook: {args.out / 'gradebook.csv'}; per student: {args.out}/<student>/")
    github.publish(run.results)
    return 1 if run.failed else 0


def _demo(args) -> int:
    chapters = _chapters(args)
    class_dir = build_demo_class(args.out / "submissions", chapters, args.hostile)
    console.print(f"Example class written to {class_dir}")
    args.path = class_dir
    return _grade_class(class_dir, args)


def _status(args) -> int:
    try:
        console.print(status.status_table(status.visible_progress(args.impl)))
    except status.StatusError as error:
        console.print(f"[red]{error}[/]")
        return 2
    return 0


def _release(args) -> int:
    files = make_release(args.out)
    console.print(f"Student release: {len(files)} files in {args.out} (no solutions, suites or variants)")
    return 0


def _stubs(args) -> int:
    chapters = args.chapters or stubs.chapters_with_solutions()
    if args.check:
        drift = [path for slug in chapters for path in stubs.drifted(slug)]
        for path in drift:
            print(f"out of date: {path} (maintainers: grader stubs --force)")
        return 1 if drift else 0
    for slug in chapters:
        try:
            written = stubs.write_stubs(slug, force=args.force)
        except stubs.WouldOverwrite as error:
            console.print(f"[red]Not written:[/] these {slug} files differ from the stubs and may hold work:")
            for path in error.args[0]:
                console.print(f"  {path}")
            console.print("Maintainers regenerating from solutions/: grader stubs --force")
            return 1
        for path in written:
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
