"""`pytest exercises/chNN`, as a learner runs it: a task table, not a wall of tracebacks."""

import subprocess
import sys

import pytest

from grader import stubs
from grader.loader import REPO_ROOT

CHAPTERS = stubs.chapters_with_solutions()


def run_pytest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", *args, "-p", "no:cacheprovider"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("slug", CHAPTERS)
def test_untouched_stubs_are_not_started_and_exit_non_zero(slug):
    """On the stubs every visible test is 'not started': no failure, no error, no traceback."""
    result = run_pytest(f"exercises/{slug}")
    assert result.returncode == 1, result.stdout[-2000:]
    last = result.stdout.strip().splitlines()[-1]
    assert "not started" in last and "failed" not in last and "error" not in last, last
    assert "Traceback" not in result.stdout
    assert "Your progress" in result.stdout


@pytest.mark.parametrize("slug", CHAPTERS)
def test_the_reference_passes_the_visible_tests(slug):
    """`--impl solutions` runs the same visible tests against the reference: all pass."""
    result = run_pytest(f"exercises/{slug}", "--impl", "solutions")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "passing" in result.stdout and "not started" not in result.stdout


def test_one_task_can_be_selected_with_k():
    """`-k task3_2` runs only Task 3.2's tests."""
    result = run_pytest("exercises/ch03", "--impl", "solutions", "-k", "task3_2")
    assert result.returncode == 0
    assert "deselected" in result.stdout.splitlines()[-1]
    assert "3.2 " in result.stdout and "3.1 " not in result.stdout


def test_a_failing_task_shows_a_short_hint(tmp_path):
    """A wrong answer shows as 'failing' with the assertion, and the run exits non-zero."""
    chapter = tmp_path / "exercises" / "ch03"
    chapter.mkdir(parents=True)
    for path in (REPO_ROOT / "solutions" / "ch03").glob("*.py"):
        (chapter / path.name).write_text(path.read_text())
    pairs = chapter / "pairs.py"
    pairs.write_text(pairs.read_text() + "\n\ndef pair_counts(ids):\n    return {}\n")
    result = run_pytest("exercises/ch03", "--impl", str(tmp_path), "-k", "task3_1")
    assert result.returncode == 1
    assert "failing" in result.stdout and "assert {} ==" in result.stdout
