"""The pytest plugin inside a grading subprocess: reports each test's outcome to the grader.

The grader starts `pytest` on one chapter's hidden suite with this plugin and nothing else (no
configuration or plugins from the submission), hands it the write end of a pipe (its number in
the environment) and a secret token (on stdin), and reads one JSON line per event:

    {"token": ..., "event": "start", "nodeid": ...}             a test is about to run
    {"token": ..., "event": "result", "nodeid": ..., "status": ..., "message": ..., "duration": ...}

The token is read when this plugin is imported, before any submitted code runs. The grader,
not this plugin, decides what a test is worth: it trusts only the nodeids, and treats a test
reported twice or with a wrong token as tampered with.

Every hook gets what it uses as default arguments, bound when this module is imported: submitted
code that rebinds names in this module or in `grader.outcomes` changes nothing here, and a test
whose function raised is never reported as passed, whatever the classification says.
"""

import functools
import json
import os
import sys

import pytest
from hypothesis.errors import StopTest, UnsatisfiedAssumption

from . import guard, integrity, loader, outcomes, profiles  # noqa: F401  (profiles: hypothesis profiles)

FD_ENV = "LLMDD_REPORT_FD"


def _read_token() -> str:
    """The token arrives on stdin (one line; the grader then closes it), which is then replaced by
    /dev/null: submitted code finds it neither there nor in /proc/self/environ."""
    token = b""
    while not token.endswith(b"\n") and (chunk := os.read(0, 64)):
        token += chunk
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    return token.decode().strip()


def _make_sender():
    """Bind the token, the pipe and `os.write` now, before any submitted code can change them."""
    fd = int(os.environ.pop(FD_ENV, "-1"))
    token, write, dumps = _read_token() if fd >= 0 else "", os.write, json.dumps

    def send(record: dict) -> None:
        if fd >= 0:
            write(fd, (dumps({"token": token, **record}) + "\n").encode())

    return send


_send = _make_sender()
SUBMITTED_ROOT = None  # the submission's folder, when the code under test is a submission
if loader.selected() not in ("exercises", "solutions") and not loader.selected().startswith("variant:"):
    SUBMITTED_ROOT = os.path.realpath(loader.implementation_root(loader.selected()).parent) + os.sep
    guard.install(
        sandbox=SUBMITTED_ROOT,
        protected=[str(loader.REPO_ROOT / "solutions"), str(loader.REPO_ROOT / "grader")],
    )


_call: dict[str, outcomes.Outcome] = {}  # what the test function did
_phase: dict[str, outcomes.Outcome] = {}  # the first setup or teardown problem
PASSED, FAILED, ERROR = "passed", "failed", "error"  # copies: submitted code may rebind outcomes.*
_integrity: list = []  # the check of `grader.integrity`, made once the suite is collected
_status: list[int] = []  # pytest's exit status, for `os._exit`
NOT_PASSED = frozenset({FAILED, ERROR, "timeout", "not started"})


def pytest_collection_finish(session: pytest.Session) -> None:
    """Announce every collected test with its task and points (used when listing a suite); take
    the integrity snapshot: the suite's modules are loaded, the submission's not yet (lazy loader)."""
    _integrity.append(integrity.watch())
    guard.seal_trusted_programs()
    for item in session.items:
        _refuse_forged_stops(item)
    for item in session.items:
        task, points = item.get_closest_marker("task"), item.get_closest_marker("points")
        _send(
            {
                "event": "collected",
                "nodeid": item.nodeid,
                "task": task.args[0] if task else None,
                "points": points.args[0] if points else 0,
                "claim": (getattr(item, "function", None).__doc__ or "").strip().split("\n")[0]
                if getattr(item, "function", None)
                else "",
            }
        )


def _refuse_forged_stops(
    item: pytest.Item, internal=(StopTest, UnsatisfiedAssumption), submitted=SUBMITTED_ROOT
) -> None:
    """Hypothesis ends an example early when its `StopTest` or `UnsatisfiedAssumption` (from
    `assume`, `reject`) is raised, and counts that example as fine: raised through submitted code,
    every example would pass unrun. Wrap the test so that such an exception is a failure when a
    frame of the submitted code is in its traceback."""
    handle = getattr(getattr(item, "obj", None), "hypothesis", None)
    if handle is None or submitted is None:
        return
    inner = handle.inner_test

    @functools.wraps(inner)
    def checked(*args, **kwargs):
        try:
            return inner(*args, **kwargs)
        except internal as stop:
            frame = stop.__traceback__
            while frame is not None:
                if frame.tb_frame.f_code.co_filename.startswith(submitted):
                    raise AssertionError(
                        f"the code under test raised hypothesis' {type(stop).__name__}"
                    ) from None
                frame = frame.tb_next
            raise

    handle.inner_test = checked


def pytest_runtest_logstart(nodeid: str, location, _send=_send) -> None:
    _send({"event": "start", "nodeid": nodeid})


def _raised(
    error: BaseException,
    when: str = "call",
    classify=outcomes.from_exception,
    Outcome=outcomes.Outcome,
    shorten=outcomes.shorten,
    ImplementationError=loader.ImplementationError,
) -> outcomes.Outcome:
    """The outcome of a test function that raised `error`: never "passed"."""
    if isinstance(error, ImplementationError):
        return Outcome(ERROR, shorten(str(error)))
    outcome = classify(error, when)
    return outcome if outcome.status in NOT_PASSED else Outcome(FAILED, shorten(f"{type(error).__name__}"))


def _tampered(check: list, Outcome=outcomes.Outcome) -> outcomes.Outcome | None:
    """ERROR if the test's code rebound a watched name (now restored), else None."""
    changed = check[0]() if check else []
    if not changed:
        return None
    more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
    return Outcome(ERROR, f"tampering: the submission replaced {changed[0]}{more} (restored)")


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(
    pyfuncitem: pytest.Function,
    _call=_call,
    _raised=_raised,
    _tampered=_tampered,
    _integrity=_integrity,
    Outcome=outcomes.Outcome,
):
    """Observe the test function itself: its outcome does not depend on pytest's report objects,
    which submitted code could patch."""
    try:
        result = yield
    except BaseException as error:
        _call[pyfuncitem.nodeid] = _tampered(_integrity) or _raised(error)
        raise
    _call[pyfuncitem.nodeid] = _tampered(_integrity) or Outcome(PASSED)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo, _phase=_phase, _raised=_raised):
    report = yield
    if call.when != "call" and call.excinfo is not None and item.nodeid not in _phase:
        _phase[item.nodeid] = _raised(call.excinfo.value, call.when)
    return report


def pytest_sessionfinish(session: pytest.Session, exitstatus: int, _send=_send, _status=_status) -> None:
    """Tell the grader every test has reported, so it need not wait for a lingering process."""
    _send({"event": "end"})
    _status.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(
    config: pytest.Config, _status=_status, _exit=os._exit, _stdout=sys.__stdout__
) -> None:
    """End the process here, with pytest's exit status: exit handlers the submission registered
    (`atexit.register(os.system, ...)` runs a built-in with no submitted frame on the stack) never run."""
    try:
        _stdout.flush()
    finally:
        _exit(_status[0] if _status else 1)


def pytest_runtest_logfinish(nodeid: str, location, _call=_call, _phase=_phase, _send=_send,
                             Outcome=outcomes.Outcome) -> None:  # fmt: skip
    outcome, problem = _call.get(nodeid), _phase.get(nodeid)
    if problem is not None and (outcome is None or outcome.status == PASSED):
        outcome = problem  # a failed setup or teardown outweighs a passing call
    if outcome is None:
        outcome = Outcome(ERROR, "the test function never ran")
    _send({"event": "result", "nodeid": nodeid, "status": outcome.status, "message": outcome.message})
