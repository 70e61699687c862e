"""Classify one test's result the way a learner thinks about it.

Shared by the feedback table (`pytest exercises/chNN`) and the grader, so "not started" means
the same thing in both: the code under test raised `NotImplementedError` (a stub not yet
filled in).
"""

from dataclasses import dataclass

PASSED = "passed"
FAILED = "failed"
ERROR = "error"
TIMEOUT = "timeout"
NOT_STARTED = "not started"
STATUSES = (PASSED, FAILED, ERROR, TIMEOUT, NOT_STARTED)
MESSAGE_LIMIT = 300


@dataclass(frozen=True)
class Outcome:
    status: str
    message: str = ""


def classify(report, excinfo) -> Outcome:
    """Outcome of a pytest report; `excinfo` is the exception info of the phase that failed."""
    if report.passed:
        return Outcome(PASSED)
    if report.skipped:
        return Outcome(ERROR, "skipped: a hidden test must run to earn points")
    if excinfo is not None and excinfo.errisinstance(NotImplementedError):
        return Outcome(NOT_STARTED, shorten(str(excinfo.value)) or "not implemented yet")
    message = shorten(crash_message(report))
    if message.startswith("Failed: Timeout"):  # pytest-timeout stopped the test
        return Outcome(TIMEOUT, "timed out: " + message.removeprefix("Failed: "))
    return Outcome(FAILED if report.when == "call" else ERROR, message)


def crash_message(report) -> str:
    """The one-line reason pytest shows for a failed report (`AssertionError: assert 1 == 2`)."""
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None:
        return crash.message
    return str(report.longrepr).strip().splitlines()[-1] if report.longrepr else ""


def shorten(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """First lines of `text`, capped, so one message never floods a table or a report."""
    text = " ".join(line.strip() for line in text.strip().splitlines()[:6])
    return text if len(text) <= limit else text[: limit - 1] + "…"
