"""The student release has no answers, and the learner's loop still works in it."""

import os
import subprocess
import sys

from grader.release import make_release
from grader.stubs import BEGIN


def test_the_release_takes_committed_files_not_the_working_tree(tmp_path, monkeypatch):
    """An uncommitted edit (say, an answer typed into a stub) never reaches the release."""
    from grader import release as release_module

    stub = release_module.REPO_ROOT / "exercises" / "ch03" / "pairs.py"
    original = stub.read_text("utf-8")
    try:
        stub.write_text(original + "\nLEAKED_ANSWER = 42\n", "utf-8")
        make_release(tmp_path / "student")
    finally:
        stub.write_text(original, "utf-8")
    assert "LEAKED_ANSWER" not in (tmp_path / "student" / "exercises" / "ch03" / "pairs.py").read_text()


def test_the_release_has_no_solutions_suites_or_variants_and_the_loop_works(tmp_path):
    """No solutions/, suites or variants; no solution region anywhere; pytest exercises/ch03 works."""
    release = tmp_path / "student"
    files = make_release(release)
    names = {str(f) for f in files}
    assert "exercises/ch03/pairs.py" in names and "lessons/ch03/README.md" in names
    assert not (release / "solutions").exists()
    assert not (release / "grader" / "suites").exists() and not (release / "grader" / "variants").exists()
    assert not (release / ".github" / "workflows" / "course-ci.yml").exists()
    assert "student copy" in (release / "README.md").read_text()
    for path in (release / "exercises").rglob("*.py"):
        assert not any(BEGIN.match(line) for line in path.read_text("utf-8").splitlines()), path
    env = {**os.environ, "PYTHONPATH": str(release)}  # the release's own grader package
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "exercises/ch03", "-p", "no:cacheprovider"],
        cwd=release,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1 and "not started" in result.stdout.splitlines()[-1], result.stdout[-1500:]
    status = subprocess.run(
        [sys.executable, "-m", "grader.cli", "status"],
        cwd=release,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert status.returncode == 0 and "Tokenization" in status.stdout, status.stdout[-1500:] + status.stderr
    assert "0 / 7" in status.stdout  # chapter 3: none of its 7 tasks done yet
