"""Time the code under test against the reference, in the same process, on fresh inputs.

A speed threshold in seconds would pass on a fast machine and fail on a slow one, so
performance tests compare against the reference instead: both run in this process, one after
the other, and the test looks at the ratio of their median times.

Each call gets a fresh input made by a factory (a new tokenizer object, another slice of the
text), so that nothing cached by one call can speed up a later one: what is timed is the work
itself. Making the input is not timed.

    timing = compare(
        lambda round: (lambda: learner.train(texts[round], 1024)),
        lambda round: (lambda: reference.train(texts[round], 1024)),
        rounds=3,
    )
    assert timing.ratio <= 7, timing.describe()
"""

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

Prepare = Callable[[int], Callable[[], object]]  # round number -> a fresh call to time


@dataclass(frozen=True)
class Timing:
    candidate: float  # median seconds of the candidate's timed calls
    reference: float  # median seconds of the reference's timed calls
    candidate_times: list[float] = field(default_factory=list)
    reference_times: list[float] = field(default_factory=list)
    gave_up: bool = False  # stopped early: the candidate was hopelessly slower

    @property
    def ratio(self) -> float:
        """How many times slower than the reference the candidate is (1.0: as fast)."""
        return self.candidate / self.reference

    def describe(self) -> str:
        early = ", stopped early" if self.gave_up else ""
        return (
            f"{self.ratio:.1f}x the reference's time (median {self.candidate * 1000:.0f} ms vs "
            f"{self.reference * 1000:.0f} ms over {len(self.candidate_times)} round(s){early})"
        )


def measure(call: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    """Seconds one call takes on `clock`, with the cyclic garbage collector paused during it."""
    gc.disable()
    try:
        start = clock()
        call()
        return clock() - start
    finally:
        gc.enable()


def compare(
    prepare_candidate: Prepare,
    prepare_reference: Prepare,
    rounds: int = 5,
    give_up_ratio: float | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> Timing:
    """Time candidate and reference alternately and return their median times.

    `prepare_*(round)` builds a fresh input for that round and returns the call to time; round
    0 is a warm-up (imports, first-call set-up) and is not counted. Rounds 1..`rounds` are
    timed, one call each on inputs made for that round, the two taking turns at going first.
    The candidate warms up first, so a candidate that raises fails at once, before any time is
    spent on the reference.

    With `give_up_ratio`, timing stops as soon as one candidate call takes more than
    `give_up_ratio` times the reference call of the same round (or of the warm-up): the verdict
    is then certain, and a hopelessly slow candidate does not hold the suite up.
    """
    warm_candidate = measure(prepare_candidate(0), clock)
    warm_reference = measure(prepare_reference(0), clock)
    if give_up_ratio and warm_candidate > give_up_ratio * warm_reference:
        return Timing(warm_candidate, warm_reference, [warm_candidate], [warm_reference], True)
    candidate_times: list[float] = []
    reference_times: list[float] = []
    for round_number in range(1, rounds + 1):
        # Alternate who goes first: the second call of a round tends to run a little faster.
        if round_number % 2:
            reference_times.append(measure(prepare_reference(round_number), clock))
            candidate_times.append(measure(prepare_candidate(round_number), clock))
        else:
            candidate_times.append(measure(prepare_candidate(round_number), clock))
            reference_times.append(measure(prepare_reference(round_number), clock))
        gave_up = bool(give_up_ratio and candidate_times[-1] > give_up_ratio * reference_times[-1])
        if gave_up or round_number == rounds:
            median = statistics.median
            return Timing(
                median(candidate_times), median(reference_times), candidate_times, reference_times, gave_up
            )
    raise ValueError("rounds must be at least 1")


def compare_cpu_time(
    prepare_candidate: Prepare,
    prepare_reference: Prepare,
    rounds: int = 5,
    give_up_ratio: float | None = None,
) -> Timing:
    """`compare`, measured in CPU time of this process (user + system, all threads) instead of wall time.

    Prefer it for short calls of single-threaded code on a machine shared with other jobs: CPU
    time does not count the time the process waits while other jobs use the cores. Keep the code
    under test on one thread (`torch.set_num_threads(1)`): CPU time adds up all threads, so a
    multi-threaded call is charged for every core it keeps busy, spinning included.
    """
    return compare(prepare_candidate, prepare_reference, rounds, give_up_ratio, clock=time.process_time)
