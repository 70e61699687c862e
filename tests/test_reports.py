"""Reports: the gradebook, Gradescope's format, the GitHub summary, atomic writes and resuming."""

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from grader import atomic, catalog, roster
from grader.classroom import covers
from grader.examples import copy_chapter
from grader.loader import REPO_ROOT
from grader.reports import feedback, github, gradebook, gradescope
from grader.results import ChapterResult, GradedTest, SubmissionResult


def sample_result(student="ada") -> SubmissionResult:
    tests = [
        GradedTest("ch03/test_pairs.py::test_counts", "3.1", "passed", 6, 6),
        GradedTest("ch03/test_pairs.py::test_merge", "3.1", "failed", 0, 4, "assert [1] == [2]"),
        GradedTest("ch03/test_training.py::test_fast", "3.2", "not started", 0, 20, "Task 3.2: train"),
    ]
    return SubmissionResult(student, [ChapterResult("ch03", tests, 1.5)], 2.0, "2026-01-01T00:00:00+00:00")


def test_results_json_round_trips():
    """results.json reads back into the same result, schema and version included."""
    data = sample_result().to_json()
    assert data["schema"] == "llm-deep-dive/results" and data["schema_version"] == 1
    assert SubmissionResult.from_json(json.loads(json.dumps(data))).to_json() == data


def test_gradescope_file_has_the_spec_fields():
    """Gradescope's results.json: score, and per test name/score/max_score/status/output/visibility."""
    document = gradescope.render(sample_result())
    assert document["score"] == 6
    assert isinstance(document["execution_time"], int)
    for test in document["tests"]:
        assert set(test) >= {"name", "score", "max_score", "status", "output", "visibility"}
        assert test["status"] in ("passed", "failed")
        assert test["visibility"] in ("hidden", "after_due_date", "after_published", "visible")
        assert isinstance(test["score"], int | float) and isinstance(test["max_score"], int | float)
    assert [t["status"] for t in document["tests"]] == ["passed", "failed", "failed"]


def test_gradebook_has_a_row_per_student_and_lists_missing_ones():
    """One row per student, a column per chapter, totals; roster students without work are 'missing'."""
    text = gradebook.render([sample_result("ada"), sample_result("bob")], ["ch03"], ["cy"], {"bob"})
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["student_id"] for r in rows] == ["ada", "bob", "cy"]
    assert rows[0]["ch03"] == "6" and rows[0]["max_score"] == "30" and rows[0]["status"] == "graded"
    assert rows[1]["status"] == "not on roster" and rows[2]["status"] == "missing"


def test_feedback_shows_tasks_and_first_problem_only():
    """feedback.md names each task's status and the first failure's message."""
    text = feedback.render(sample_result())
    assert "3.1 count adjacent pairs" in text and "❌ failing" in text and "⬜ not started" in text
    assert "assert [1] == [2]" in text and "def test_" not in text


def test_github_summary_and_annotations(tmp_path, monkeypatch, capsys):
    """With GITHUB_STEP_SUMMARY set, a table is appended and failing tasks become annotations."""
    summary = tmp_path / "summary.md"
    monkeypatch.setenv(github.SUMMARY_ENV, str(summary))
    assert github.publish([sample_result()])
    assert "| ada | ch03 | 6 / 30 |" in summary.read_text()
    printed = capsys.readouterr().out
    assert "::error title=ch03 task 3.1 (failing)::merge: assert [1] == [2]" in printed
    assert "::warning title=ch03 task 3.2 (not started)" in printed


def test_roster_accepts_classroom_and_plain_columns(tmp_path):
    """GitHub Classroom's github_username and a plain student_id both work; folders map to students."""
    classroom = tmp_path / "classroom.csv"
    classroom.write_text("identifier,github_username,github_id,name\nx,ada,1,Ada\ny,bob,2,Bob\n")
    plain = tmp_path / "plain.csv"
    plain.write_text("student_id\nada\nbob\n")
    assert roster.read_roster(classroom) == roster.read_roster(plain) == ["ada", "bob"]
    owners, missing, unknown = roster.match(["hw-ada", "eve"], ["ada", "bob"])
    assert owners == {"hw-ada": "ada"} and missing == ["bob"] and unknown == ["eve"]


def test_atomic_write_leaves_no_temporary_file(tmp_path):
    """The target appears whole and no temporary file is left behind."""
    atomic.write_json(tmp_path / "a" / "r.json", {"x": 1})
    assert json.loads((tmp_path / "a" / "r.json").read_text()) == {"x": 1}
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["r.json"]


@pytest.mark.slow
def test_a_killed_class_run_resumes_without_losing_anything(tmp_path):
    """Kill `grader grade CLASS` after the first student finishes: nothing finished is lost,
    nothing is half-written, and the re-run grades only the rest."""
    class_dir = tmp_path / "class"
    for student in ("s1", "s2", "s3", "s4"):
        copy_chapter(REPO_ROOT / "exercises" / "ch03", class_dir / student / "exercises" / "ch03")
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "grader.cli",
        "grade",
        str(class_dir),
        "--out",
        str(out),
        "--workers",
        "1",
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 240
    while not list(out.glob("*/results.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished = sorted(p.parent.name for p in out.glob("*/results.json"))
    assert 1 <= len(finished) < 4
    assert not list(out.rglob("*.tmp")), "a half-written file was left behind"
    before = {name: (out / name / "results.json").read_text() for name in finished}

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout[-2000:]
    assert f"{len(finished)} already graded" in rerun.stdout
    assert {name: (out / name / "results.json").read_text() for name in finished} == before
    rows = list(csv.DictReader((out / "gradebook.csv").open()))
    assert sorted(r["student_id"] for r in rows) == ["s1", "s2", "s3", "s4"]


def test_a_partial_grade_does_not_stand_in_for_a_full_one():
    """A result graded with `--tasks 8.3` is kept for the same request, re-graded for the chapter."""

    def result(task_ids):
        tests = [GradedTest(f"ch08/test_x.py::t{i}", i, "passed", 1, 1) for i in task_ids]
        return SubmissionResult("s", [ChapterResult("ch08", tests, 1.0)], 1.0, "2026-12-04")

    partial, full = result(["8.3"]), result([t.id for t in catalog.chapter("ch08").tasks])
    assert covers(partial, ["ch08"], frozenset({"8.3"}))
    assert not covers(partial, ["ch08"], None)
    assert not covers(partial, ["ch08"], frozenset({"8.3", "8.4"}))
    assert covers(full, ["ch08"], None) and not covers(full, ["ch03", "ch08"], None)
