"""A fresh, private copy of a submission to grade: the original is never touched.

Only regular files under the submission's `exercises/` folder are copied (symbolic links,
devices and anything above the size cap are left out), so a submission cannot reach another
student's files through a link or fill the disk.
"""

import os
import shutil
from pathlib import Path

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 64 * 1024 * 1024


class SubmissionError(ValueError):
    """A submission that cannot be graded at all (no exercises, too large, ...)."""


def exercises_folder(submission: Path) -> Path:
    """A submission is a checkout with `exercises/`, or the `exercises/` folder itself."""
    if (submission / "exercises").is_dir():
        return submission / "exercises"
    if any(submission.glob("ch[0-9][0-9]")):
        return submission
    raise SubmissionError(f"no exercises/ folder in {submission}")


def copy_submission(submission: Path, destination: Path) -> list[str]:
    """Copy the submission's exercises into `destination`/exercises; returns notes on what was left out."""
    source = exercises_folder(submission)
    notes: list[str] = []
    total = 0
    for root, directories, files in os.walk(source, followlinks=False):
        directories[:] = [d for d in directories if not d.startswith(".") and d != "__pycache__"]
        target_root = destination / "exercises" / Path(root).relative_to(source)
        target_root.mkdir(parents=True, exist_ok=True)
        for name in files:
            path = Path(root) / name
            if path.is_symlink() or not path.is_file():
                notes.append(f"left out {path.relative_to(source)}: not a regular file")
                continue
            size = path.stat().st_size
            if size > MAX_FILE_BYTES or total + size > MAX_TOTAL_BYTES:
                notes.append(f"left out {path.relative_to(source)}: too large ({size} bytes)")
                continue
            total += size
            shutil.copyfile(path, target_root / name)
    return notes
