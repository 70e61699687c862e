"""The one way a test reaches the code under test.

Tests never import `exercises` or `solutions` directly. They ask for a module by chapter and
name, and the loader serves the implementation chosen for the run:

    exercises              the learner's files (default)            pytest exercises/ch03
    solutions              the reference                             ... --impl solutions
    PATH                   a submission: PATH/exercises (or PATH)    ... --impl ../alice
    variant:NAME           the reference with a known bug patched in ... --impl variant:wrong_tie_break

    pairs = implementation("ch03.pairs")   # a lazy module: loaded at first use of a public name

Loading is lazy so that a syntax error in one learner file fails the tests that use it, with a
plain message, instead of stopping the whole run at collection.
"""

import hashlib
import importlib
import importlib.util
import os
import sys
import traceback
from pathlib import Path
from types import ModuleType

from _pytest.outcomes import OutcomeException

IMPL_ENV = "LLMDD_IMPL"
REPO_ROOT = Path(__file__).resolve().parent.parent
VARIANTS_ROOT = Path(__file__).resolve().parent / "variants"

_selected = os.environ.get(IMPL_ENV, "exercises")
_packages: dict[str, str] = {}  # impl spec -> name of the synthetic package that holds it


class ImplementationError(ImportError):
    """The code under test cannot be loaded: missing file, syntax error, crash at import."""


def select(spec: str) -> None:
    """Choose the implementation later `implementation()` calls load."""
    global _selected
    _selected = spec


def selected() -> str:
    return _selected


def implementation(module: str) -> "LazyModule":
    """The module `module` ("ch03.tokenizer") of the selected implementation."""
    return LazyModule(module)


class LazyModule:
    """Stands for a module of the implementation; imports it when an attribute is first read."""

    def __init__(self, module: str) -> None:
        self._name = module

    def __getattr__(self, attribute: str):
        if attribute.startswith("_"):
            # pytest and other tools probe module-level objects for private markers while
            # collecting; answering those must not run the learner's code.
            raise AttributeError(attribute)
        module = load(self._name)
        try:
            return getattr(module, attribute)
        except AttributeError:
            raise ImplementationError(
                f"{_display_path(module)} has no `{attribute}`: was it renamed or deleted?"
            ) from None

    def __repr__(self) -> str:
        return f"<implementation {self._name} from {_selected!r}>"


def load(module: str, spec: str | None = None) -> ModuleType:
    """Import `module` ("ch03.pairs") from implementation `spec` (default: the selected one)."""
    spec = spec or _selected
    chapter, _, name = module.partition(".")
    package = _package_for(spec, chapter)
    qualified = f"{package}.{name}"
    if qualified in sys.modules:
        return sys.modules[qualified]
    try:
        return importlib.import_module(qualified)
    except ModuleNotFoundError as error:
        if error.name and error.name.startswith(package):
            sys.modules.pop(qualified, None)
            raise ImplementationError(f"{_describe(spec, chapter)} has no module {name}.py") from None
        raise _import_failure(qualified, error, implementation_root(spec)) from None
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # any crash or exit while the module runs at import time
        if isinstance(error, OutcomeException):  # pytest's own, e.g. pytest-timeout stopping the import
            raise
        sys.modules.pop(qualified, None)
        raise _import_failure(qualified, error, implementation_root(spec)) from None


def implementation_root(spec: str) -> Path:
    """The folder holding the chapter folders (`ch03/`, ...) of implementation `spec`."""
    if spec in ("exercises", "solutions"):
        return REPO_ROOT / spec
    if spec.startswith("variant:"):
        return REPO_ROOT / "solutions"
    path = Path(spec).expanduser().resolve()
    return path / "exercises" if (path / "exercises").is_dir() else path


def variant_file(name: str) -> Path:
    """`grader/variants/chNN/<module>/<name>.py`: a known bug, patched into that module."""
    matches = sorted(VARIANTS_ROOT.glob(f"ch*/*/{name}.py"))
    if len(matches) != 1:
        raise ImplementationError(f"no variant named {name!r} (found {len(matches)} matches)")
    return matches[0]


def _package_for(spec: str, chapter: str) -> str:
    """Create (once) a synthetic package `_impl_<hash>.<chapter>` for the spec's chapter folder."""
    key = f"{spec}::{chapter}"
    if key in _packages:
        return _packages[key]
    root = implementation_root(spec)
    name = "_impl_" + hashlib.sha1(key.encode()).hexdigest()[:12]
    _new_package(name, None)
    chapter_dir = root / chapter
    if not chapter_dir.is_dir():
        if not root.is_dir() and root == REPO_ROOT / "solutions":
            raise ImplementationError("the reference solutions are not part of this copy of the course")
        raise ImplementationError(f"{_describe(spec, chapter)}: folder {chapter_dir} not found")
    _new_package(f"{name}.{chapter}", chapter_dir)
    _packages[key] = f"{name}.{chapter}"
    if spec.startswith("variant:"):
        _apply_variant(spec.removeprefix("variant:"), f"{name}.{chapter}")
    return _packages[key]


def _new_package(name: str, directory: Path | None) -> None:
    init = directory / "__init__.py" if directory else None
    if init and init.is_file():
        module_spec = importlib.util.spec_from_file_location(
            name, init, submodule_search_locations=[str(directory)]
        )
        package = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = package
        module_spec.loader.exec_module(package)
    else:  # a bare folder still works as a package
        package = ModuleType(name)
        package.__path__ = [str(directory)] if directory else []
        sys.modules[name] = package


def _apply_variant(name: str, package: str) -> None:
    """Import the module the variant targets, then run the variant's code in its namespace."""
    path = variant_file(name)
    target = importlib.import_module(f"{package}.{path.parent.name}")
    code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    exec(code, target.__dict__)


def _describe(spec: str, chapter: str) -> str:
    return f"implementation {spec!r}, chapter {chapter}"


def _display_path(module: ModuleType) -> str:
    path = Path(getattr(module, "__file__", "") or "?")
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _import_failure(qualified: str, error: BaseException, root: Path) -> ImplementationError:
    """A short message for an import that crashed: where in the learner's files, and what."""
    module = qualified.split(".", 1)[1]
    if isinstance(error, SyntaxError):
        return ImplementationError(f"syntax error in {error.filename}, line {error.lineno}: {error.msg}")
    if isinstance(error, SystemExit):
        return ImplementationError(f"importing {module} exited the program (SystemExit {error})")
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith(str(root))]
    where = f" ({frames[-1].filename}, line {frames[-1].lineno})" if frames else ""
    return ImplementationError(f"importing {module} failed{where}: {type(error).__name__}: {error}")
