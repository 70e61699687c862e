"""The stubs in exercises/ are exactly what `grader stubs` makes from solutions/."""

import pytest

from grader import stubs

CHAPTERS = stubs.chapters_with_solutions()


@pytest.mark.parametrize("slug", CHAPTERS)
def test_exercises_are_in_sync_with_solutions(slug):
    """No stub has drifted from its reference (maintainers: `grader stubs --force`)."""
    assert stubs.drifted(slug) == []


def test_a_region_becomes_a_named_not_implemented_error():
    """The marked region is replaced, indented, with the task's id and title."""
    source = "def f():\n    '''Doc.'''\n    ### BEGIN SOLUTION 3.1\n    return 1\n    ### END SOLUTION\n"
    assert stubs.render_stub(source) == (
        "def f():\n    '''Doc.'''\n"
        '    raise NotImplementedError("Task 3.1: count adjacent pairs and merge a pair")\n'
    )


@pytest.mark.parametrize(
    "source",
    [
        "### BEGIN SOLUTION 3.1\nx = 1\n",  # never closed
        "### END SOLUTION\n",  # never opened
        "### BEGIN SOLUTION\n### END SOLUTION\n",  # no task id
        "### BEGIN SOLUTION 3.1\n### BEGIN SOLUTION 3.2\n### END SOLUTION\n",  # nested
    ],
)
def test_malformed_markers_are_refused(source):
    """Unbalanced, nested or task-less markers raise MarkerError instead of a broken stub."""
    with pytest.raises(stubs.MarkerError):
        stubs.render_stub(source)


@pytest.mark.parametrize("slug", CHAPTERS)
def test_every_stub_imports_and_names_its_task(slug):
    """Stub modules import cleanly, and every region names a task of the catalog."""
    for path, text in stubs.expected_stubs(slug).items():
        compile(text, str(path), "exec")
    sources = (stubs.REPO_ROOT / "solutions" / slug).glob("*.py")
    assert any("### BEGIN SOLUTION" in p.read_text() for p in sources)
