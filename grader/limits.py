"""Resource limits for a grading subprocess, applied just before it starts running Python."""

import resource
from dataclasses import dataclass

GIB = 1024**3
MIB = 1024**2


@dataclass(frozen=True)
class Limits:
    test_seconds: float = 60.0  # one test, then pytest-timeout (and, as a backstop, the grader) stops it
    suite_seconds: float = 600.0  # one chapter of one submission, all tests together
    memory_bytes: int = 4 * GIB  # address space of the test process
    file_bytes: int = 256 * MIB  # largest file the process may write (stdout included)
    processes: int = 256  # processes of the grading user (enforced for non-root users)
    output_bytes: int = 64 * 1024  # captured output kept in reports (the rest is cut, with a marker)

    def apply(self) -> None:
        """Set the limits on the current process (call in the child, before exec)."""
        for limit, value in (
            (resource.RLIMIT_AS, self.memory_bytes),
            (resource.RLIMIT_FSIZE, self.file_bytes),
            (resource.RLIMIT_NPROC, self.processes),
            (resource.RLIMIT_CORE, 0),
        ):
            resource.setrlimit(limit, (value, value))
