"""The student release: the course without its answers.

`grader release --out ../course-student` writes the committed files (`git HEAD`, never the
working tree, so uncommitted edits cannot leak) except the reference solutions, the hidden
suites, the known-wrong variants, everything built on them (the course's own tests, the hostile
catalog, benchmarks) and the course's own CI. The course README is replaced by a student one
(`grader/student_readme.md`). What remains is what a student needs: lessons, stubs with their
visible tests, and the grader's feedback plugin.
"""

import shutil
import subprocess
from pathlib import Path

from .loader import REPO_ROOT
from .stubs import BEGIN

EXCLUDED = (
    "solutions/",
    "grader/suites/",
    "grader/variants/",
    "tests/",
    "examples/",
    "benchmarks/",
    ".ci/",
    ".github/workflows/course-ci.yml",
)


STUDENT_README = Path(__file__).parent / "student_readme.md"


def release_files() -> list[Path]:
    """Committed files (at HEAD) that go into the release."""
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "-z", "--name-only", "HEAD"], cwd=REPO_ROOT, capture_output=True, check=True
    ).stdout.decode("utf-8", errors="surrogateescape")
    names = [name for name in listed.split("\0") if name]
    return [Path(name) for name in names if not name.startswith(EXCLUDED)]


def make_release(destination: Path) -> list[Path]:
    """Write the release into `destination` (which must not exist yet); returns the files."""
    if destination.exists():
        raise FileExistsError(f"{destination} exists; choose a new folder")
    files = release_files()
    for relative in files:
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        committed = subprocess.run(
            ["git", "show", f"HEAD:{relative.as_posix()}"], cwd=REPO_ROOT, capture_output=True, check=True
        ).stdout
        target.write_bytes(committed)
    shutil.copyfile(STUDENT_README, destination / "README.md")
    leaks = [f for f in files if f.parts[0] == "exercises" and _has_solution_region(destination / f)]
    if leaks:
        shutil.rmtree(destination)
        raise RuntimeError(f"solution regions would leak into the release: {leaks}")
    return files


def _has_solution_region(path: Path) -> bool:
    return path.suffix == ".py" and any(BEGIN.match(line) for line in path.read_text("utf-8").splitlines())
