"""Run one chapter's hidden suite against one submission, in subprocesses, and gather outcomes.

The suite runs in a child `python -I -m pytest` with only the grader's plugin, a clean
environment, resource limits and its own process group. Results come back over a pipe (see
`grading_plugin`). If the child dies or hangs in a test, that test is charged with what
happened and a new child runs the tests that have not run yet, so one bad test never costs
the others.
"""

import json
import os
import queue
import secrets
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import grading_plugin, outcomes, privileges
from .limits import Limits
from .loader import IMPL_ENV

SUITES_ROOT = Path(__file__).resolve().parent / "suites"
INI_FILE = SUITES_ROOT / "grading.ini"
GRACE_SECONDS = 2.0  # after pytest-timeout's own limit, before the grader kills the child
FORGED = "a message without the grader's token reached the grader"
MAX_RECORD_BYTES = 64 * 1024  # a real record is a few hundred bytes; longer lines are junk


@dataclass(frozen=True)
class SuiteTest:
    nodeid: str
    task: str | None
    points: int
    claim: str = ""  # the test's one-line docstring: what it checks, shown as the hint


@dataclass
class TestRecord:
    nodeid: str
    status: str
    message: str = ""


@dataclass
class SuiteRun:
    records: dict[str, TestRecord] = field(default_factory=dict)
    output: str = ""  # the children's stdout and stderr, capped
    tampering: list[str] = field(default_factory=list)


def child_environment(impl: str, fd: int, home: Path) -> dict[str, str]:
    """Only what the suite needs: nothing of the grader's own environment leaks in."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TMPDIR": str(home),
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        IMPL_ENV: impl,
        grading_plugin.FD_ENV: str(fd),
    }


def pytest_command(paths: list[str], limits: Limits, extra: list[str]) -> list[str]:
    return [
        sys.executable, "-I", "-m", "pytest", *paths,
        "-c", str(INI_FILE), "--rootdir", str(SUITES_ROOT),
        "-p", "grader.grading_plugin", "-p", "no:cacheprovider",
        "--hypothesis-profile", "grading", "-q", "-s", "--no-header", "-rN",
        f"--timeout={limits.test_seconds:g}", "--timeout-method=signal", *extra,
    ]  # fmt: skip


class _Child:
    """One pytest subprocess and the records it sends."""

    def __init__(self, command: list[str], impl: str, workdir: Path, limits: Limits, log: Path):
        self.token = secrets.token_hex(16)
        read_fd, write_fd = os.pipe()
        self.events: queue.Queue = queue.Queue()
        with open(log, "ab") as output:
            self.process = subprocess.Popen(
                command,
                cwd=workdir,
                env=child_environment(impl, write_fd, workdir),
                stdin=subprocess.PIPE,  # the token: not in the environment, which /proc/self/environ keeps
                stdout=output,
                stderr=subprocess.STDOUT,
                pass_fds=(write_fd,),
                start_new_session=True,
                preexec_fn=limits.apply,
                **privileges.popen_arguments(privileges.unprivileged_ids()),
            )
        os.close(write_fd)
        try:
            self.process.stdin.write(f"{self.token}\n".encode())
            self.process.stdin.close()
        except BrokenPipeError:  # the child died at start-up: its death is reported like any other
            pass
        threading.Thread(target=self._read, args=(read_fd,), daemon=True).start()

    def _read(self, fd: int) -> None:
        """Queue each line of the pipe; an over-long line is cut (then fails to parse), so a flood
        without newlines costs the grader no memory."""
        with os.fdopen(fd, "rb") as pipe:
            while line := pipe.readline(MAX_RECORD_BYTES):
                if not line.endswith(b"\n"):
                    while (rest := pipe.readline(MAX_RECORD_BYTES)) and not rest.endswith(b"\n"):
                        pass  # skip the rest of the over-long line
                self.events.put(line)
        self.events.put(None)

    def kill(self) -> None:
        """Kill the child and everything it started in its process group."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()


def list_suite(slug: str, workdir: Path, limits: Limits) -> list[SuiteTest]:
    """The tests of chapter `slug`'s hidden suite, with points, read from the suite itself."""
    tests: list[SuiteTest] = []
    privileges.hand_over(workdir)
    run = _run_child(slug, [str(SUITES_ROOT / slug)], "solutions", workdir, limits, ["--collect-only"])
    for event in run:
        if event.get("event") == "collected":
            claim = str(event.get("claim", ""))
            tests.append(SuiteTest(event["nodeid"], event["task"], int(event["points"]), claim))
    return tests


def _run_child(slug, paths, impl, workdir, limits, extra):
    log = workdir / f"{slug}-collect.log"
    child = _Child(pytest_command(paths, limits, extra), impl, workdir, limits, log)
    events = []
    while (line := child.events.get()) is not None:
        record = _parse(line, child.token)
        if record:
            events.append(record)
    if child.process.wait() != 0:
        raise RuntimeError(f"listing the {slug} suite failed:\n{_capped(log, 4000)}")
    return events


def _parse(line: bytes, token: str) -> dict | None:
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):  # junk, or JSON nested deep enough to exhaust the stack
        return None
    return record if isinstance(record, dict) and record.get("token") == token else None


def run_suite(slug: str, impl: str, tests: list[SuiteTest], workdir: Path, limits: Limits) -> SuiteRun:
    """Run `tests` against implementation `impl` until every test has an outcome."""
    run = SuiteRun()
    deadline = time.monotonic() + limits.suite_seconds
    known = {test.nodeid for test in tests}
    remaining = [test.nodeid for test in tests]
    logs: list[Path] = []
    while remaining:
        if time.monotonic() >= deadline:
            message = f"not run: the chapter's {limits.suite_seconds:g} s limit was reached"
            run.records.update({n: TestRecord(n, outcomes.TIMEOUT, message) for n in remaining})
            break
        logs.append(workdir / f"{slug}-{len(logs) + 1}.log")
        paths = [str(SUITES_ROOT / nodeid) for nodeid in remaining]
        child = _Child(pytest_command(paths, limits, []), impl, workdir, limits, logs[-1])
        current, progressed, ending = _follow(child, run, known, deadline, limits)
        if current is not None:  # the test that hung, crashed or exited charges for it
            run.records[current] = TestRecord(current, ending.status, ending.message)
        remaining = [nodeid for nodeid in remaining if nodeid not in run.records]
        if remaining and not progressed:  # nothing ran at all: retrying would not help
            run.records.update({n: TestRecord(n, ending.status, ending.message) for n in remaining})
            break
    run.output = "".join(_capped(log, limits.output_bytes // max(len(logs), 1)) for log in logs)
    return run


def _follow(child: _Child, run: SuiteRun, known: set[str], deadline: float, limits: Limits):
    """Read a child's events until it ends.

    Returns the test that was running when it ended (or None), whether any test started, and
    the outcome to charge that test with.
    """
    current, started_at, progressed, ending = None, 0.0, False, None
    while ending is None:
        now = time.monotonic()
        wait = deadline - now
        if current is not None:
            wait = min(wait, started_at + limits.test_seconds + GRACE_SECONDS - now)
        try:
            line = child.events.get(timeout=max(wait, 0.01))
        except queue.Empty:
            over_suite = time.monotonic() >= deadline
            limit = limits.suite_seconds if over_suite else limits.test_seconds
            what = "the chapter's time limit" if over_suite else "the test's time limit"
            ending = outcomes.Outcome(outcomes.TIMEOUT, f"timed out: {what} of {limit:g} s")
            break
        if line is None:
            child.process.wait()
            ending = outcomes.Outcome(outcomes.ERROR, _death_message(child.process.returncode))
            break
        record = _parse(line, child.token)
        if record is None:
            if FORGED not in run.tampering:
                run.tampering.append(FORGED)
            continue
        nodeid = record.get("nodeid")
        if record.get("event") == "end":
            ending = outcomes.Outcome(outcomes.ERROR, "the test process ended before the test finished")
            break
        if nodeid not in known:
            continue
        if record.get("event") == "start":
            current, started_at, progressed = nodeid, time.monotonic(), True
        elif record.get("event") == "result":
            if nodeid in run.records:
                run.tampering.append(f"{nodeid} was reported twice")
                run.records[nodeid] = TestRecord(nodeid, outcomes.ERROR, "tampering: reported twice")
            else:
                status = str(record.get("status"))
                if status not in outcomes.STATUSES:
                    status = outcomes.ERROR
                message = outcomes.shorten(str(record.get("message", "")))
                run.records[nodeid] = TestRecord(nodeid, status, message)
            current = None
    child.kill()
    return current, progressed, ending


def _death_message(returncode: int) -> str:
    """Plain words for how a test process ended while a test was running."""
    if returncode < 0:
        name = signal.Signals(-returncode).name
        plain = {
            "SIGSEGV": "crashed (segmentation fault)",
            "SIGKILL": "was killed (SIGKILL), e.g. for using too much memory",
            "SIGXFSZ": "was stopped for writing too much output",
            "SIGABRT": "aborted (SIGABRT), e.g. out of memory in native code",
        }
        return f"the test process {plain.get(name, f'was stopped by {name}')}"
    if returncode == 0:
        return "the test process exited in the middle of the test (exit code 0)"
    return f"the test process exited in the middle of the test (exit code {returncode})"


def _capped(path: Path, limit: int) -> str:
    """The first `limit` bytes of a log, with a marker saying how much was cut."""
    if not path.exists():
        return ""
    size = path.stat().st_size
    with open(path, "rb") as file:
        text = file.read(limit).decode("utf-8", errors="replace")
    return text if size <= limit else text + f"\n[... output cut: {size - limit} more bytes ...]\n"
