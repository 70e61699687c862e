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
    if excinfo is not None:
        return from_exception(excinfo.value, report.when, crash_message(report))
    return Outcome(FAILED if report.when == "call" else ERROR, shorten(crash_message(report)))


def from_exception(error: BaseException, when: str = "call", message: str = "") -> Outcome:
    """Outcome of a test phase that raised `error`; `message` overrides the error's text."""
    notes = " ".join(str(note) for note in getattr(error, "__notes__", []))
    text = shorten(message or f"{type(error).__name__}: {error} {notes}")
    if type(error).__name__ == "SandboxViolation":  # grader.guard refused an action
        return Outcome(ERROR, text)
    if isinstance(error, MemoryError):
        return Outcome(ERROR, "ran out of memory: the grader's memory limit was reached (MemoryError)")
    if isinstance(error, NotImplementedError):
        return Outcome(NOT_STARTED, shorten(str(error)) or "not implemented yet")
    if type(error).__name__ == "Failed" and str(error).startswith("Timeout"):  # pytest-timeout
        return Outcome(TIMEOUT, "timed out: " + shorten(str(error)))
    return Outcome(FAILED if when == "call" else ERROR, text)


def crash_message(report) -> str:
    """The one-line reason pytest shows for a failed report (`AssertionError: assert 1 == 2`)."""
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None:
        return crash.message
    return str(report.longrepr).strip().splitlines()[-1] if report.longrepr else ""


NOT_ACTIONABLE = ("Use -v to get more diff", "Use -vv to get more diff")


def shorten(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """First lines of `text`, capped, so one message never floods a table or a report."""
    for advice in NOT_ACTIONABLE:  # pytest's advice to the person at its terminal, not to a report
        text = text.replace(advice, "")
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    text = " ".join(lines[:6])
    return text if len(text) <= limit else text[: limit - 1] + "…"
