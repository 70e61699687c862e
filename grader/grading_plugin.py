"""The pytest plugin inside a grading subprocess: reports each test's outcome to the grader.

The grader starts `pytest` on one chapter's hidden suite with this plugin and nothing else (no
configuration or plugins from the submission), hands it the write end of a pipe and a secret
token in the environment, and reads one JSON line per event:

    {"token": ..., "event": "start", "nodeid": ...}             a test is about to run
    {"token": ..., "event": "result", "nodeid": ..., "status": ..., "message": ..., "duration": ...}

The token is read and removed from the environment when this plugin is imported, before any
submitted code runs. The grader, not this plugin, decides what a test is worth: it trusts only
the nodeids, and treats a test reported twice or with a wrong token as tampered with.
"""

import json
import os

import pytest

from . import guard, loader, outcomes, profiles  # noqa: F401  (profiles registers the hypothesis profiles)

TOKEN_ENV = "LLMDD_REPORT_TOKEN"
FD_ENV = "LLMDD_REPORT_FD"


def _make_sender():
    """Bind the token, the pipe and `os.write` now, before any submitted code can change them."""
    token, fd, write, dumps = (
        os.environ.pop(TOKEN_ENV, ""),
        int(os.environ.pop(FD_ENV, "-1")),
        os.write,
        json.dumps,
    )

    def send(record: dict) -> None:
        if fd >= 0:
            write(fd, (dumps({"token": token, **record}) + "\n").encode())

    return send


_send = _make_sender()
if loader.selected() not in ("exercises", "solutions") and not loader.selected().startswith("variant:"):
    guard.install(
        sandbox=str(loader.implementation_root(loader.selected()).parent),
        protected=[str(loader.REPO_ROOT / "solutions"), str(loader.REPO_ROOT / "grader")],
    )


_call: dict[str, outcomes.Outcome] = {}  # what the test function did
_phase: dict[str, outcomes.Outcome] = {}  # the first setup or teardown problem


def pytest_collection_finish(session: pytest.Session) -> None:
    """Announce every collected test with its task and points (used when listing a suite)."""
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


def pytest_runtest_logstart(nodeid: str, location) -> None:
    _send({"event": "start", "nodeid": nodeid})


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function):
    """Observe the test function itself: its outcome does not depend on pytest's report objects,
    which submitted code could patch."""
    try:
        result = yield
    except BaseException as error:
        _call[pyfuncitem.nodeid] = outcomes.from_exception(error)
        if isinstance(error, loader.ImplementationError):
            _call[pyfuncitem.nodeid] = outcomes.Outcome(outcomes.ERROR, outcomes.shorten(str(error)))
        raise
    _call[pyfuncitem.nodeid] = outcomes.Outcome(outcomes.PASSED)
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if call.when != "call" and call.excinfo is not None and item.nodeid not in _phase:
        _phase[item.nodeid] = outcomes.from_exception(call.excinfo.value, call.when)
    return report


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Tell the grader every test has reported, so it need not wait for a lingering process."""
    _send({"event": "end"})


def pytest_runtest_logfinish(nodeid: str, location) -> None:
    outcome, problem = _call.get(nodeid), _phase.get(nodeid)
    if problem is not None and (outcome is None or outcome.status == outcomes.PASSED):
        outcome = problem  # a failed setup or teardown outweighs a passing call
    if outcome is None:
        outcome = outcomes.Outcome(outcomes.ERROR, "the test function never ran")
    _send({"event": "result", "nodeid": nodeid, "status": outcome.status, "message": outcome.message})
