"""Results grouped by task: the unit a learner thinks in."""

from dataclasses import dataclass

from .. import catalog, outcomes
from ..results import ChapterResult, GradedTest


@dataclass
class TaskSummary:
    task: catalog.Task
    tests: list[GradedTest]

    @property
    def points(self) -> float:
        return sum(t.points for t in self.tests)

    @property
    def max_points(self) -> float:
        return sum(t.max_points for t in self.tests)

    @property
    def points_label(self) -> str:
        """'8 / 10', or '+8 / 20 bonus' for a bonus task."""
        label = f"{self.points:g} / {self.max_points:g}"
        return f"+{label} bonus" if self.task.bonus else label

    @property
    def status(self) -> str:
        statuses = {t.status for t in self.tests}
        if statuses == {outcomes.PASSED}:
            return "passing"
        if statuses == {outcomes.NOT_STARTED}:
            return "not started"
        return "failing"

    @property
    def first_problem(self) -> GradedTest | None:
        return next((t for t in self.tests if t.status != outcomes.PASSED), None)


def by_task(chapter: ChapterResult) -> list[TaskSummary]:
    return [
        TaskSummary(catalog.task(task_id), [t for t in chapter.tests if t.task == task_id])
        for task_id in chapter.task_ids()
    ]


def test_label(test: GradedTest) -> str:
    """A readable name for a hidden test: its function name, without `test_` and parameters."""
    function = test.name.split("::")[-1].split("[")[0]
    return function.removeprefix("test_").replace("_", " ")
