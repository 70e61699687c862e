"""A small example class built from the course itself, so `grader demo` has something real to grade.

Students: `reference` (the solutions), `untouched` (the stubs as handed out) and one student per
chosen known-wrong variant (the reference with that bug, as a learner would have written it).
Built from the sources on every run, so it can never drift from them.
"""

import shutil
from pathlib import Path

from .loader import REPO_ROOT, variant_file

DEMO_VARIANTS = ("tie_break_smaller", "decode_per_token")


def build_demo_class(destination: Path, chapters: list[str]) -> Path:
    """Write the example class under `destination`; returns its folder."""
    if destination.exists():
        shutil.rmtree(destination)
    for slug in chapters:
        _copy_chapter(REPO_ROOT / "solutions" / slug, destination / "reference" / "exercises" / slug)
        _copy_chapter(REPO_ROOT / "exercises" / slug, destination / "untouched" / "exercises" / slug)
    for name in DEMO_VARIANTS:
        path = variant_file(name)
        slug, module = path.parent.parent.name, path.parent.name
        if slug not in chapters:
            continue
        student = destination / f"variant-{name.replace('_', '-')}" / "exercises"
        for chapter in chapters:
            _copy_chapter(REPO_ROOT / "solutions" / chapter, student / chapter)
        target = student / slug / f"{module}.py"
        # Running the variant after the module is what the loader does; appending does the same.
        target.write_text(target.read_text("utf-8") + "\n\n" + path.read_text("utf-8"), "utf-8")
    return destination


def _copy_chapter(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for path in source.glob("*.py"):
        if not path.name.startswith("test_"):
            shutil.copyfile(path, target / path.name)
