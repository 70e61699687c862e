"""Example submissions built from the course itself, so they can never drift from it.

* the demo class (`grader demo`): `reference` (the solutions), `untouched` (the stubs as handed
  out), and one student per chosen known-wrong variant;
* the hostile catalog (`examples/hostile/catalog.toml`, `grader demo --hostile`): tiny changes to
  the reference that try to crash, hang or fool the grader, each with its expected outcome.

A variant or hostile change is code appended to a module of the reference, which is what the
loader does when it runs a variant inside the module's namespace.
"""

import shutil
from pathlib import Path

import tomllib

from .loader import REPO_ROOT, variant_file

DEMO_VARIANTS = ("tie_break_smaller", "decode_per_token")
HOSTILE_CATALOG = REPO_ROOT / "examples" / "hostile" / "catalog.toml"


def hostile_cases() -> dict[str, dict]:
    return tomllib.loads(HOSTILE_CATALOG.read_text("utf-8"))


def build_demo_class(destination: Path, chapters: list[str], hostile: bool = False) -> Path:
    """Write the example class under `destination` (replacing it); returns that folder."""
    if destination.exists():
        shutil.rmtree(destination)
    destination.mkdir(parents=True)
    for slug in chapters:
        copy_chapter(REPO_ROOT / "solutions" / slug, destination / "reference" / "exercises" / slug)
        copy_chapter(REPO_ROOT / "exercises" / slug, destination / "untouched" / "exercises" / slug)
    for name in DEMO_VARIANTS:
        if variant_file(name).parent.parent.name in chapters:
            build_reference_with_changes(destination / f"variant-{name}", chapters, {"variant": name})
    if hostile:
        for name, case in hostile_cases().items():
            build_reference_with_changes(destination / f"hostile-{name}", chapters, case)
    return destination


def build_reference_with_changes(student: Path, chapters: list[str], case: dict) -> None:
    """A submission: the reference of `chapters`, changed as `case` says (see the catalog)."""
    student.mkdir(parents=True)
    if case.get("empty"):
        return
    for slug in chapters:
        copy_chapter(REPO_ROOT / "solutions" / slug, student / "exercises" / slug)
    if "variant" in case:
        path = variant_file(case["variant"])
        _append(
            student / "exercises" / path.parent.parent.name / f"{path.parent.name}.py",
            path.read_text("utf-8"),
        )
    chapter = student / "exercises" / "ch03"
    if "append" in case:
        _append(chapter / f"{case['append']['module']}.py", case["append"]["code"])
    for name in case.get("remove", []):
        (chapter / name).unlink()
    for old, new in case.get("rename", {}).items():
        (chapter / old).rename(chapter / new)
    for relative, text in case.get("files", {}).items():
        (student / relative).parent.mkdir(parents=True, exist_ok=True)
        (student / relative).write_text(text, "utf-8")
    if case.get("non_utf8_name"):
        (chapter / "notes-\udcff\udcfe.txt").write_text("a file name that is not UTF-8\n", "utf-8")


def copy_chapter(source: Path, target: Path) -> None:
    """Copy a chapter's modules (not its tests)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in source.glob("*.py"):
        if not path.name.startswith("test_"):
            shutil.copyfile(path, target / path.name)


def _append(module: Path, code: str) -> None:
    module.write_text(module.read_text("utf-8") + "\n\n" + code, "utf-8")
