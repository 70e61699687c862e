"""`grader status`: one row per chapter, from the visible tests, with the next task to work on."""

from grader import catalog
from grader.cli import main
from grader.status import visible_progress


def test_untouched_stubs_show_no_task_done_and_the_first_task_next():
    """On the handed-out stubs every chapter has 0 tasks passing and starts at its first task."""
    progress = visible_progress()
    assert [entry.chapter.slug for entry in progress] == [c.slug for c in catalog.CHAPTERS if c.tasks]
    for entry in progress:
        assert entry.passing() == [] and entry.points == 0
        assert entry.next_task == entry.chapter.tasks[0]


def test_a_bug_names_its_task_and_first_hint():
    """A known-wrong tie-break: Task 3.2 is next, with the failing test's assertion as its hint."""
    (entry,) = visible_progress("variant:tie_break_smaller", ["ch03"])
    assert len(entry.passing()) == len(entry.chapter.tasks) - 1
    assert entry.next_task.id == "3.2"
    assert entry.tasks["3.2"]["status"] == "failing"
    assert entry.tasks["3.2"]["hint"].startswith("ties_go_to_the_lexicographically_greater_pair: assert")


def test_the_command_shows_the_reference_complete(capsys):
    """`grader status --impl solutions` prints a row per chapter with all of its tasks passing."""
    assert main(["status", "--impl", "solutions"]) == 0
    out = capsys.readouterr().out
    for chapter in (c for c in catalog.CHAPTERS if c.tasks):
        assert f"{len(chapter.tasks)} / {len(chapter.tasks)}" in out and chapter.title.split()[0] in out
