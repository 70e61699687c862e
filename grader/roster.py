"""Class rosters: which submission folder belongs to which student.

Accepted CSV columns, first match wins: `student_id` (plain), `github_username` or `identifier`
(GitHub Classroom's roster export). A submission folder belongs to a student when its name is the
student's id, or ends with `-<id>` (GitHub Classroom names repositories `<assignment>-<user>`).
"""

import csv
from pathlib import Path

ID_COLUMNS = ("student_id", "github_username", "identifier", "login")


def read_roster(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as file:
        reader = csv.DictReader(file)
        column = next((c for c in ID_COLUMNS if c in (reader.fieldnames or [])), None)
        if column is None:
            raise ValueError(f"{path}: no student column; expected one of {', '.join(ID_COLUMNS)}")
        return [row[column].strip() for row in reader if row.get(column, "").strip()]


def match(folders: list[str], roster: list[str]) -> tuple[dict[str, str], list[str], list[str]]:
    """Map folder -> student id; also the roster's missing students and unknown folders."""
    owner: dict[str, str] = {}
    for folder in folders:
        for student in roster:
            if folder == student or folder.endswith(f"-{student}"):
                owner[folder] = student
                break
    missing = [s for s in roster if s not in owner.values()]
    unknown = [f for f in folders if f not in owner]
    return owner, missing, unknown
