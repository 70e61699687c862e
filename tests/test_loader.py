"""The loader serves the chosen implementation and explains, in one line, why it cannot."""

import pytest

from grader import loader


def make_submission(tmp_path, files):
    chapter = tmp_path / "exercises" / "ch03"
    chapter.mkdir(parents=True)
    for name, text in files.items():
        (chapter / name).write_text(text)
    return str(tmp_path)


def test_solutions_and_exercises_are_different_code():
    """`solutions` has the reference; `exercises` has the stub."""
    assert loader.load("ch03.pairs", "solutions").pair_counts([1, 2]) == {(1, 2): 1}
    with pytest.raises(NotImplementedError, match="Task 3.1"):
        loader.load("ch03.pairs", "exercises").pair_counts([1, 2])


def test_a_submission_path_is_loaded_from_its_exercises_folder(tmp_path):
    """--impl PATH reads PATH/exercises/chNN, relative imports included."""
    spec = make_submission(
        tmp_path,
        {
            "helper.py": "VALUE = 41\n",
            "pairs.py": "from .helper import VALUE\nANSWER = VALUE + 1\n",
        },
    )
    assert loader.load("ch03.pairs", spec).ANSWER == 42


def test_a_syntax_error_names_file_and_line(tmp_path):
    """A syntax error becomes an ImplementationError with the file and line."""
    spec = make_submission(tmp_path, {"pairs.py": "def broken(:\n"})
    with pytest.raises(loader.ImplementationError, match=r"syntax error in .*pairs.py, line 1"):
        loader.load("ch03.pairs", spec)


def test_a_missing_module_is_named(tmp_path):
    """A renamed or deleted file is reported by name."""
    spec = make_submission(tmp_path, {"other.py": ""})
    with pytest.raises(loader.ImplementationError, match="no module pairs.py"):
        loader.load("ch03.pairs", spec)


def test_a_crash_or_exit_at_import_is_reported(tmp_path):
    """An exception or sys.exit while importing becomes an ImplementationError."""
    spec = make_submission(
        tmp_path,
        {"pairs.py": "raise RuntimeError('boom')\n", "training.py": "import sys; sys.exit(3)\n"},
    )
    with pytest.raises(loader.ImplementationError, match="RuntimeError: boom"):
        loader.load("ch03.pairs", spec)
    with pytest.raises(loader.ImplementationError, match="exited"):
        loader.load("ch03.training", spec)


def test_a_missing_function_is_named(tmp_path):
    """Reading a function the module lacks names the module and the function."""
    spec = make_submission(tmp_path, {"pairs.py": "X = 1\n"})
    loader.select(spec)
    try:
        with pytest.raises(loader.ImplementationError, match="has no `merge_pair`"):
            _ = loader.implementation("ch03.pairs").merge_pair
    finally:
        loader.select("exercises")


def test_unknown_variants_are_refused():
    """variant:NAME must name exactly one known variant."""
    with pytest.raises(loader.ImplementationError, match="no variant"):
        loader.load("ch03.pairs", "variant:no_such_bug")


def test_collecting_a_suite_runs_no_submitted_code(tmp_path):
    """Collection only names tests: a submission whose every module exits at import still collects."""
    import subprocess
    import sys

    from grader.stubs import expected_stubs

    chapter = tmp_path / "exercises" / "ch03"
    chapter.mkdir(parents=True)
    for path in expected_stubs("ch03"):
        (chapter / path.name).write_text("import os\nos._exit(7)\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "grader/suites/ch03",
            "--impl",
            str(tmp_path),
        ],
        cwd=loader.REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "tests collected" in result.stdout, result.stdout[-1000:]


def test_variant_names_are_unique_across_the_course():
    """`--impl variant:NAME` names one file: no two chapters or modules reuse a name."""
    from collections import Counter

    names = Counter(path.stem for path in loader.VARIANTS_ROOT.glob("ch*/*/*.py"))
    assert [name for name, count in names.items() if count > 1] == []
