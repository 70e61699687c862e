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

from . import loader, outcomes, profiles  # noqa: F401  (profiles registers the hypothesis profiles)

TOKEN_ENV = "LLMDD_REPORT_TOKEN"
FD_ENV = "LLMDD_REPORT_FD"

_token = os.environ.pop(TOKEN_ENV, "")
_fd = int(os.environ.pop(FD_ENV, "-1"))


def _send(record: dict) -> None:
    if _fd < 0:
        return
    line = (json.dumps({"token": _token, **record}) + "\n").encode()
    os.write(_fd, line)


_outcomes: dict[str, outcomes.Outcome] = {}


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
            }
        )


def pytest_runtest_logstart(nodeid: str, location) -> None:
    _send({"event": "start", "nodeid": nodeid})


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = (yield).get_result()
    earlier = _outcomes.get(item.nodeid)
    if earlier is not None and earlier.status != outcomes.PASSED:
        return  # the first phase that went wrong decides
    if report.when == "call" or not report.passed:
        outcome = outcomes.classify(report, call.excinfo)
        if call.excinfo is not None and call.excinfo.errisinstance(loader.ImplementationError):
            outcome = outcomes.Outcome(outcomes.ERROR, outcome.message)
        _outcomes[item.nodeid] = outcome


def pytest_runtest_logfinish(nodeid: str, location) -> None:
    outcome = _outcomes.get(nodeid, outcomes.Outcome(outcomes.ERROR, "the test did not run"))
    _send({"event": "result", "nodeid": nodeid, "status": outcome.status, "message": outcome.message})
