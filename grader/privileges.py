"""Run submitted code as an unprivileged user when the grader runs as root.

In containers and CI the grader often runs as root. The test process then drops to `nobody`:
it can read the installed course but cannot change the hidden suites, the reference, or any
report, and the process limit applies to it. This only happens when `nobody` can actually
import the grader from where it is installed (checked once); otherwise grading goes on as the
current user and `status()` says so.
"""

import functools
import os
import pwd
import subprocess
import sys
from pathlib import Path

UNPRIVILEGED_USER = "nobody"


@functools.cache
def unprivileged_ids() -> tuple[int, int] | None:
    """(uid, gid) to run tests as, or None when staying the current user."""
    if os.geteuid() != 0:
        return None
    try:
        user = pwd.getpwnam(UNPRIVILEGED_USER)
    except KeyError:
        return None
    ids = (user.pw_uid, user.pw_gid)
    check = [sys.executable, "-I", "-c", "import grader.grading_plugin, hypothesis, pytest"]
    try:
        result = subprocess.run(
            check, cwd="/", env={"PATH": os.environ.get("PATH", ""), "HOME": "/"},
            capture_output=True, timeout=120, **popen_arguments(ids),
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return ids if result.returncode == 0 else None


def status() -> str:
    if os.geteuid() != 0:
        return "tests run as the current user (not root): no privilege separation"
    if unprivileged_ids() is None:
        return f"running as root, but '{UNPRIVILEGED_USER}' cannot import the grader: no privilege separation"
    return f"tests run as '{UNPRIVILEGED_USER}'"


def hand_over(folder: Path) -> None:
    """Give `folder` (a sandbox) to the unprivileged user, if there is one."""
    ids = unprivileged_ids()
    if ids is None:
        return
    for root, directories, files in os.walk(folder):
        for name in [root, *(os.path.join(root, n) for n in directories + files)]:
            os.lchown(name, *ids)


def popen_arguments(ids: tuple[int, int] | None) -> dict:
    """`subprocess.Popen` arguments that start the child as the unprivileged user."""
    return {} if ids is None else {"user": ids[0], "group": ids[1], "extra_groups": []}
