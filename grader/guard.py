"""An audit hook that stops submitted code from reaching outside its sandbox.

Installed by the grading plugin before any submitted code is imported. Python calls the hook on
sensitive operations (`sys.addaudithook`; it cannot be removed). Whoever asks, it refuses:

* starting processes (`os.fork`, `subprocess`, `os.system`, `os.exec*`, ...): no fork bombs;
  only `python -c PROGRAM` with a program a hidden suite registered while it was collected;
* network access (`socket.connect`, `socket.bind`, name look-ups);
* signals to any other process (the grader, a classmate's tests);
* creating, writing, truncating, renaming, deleting, linking or changing the metadata of any
  path outside the sandbox (another student's sandbox included).

A callback (a thread's target, a finalizer, an exit handler) can run a built-in such as
`os.system` with no submitted frame on the stack, so these do not depend on who is calling.
When submitted code is on the call stack, it also refuses:

* starting threads;
* paths relative to a directory descriptor (`dir_fd`), which the audit events cannot resolve;
* opening the course's own files (hidden suites, reference solutions, the grader);
* setting attributes on classes of pytest, pluggy, hypothesis or the grader (no monkeypatched
  reporting).

`os.open` (its `dir_fd`), `os.mkfifo`, `os.mknod` and new threads raise no audit event that
says enough: those functions are wrapped instead. This raises the bar; it is not a security
boundary against code that uses ctypes or reads process memory (see docs/grading.md, "Threat
model").
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
# event -> (positions of path arguments that must stay inside the sandbox, positions of dir_fd)
PATH_EVENTS = {
    "os.rename": ((0, 1), (2, 3)),
    "os.remove": ((0,), (1,)),
    "os.rmdir": ((0,), (1,)),
    "os.mkdir": ((0,), (2,)),
    "os.symlink": ((1,), (2,)),
    "os.link": ((1,), (2, 3)),
    "os.truncate": ((0,), ()),
    "os.chmod": ((0,), (2,)),
    "os.chown": ((0,), (3,)),
    "os.utime": ((0,), (3,)),
    "os.setxattr": ((0,), ()),
    "os.removexattr": ((0,), ()),
    "shutil.rmtree": ((0,), (1,)),
    "shutil.move": ((0, 1), ()),
}
KILL_EVENTS = frozenset({"os.kill", "os.killpg", "signal.pthread_kill"})
NO_DIR_FD = (None, -1, -100)  # what the audit events report when no dir_fd was given
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def trust_program(program: str) -> None:
    """A hidden suite may start `python -c program` (the guard then decides; unguarded: no-op)."""


def seal_trusted_programs() -> None:
    """After collection no more programs are trusted (the guard then decides; unguarded: no-op)."""


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

    trusted: set[str] = set()
    sealed = False

    def trust(program: str) -> None:
        if sealed:
            refuse("trusting a program once the suite is collected")
        trusted.add(program)

    def seal() -> None:
        nonlocal sealed
        sealed = True

    def trusted_program(argv) -> bool:
        """`python -c PROGRAM ...` with a program a hidden suite registered before any test ran."""
        argv = list(argv) if isinstance(argv, list | tuple) else []
        return len(argv) >= 3 and argv[0] == sys.executable and argv[1] == "-c" and argv[2] in trusted

    global trust_program, seal_trusted_programs
    trust_program, seal_trusted_programs = trust, seal

    def outside(path) -> str | None:
        """The resolved path if it is outside the writable folders (an fd or None counts as inside)."""
        if not isinstance(path, str | bytes):
            return None
        path = os.path.realpath(os.fsdecode(path))
        return None if (path + os.sep).startswith(writable) or path.startswith(writable) else path

    def hook(event: str, args: tuple) -> None:
        if event in SPAWN_EVENTS:
            if not (event == "subprocess.Popen" and trusted_program(args[1])):
                refuse("starting a process")
        elif event in NETWORK_EVENTS:
            refuse("network access")
        elif event in KILL_EVENTS:
            own = {"os.kill": (0, os.getpid()), "os.killpg": (os.getpgid(0),)}.get(event, ())
            if args[0] not in own:  # a thread id for signal.pthread_kill: never allowed
                refuse(f"sending a signal to another process ({args[0]})")
        elif event in PATH_EVENTS:
            paths, dir_fds = PATH_EVENTS[event]
            outside_paths = [outside(args[i]) for i in paths if i < len(args)]
            if any(outside_paths):
                refuse(f"changing a path outside the sandbox ({next(p for p in outside_paths if p)})")
            if any(i < len(args) and args[i] not in NO_DIR_FD for i in dir_fds) and submitted_code_on_stack():
                refuse("paths relative to a directory descriptor (dir_fd)")
        elif event == "open":
            path, mode = args[0], args[1]
            if not isinstance(path, str | bytes):
                return
            path = os.path.realpath(os.fsdecode(path))
            flags = args[2] if isinstance(args[2], int) else 0
            writing = flags & WRITE_FLAGS or (isinstance(mode, str) and any(c in mode for c in "wax+"))
            if writing and outside(path):
                refuse(f"writing outside the sandbox ({path})")
            if (
                (path + os.sep).startswith(protected) or path.startswith(protected)
            ) and submitted_code_on_stack():
                refuse(f"opening the course's file {path}")
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
    _guard_unaudited_files(submitted_code_on_stack, refuse, outside)


def _guard_threads(submitted_code_on_stack, refuse) -> None:
    """Python raises no audit event for a new thread: wrap the one function every thread starts with."""
    start = _thread.start_new_thread

    def start_new_thread(function, args, *kwargs):
        if submitted_code_on_stack():
            refuse("starting a thread")
        return start(function, args, *kwargs)

    _thread.start_new_thread = threading._start_new_thread = start_new_thread


def _guard_unaudited_files(submitted_code_on_stack, refuse, outside) -> None:
    """`os.open` reports no `dir_fd` to the audit hook, and `os.mkfifo`/`os.mknod` raise no event:
    wrap them in `os` and `posix` alike."""
    import posix

    real_open, real_mkfifo, real_mknod = os.open, os.mkfifo, os.mknod

    def open(path, flags, mode=0o777, *, dir_fd=None):  # noqa: A001  (os.open's own name)
        if dir_fd not in NO_DIR_FD and submitted_code_on_stack():
            refuse("paths relative to a directory descriptor (dir_fd)")
        return real_open(path, flags, mode, dir_fd=dir_fd)

    def mkfifo(path, mode=0o666, *, dir_fd=None):
        if dir_fd not in NO_DIR_FD or outside(path):
            refuse(f"creating a named pipe outside the sandbox ({path})")
        return real_mkfifo(path, mode)

    def mknod(path, mode=0o600, device=0, *, dir_fd=None):
        if dir_fd not in NO_DIR_FD or outside(path):
            refuse(f"creating a device node outside the sandbox ({path})")
        return real_mknod(path, mode, device)

    for module in (os, posix):
        module.open, module.mkfifo, module.mknod = open, mkfifo, mknod
