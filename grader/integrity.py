"""Notice submitted code rebinding names that grading relies on, and put them back.

`torch.allclose = lambda *a, **k: True`, `builtins.abs = ...` or `grader.outcomes.FAILED =
"passed"` would make wrong code pass every comparison, and Python has no audit event for
setting a module's attribute. So the grading plugin takes a snapshot of the watched namespaces
before any submitted code is imported and compares it after every test function: a name bound
to another object is tampering (the test is charged with it) and is restored, so the next
tests run with the real functions again.

Only names that existed at the snapshot are compared: a package importing a submodule for the
first time adds a name, which is not a change. torch rebinds a few of its own functions when a
subsystem is first imported (`torch._dynamo` wraps `torch.manual_seed`): in torch and numpy, a
function whose code lies inside the package itself is accepted as the package's own doing.
"""

import _thread
import builtins
import json
import json.decoder
import json.encoder
import math
import operator
import os
import sys
import threading
import types
from collections.abc import Callable

WATCHED_MODULES = (
    "torch", "torch.nn", "torch.nn.functional", "torch.testing", "torch.linalg", "torch.special",
    "torch.functional", "torch._C", "torch._C._nn", "torch._C._linalg", "torch._C._special", "numpy",
)  # fmt: skip
WATCHED_PREFIX = "grader"  # the grader and its suites, every module loaded so far
MISSING = object()


def _watched_classes() -> dict[str, type]:
    """Classes whose methods the suites call on results (a class's namespace is read-only: a
    change and its undoing both go through the class)."""
    torch = sys.modules.get("torch")
    if torch is None:
        return {}
    return {
        "torch.Tensor": torch.Tensor,
        "torch.nn.Module": torch.nn.Module,
        "torch._C.TensorBase": torch._C.TensorBase,
        "torch._C._VariableFunctionsClass": type(torch._C._VariableFunctions),
    }


def _namespaces() -> dict[str, dict]:
    """Name -> the live namespace (a module's dict, or a class's attribute mapping)."""
    stdlib = (_thread, builtins, json, json.decoder, json.encoder, math, operator, threading)
    spaces = {m.__name__: vars(m) for m in stdlib}
    loaded = [n for n in list(sys.modules) if n in WATCHED_MODULES or n.split(".")[0] == WATCHED_PREFIX]
    spaces.update({name: vars(sys.modules[name]) for name in loaded if sys.modules[name] is not None})
    spaces.update({name: cls.__dict__ for name, cls in _watched_classes().items()})
    return spaces


def watch() -> Callable[[], list[str]]:
    """Snapshot now; the returned check lists the names rebound since (and restores them)."""
    spaces, classes = _namespaces(), _watched_classes()
    snapshot = {space: dict(namespace) for space, namespace in spaces.items()}
    own_code = {
        top: os.path.dirname(sys.modules[top].__file__) + os.sep
        for top in ("torch", "numpy")
        if top in sys.modules
    }

    def check() -> list[str]:
        changed = []
        for space, saved in snapshot.items():
            namespace = spaces[space]
            for name, value in saved.items():
                current = namespace.get(name, MISSING)
                if current is value:
                    continue
                root = own_code.get(space.split(".")[0])
                if (
                    root
                    and type(current) is types.FunctionType
                    and current.__code__.co_filename.startswith(root)
                ):
                    saved[name] = current  # the package rewrapped its own function
                    continue
                changed.append(f"{space}.{name}")
                if space in classes:
                    setattr(classes[space], name, value)
                else:
                    namespace[name] = value
        return changed

    return check
