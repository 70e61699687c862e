"""An audit hook that stops submitted code from reaching outside its sandbox.

Installed by the grading plugin before any submitted code is imported. Python calls the hook on
sensitive operations (`sys.addaudithook`; it cannot be removed). When submitted code is on the
call stack, the hook refuses:

* starting processes (`os.fork`, `subprocess`, `os.system`, `os.exec*`, ...): no fork bombs;
* starting threads: a thread whose target is a built-in (`os.system`, `shutil.copyfile`) would
  run with no submitted frame on its stack, out of this hook's sight;
* network access (`socket.connect`, `socket.bind`, name look-ups);
* opening the course's own files (hidden suites, reference solutions, the grader) or writing
  any file outside the sandbox; renaming, deleting, linking or changing the metadata of any
  path outside it (another student's sandbox included);
* setting attributes on classes of pytest, pluggy, hypothesis or the grader (no monkeypatched
  reporting).

The suite's own code (no submitted frame on the stack) is not restricted. This raises the bar;
it is not a security boundary against code that uses ctypes or reads process memory (see
docs/grading.md, "Threat model").
"""

import _thread
import os
import sys
import threading

SPAWN_EVENTS = frozenset(
    {
        "os.fork",
        "os.forkpty",
        "os.system",
        "os.exec",
        "os.spawn",
        "os.posix_spawn",
        "subprocess.Popen",
        "pty.spawn",
    }
)
NETWORK_EVENTS = frozenset(
    {"socket.connect", "socket.bind", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto"}
)
PROTECTED_MODULE_PREFIXES = ("_pytest", "pytest", "pluggy", "hypothesis", "grader")
# event -> positions of the path arguments that must stay inside the writable folders
PATH_EVENTS = {
    "os.rename": (0, 1),
    "os.remove": (0,),
    "os.rmdir": (0,),
    "os.mkdir": (0,),
    "os.symlink": (1,),
    "os.link": (1,),
    "os.truncate": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.utime": (0,),
    "shutil.rmtree": (0,),
    "shutil.move": (0, 1),
}


class SandboxViolation(PermissionError):
    """Submitted code tried something the grading sandbox does not allow."""


def install(sandbox: str, protected: list[str]) -> None:
    """Guard the process: `sandbox` holds the submitted code; `protected` folders are off-limits."""
    sandbox = os.path.realpath(sandbox) + os.sep
    protected = tuple(os.path.realpath(p) + os.sep for p in protected)
    writable = (sandbox, os.path.realpath(os.environ.get("TMPDIR", sandbox)) + os.sep, "/dev/null")
    getframe = sys._getframe

    def submitted_code_on_stack() -> bool:
        frame = getframe(2)
        while frame is not None:
            filename = frame.f_code.co_filename
            if filename.startswith(sandbox) or str(frame.f_globals.get("__file__", "")).startswith(sandbox):
                return True
            frame = frame.f_back
        return False

    def refuse(what: str) -> None:
        raise SandboxViolation(f"not allowed while grading: {what}")

    def outside(path) -> str | None:
        """The resolved path if it is outside the writable folders (an fd or None counts as inside)."""
        if not isinstance(path, str | bytes):
            return None
        path = os.path.realpath(os.fsdecode(path))
        return None if (path + os.sep).startswith(writable) or path.startswith(writable) else path

    def hook(event: str, args: tuple) -> None:
        if event in SPAWN_EVENTS:
            if submitted_code_on_stack():
                refuse("starting a process")
        elif event in PATH_EVENTS:
            paths = [outside(args[i]) for i in PATH_EVENTS[event] if i < len(args)]
            if any(paths) and submitted_code_on_stack():
                refuse(f"changing a path outside the sandbox ({next(p for p in paths if p)})")
        elif event in NETWORK_EVENTS:
            if submitted_code_on_stack():
                refuse("network access")
        elif event == "open":
            path, mode = args[0], args[1]
            if not isinstance(path, str | bytes) or not submitted_code_on_stack():
                return
            path = os.path.realpath(os.fsdecode(path))
            if (path + os.sep).startswith(protected) or path.startswith(protected):
                refuse(f"opening the course's file {path}")
            flags = args[2] if isinstance(args[2], int) else 0
            writing = flags & (os.O_WRONLY | os.O_RDWR) or (
                isinstance(mode, str) and any(c in mode for c in "wax+")
            )
            if writing and not path.startswith(writable):
                refuse(f"writing outside the sandbox ({path})")
        elif event == "object.__setattr__":
            target = args[0]
            module = getattr(target, "__module__", "") if isinstance(target, type) else ""
            if (
                isinstance(module, str)
                and module.startswith(PROTECTED_MODULE_PREFIXES)
                and submitted_code_on_stack()
            ):
                refuse(f"changing {module}.{target.__name__}")

    sys.addaudithook(hook)
    _guard_threads(submitted_code_on_stack, refuse)


def _guard_threads(submitted_code_on_stack, refuse) -> None:
    """Python raises no audit event for a new thread: wrap the one function every thread starts with."""
    start = _thread.start_new_thread

    def start_new_thread(function, args, *kwargs):
        if submitted_code_on_stack():
            refuse("starting a thread")
        return start(function, args, *kwargs)

    _thread.start_new_thread = threading._start_new_thread = start_new_thread
