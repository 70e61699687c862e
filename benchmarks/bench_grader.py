"""How fast the grader is: fixed cost per submission, one chapter's suite, and a whole class.

    python benchmarks/bench_grader.py                 # chapter 3, class of 50, 2 workers (~5 min)
    python benchmarks/bench_grader.py --students 10   # quicker
    python benchmarks/bench_grader.py --chapters ch08 --students 6 \
        --output benchmarks/results/grader.ch08.json     # another chapter, its own file

A class is built from the course itself: the reference, untouched stubs and known-wrong variants,
in turn (grader/examples.py). Figures go to benchmarks/results/grader.json.
"""

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from grader.classroom import grade_class
from grader.engine import grade_submission, suite_chapters, suite_tests
from grader.examples import build_reference_with_changes, copy_chapter
from grader.limits import Limits
from grader.loader import REPO_ROOT, VARIANTS_ROOT

RESULTS = Path(__file__).parent / "results" / "grader.json"


def build_class(root: Path, students: int, chapters: list[str]) -> Path:
    """A class cycling through reference, untouched stubs and each known-wrong variant."""
    variants = sorted(p.stem for slug in chapters for p in VARIANTS_ROOT.glob(f"{slug}/*/*.py"))
    kinds = ["reference", "untouched", *variants]
    for index in range(students):
        kind = kinds[index % len(kinds)]
        student = root / f"student{index:03d}-{kind}"
        if kind == "untouched":
            for slug in chapters:
                copy_chapter(REPO_ROOT / "exercises" / slug, student / "exercises" / slug)
        else:
            build_reference_with_changes(student, chapters, {} if kind == "reference" else {"variant": kind})
    return root


def timed(function, *args):
    started = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - started, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chapters", default="ch03", help="comma-separated (default: ch03)")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"JSON to write ({RESULTS.name})")
    args = parser.parse_args()
    chapters, limits = args.chapters.split(","), Limits()
    assert set(chapters) <= set(suite_chapters()), f"no hidden suite for some of {chapters}"
    figures: dict = {"chapters": chapters, "students": args.students, "workers": args.workers}

    listing, _ = timed(suite_tests, chapters[0], limits)
    figures["list_suite_seconds"] = round(listing, 2)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        reference = tmp / "reference"
        build_reference_with_changes(reference, chapters, {})
        untouched = tmp / "untouched"
        for slug in chapters:
            copy_chapter(REPO_ROOT / "exercises" / slug, untouched / "exercises" / slug)
        for name, submission in (("untouched", untouched), ("reference", reference)):
            runs = [timed(grade_submission, submission, name, chapters, limits)[0] for _ in range(3)]
            figures[f"{name}_submission_seconds"] = round(statistics.median(runs), 2)
        class_dir = build_class(tmp / "class", args.students, chapters)
        elapsed, run = timed(grade_class, class_dir, tmp / "out", chapters, limits, args.workers)
        figures["class_seconds"] = round(elapsed, 1)
        figures["class_failed"] = len(run.failed)
        figures["per_submission_seconds"] = round(elapsed * args.workers / args.students, 2)
    figures["machine"] = {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="minutes"),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
