"""What grading produces, as plain data with a versioned JSON form (`results.json`)."""

from dataclasses import asdict, dataclass, field

from . import __version__, outcomes, profiles

SCHEMA = "llm-deep-dive/results"
SCHEMA_VERSION = 1


@dataclass
class GradedTest:
    name: str  # the test's node id in the hidden suite, e.g. "ch03/test_pairs.py::test_x"
    task: str | None
    status: str  # one of outcomes.STATUSES
    points: float
    max_points: float
    message: str = ""
    bonus: bool = False  # a bonus task's test: its points count, its maximum does not
    claim: str = ""  # what the test checks (its docstring), the hint a student reads


@dataclass
class ChapterResult:
    chapter: str
    tests: list[GradedTest]
    duration_seconds: float
    warnings: list[str] = field(default_factory=list)  # e.g. tampering noticed
    output: str = ""  # what the tests printed, capped

    @property
    def points(self) -> float:
        return sum(test.points for test in self.tests)

    @property
    def max_points(self) -> float:
        """Full marks: bonus tests can add points on top of this."""
        return sum(test.max_points for test in self.tests if not test.bonus)

    @property
    def bonus_points(self) -> float:
        """Points earned on bonus tasks (included in `points`)."""
        return sum(test.points for test in self.tests if test.bonus)

    def task_ids(self) -> list[str]:
        return sorted({t.task for t in self.tests if t.task}, key=lambda i: tuple(map(int, i.split("."))))


@dataclass
class SubmissionResult:
    student: str
    chapters: list[ChapterResult]
    duration_seconds: float
    graded_at: str
    problems: list[str] = field(default_factory=list)  # the submission as a whole, e.g. empty

    @property
    def points(self) -> float:
        return sum(chapter.points for chapter in self.chapters)

    @property
    def bonus_points(self) -> float:
        return sum(chapter.bonus_points for chapter in self.chapters)

    @property
    def max_points(self) -> float:
        return sum(chapter.max_points for chapter in self.chapters)

    def to_json(self) -> dict:
        return {
            "schema": SCHEMA,
            "schema_version": SCHEMA_VERSION,
            "grader_version": __version__,
            "hypothesis": {
                "profile": profiles.GRADING,
                "derandomize": True,
                "max_examples": profiles.GRADING_MAX_EXAMPLES,
            },
            "student": self.student,
            "graded_at": self.graded_at,
            "duration_seconds": round(self.duration_seconds, 3),
            "points": self.points,
            "max_points": self.max_points,
            "problems": self.problems,
            "chapters": [
                {
                    "chapter": chapter.chapter,
                    "points": chapter.points,
                    "max_points": chapter.max_points,
                    "duration_seconds": round(chapter.duration_seconds, 3),
                    "warnings": chapter.warnings,
                    "output": chapter.output,
                    "tests": [asdict(test) for test in chapter.tests],
                }
                for chapter in self.chapters
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> "SubmissionResult":
        if data.get("schema") != SCHEMA or data.get("schema_version") != SCHEMA_VERSION:
            raise ValueError("not a results.json of this grader's schema version")
        chapters = [
            ChapterResult(
                chapter=c["chapter"],
                tests=[GradedTest(**t) for t in c["tests"]],
                duration_seconds=c["duration_seconds"],
                warnings=c["warnings"],
                output=c.get("output", ""),
            )
            for c in data["chapters"]
        ]
        return cls(data["student"], chapters, data["duration_seconds"], data["graded_at"], data["problems"])


def score(status: str, max_points: float) -> float:
    """All or nothing per test: partial credit comes from a chapter having many tests."""
    return max_points if status == outcomes.PASSED else 0.0
