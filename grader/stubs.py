"""One source for stub and reference: `exercises/chNN` is generated from `solutions/chNN`.

In a reference file, the learner's part of each function sits between two marker lines
(nbgrader's markers, with the task id after the first):

    def merge_pair(ids, pair, new_id):
        \"\"\"Docstring: stays in the stub.\"\"\"
        ### BEGIN SOLUTION 3.1
        ...the reference code...
        ### END SOLUTION

In the stub, each region becomes `raise NotImplementedError("Task 3.1: <task title>")`;
everything else is copied unchanged. `grader stubs` writes the stubs and `grader stubs --check`
lists drifted files (the course's tests run the same check).
"""

import re
from pathlib import Path

from . import catalog
from .loader import REPO_ROOT

BEGIN = re.compile(r"^(?P<indent>\s*)### BEGIN SOLUTION (?P<task>\d+\.\d+)\s*$")
END = re.compile(r"^\s*### END SOLUTION\s*$")


class MarkerError(ValueError):
    """Unbalanced or malformed solution markers in a reference file."""


def render_stub(source: str, filename: str = "<source>") -> str:
    """The learner's version of a reference file's text."""
    lines_out: list[str] = []
    inside: str | None = None
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        begin, end = BEGIN.match(line), END.match(line)
        if inside is None and begin:
            task = catalog.task(begin["task"])
            message = f"Task {task.id}: {task.title}"
            lines_out.append(f'{begin["indent"]}raise NotImplementedError("{message}")\n')
            inside = task.id
        elif inside is None and (end or "### BEGIN SOLUTION" in line):
            raise MarkerError(f"{filename}:{number}: malformed or unopened solution marker")
        elif inside is not None and begin:
            raise MarkerError(f"{filename}:{number}: region opened inside task {inside}'s region")
        elif inside is not None and end:
            inside = None
        elif inside is None:
            lines_out.append(line)
    if inside is not None:
        raise MarkerError(f"{filename}: region of task {inside} is never closed")
    return "".join(lines_out)


def expected_stubs(slug: str) -> dict[Path, str]:
    """Every stub file of chapter `slug`, keyed by its path under `exercises/`."""
    source_dir = REPO_ROOT / "solutions" / slug
    return {
        REPO_ROOT / "exercises" / slug / path.name: render_stub(path.read_text("utf-8"), str(path))
        for path in sorted(source_dir.glob("*.py"))
    }


def drifted(slug: str) -> list[Path]:
    """Stub files of `slug` that differ from what `write_stubs` would produce (or are missing)."""
    return [
        path
        for path, text in expected_stubs(slug).items()
        if not path.is_file() or path.read_text("utf-8") != text
    ]


class WouldOverwrite(RuntimeError):
    """Regenerating would replace files that are not the current stubs (maybe a learner's work)."""


def write_stubs(slug: str, force: bool = False) -> list[Path]:
    """Regenerate the stubs of chapter `slug`; returns the files that changed.

    Existing files that differ are only replaced with `force`: in a learner's checkout they hold
    the learner's work, and a stub generator must never silently erase it.
    """
    changed = drifted(slug)
    existing = [path for path in changed if path.exists()]
    if existing and not force:
        raise WouldOverwrite(existing)
    for path, text in expected_stubs(slug).items():
        if path in changed:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return changed


def chapters_with_solutions() -> list[str]:
    return sorted(p.name for p in (REPO_ROOT / "solutions").glob("ch[0-9][0-9]") if p.is_dir())
