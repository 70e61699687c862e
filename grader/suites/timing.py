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


def time_call(call: Callable[[], object]) -> float:
    """Seconds one call takes, with the cyclic garbage collector paused during it."""
    gc.disable()
    try:
        start = time.perf_counter()
        call()
        return time.perf_counter() - start
    finally:
        gc.enable()


def compare(
    prepare_candidate: Prepare,
    prepare_reference: Prepare,
    rounds: int = 5,
    give_up_ratio: float | None = None,
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
    warm_candidate = time_call(prepare_candidate(0))
    warm_reference = time_call(prepare_reference(0))
    if give_up_ratio and warm_candidate > give_up_ratio * warm_reference:
        return Timing(warm_candidate, warm_reference, [warm_candidate], [warm_reference], True)
    candidate_times: list[float] = []
    reference_times: list[float] = []
    for round_number in range(1, rounds + 1):
        # Alternate who goes first: the second call of a round tends to run a little faster.
        if round_number % 2:
            reference_times.append(time_call(prepare_reference(round_number)))
            candidate_times.append(time_call(prepare_candidate(round_number)))
        else:
            candidate_times.append(time_call(prepare_candidate(round_number)))
            reference_times.append(time_call(prepare_reference(round_number)))
        if give_up_ratio and candidate_times[-1] > give_up_ratio * reference_times[-1]:
            return Timing(
                statistics.median(candidate_times),
                statistics.median(reference_times),
                candidate_times,
                reference_times,
                True,
            )
    return Timing(
        statistics.median(candidate_times),
        statistics.median(reference_times),
        candidate_times,
        reference_times,
    )


def cpu_time_call(call: Callable[[], object]) -> float:
    """CPU seconds (user + system, all threads of this process) one call takes, GC paused.

    Unlike the wall clock, CPU time does not count the time the process spends waiting while
    other jobs use the cores: on a shared, overloaded machine it stays close to the work done.
    """
    gc.disable()
    try:
        start = time.process_time()
        call()
        return time.process_time() - start
    finally:
        gc.enable()


def compare_cpu_time(
    prepare_candidate: Prepare,
    prepare_reference: Prepare,
    rounds: int = 5,
    give_up_ratio: float | None = None,
) -> Timing:
    """`compare`, measured in CPU time of this process (`cpu_time_call`) instead of wall time.

    Same protocol as `compare`: a warm-up round 0, then `rounds` interleaved rounds on fresh
    inputs, medians, optional early stop. Prefer it for short calls of single-threaded code on a
    machine shared with other jobs, where being descheduled for a few milliseconds would
    otherwise count against whichever call happened to be running. Keep the code under test on
    one thread (`torch.set_num_threads(1)`): CPU time adds up all threads, so a multi-threaded
    call is charged for every core it keeps busy, spinning included.
    """
    warm_candidate = cpu_time_call(prepare_candidate(0))
    warm_reference = cpu_time_call(prepare_reference(0))
    if give_up_ratio and warm_candidate > give_up_ratio * warm_reference:
        return Timing(warm_candidate, warm_reference, [warm_candidate], [warm_reference], True)
    candidate_times: list[float] = []
    reference_times: list[float] = []
    for round_number in range(1, rounds + 1):
        if round_number % 2:
            reference_times.append(cpu_time_call(prepare_reference(round_number)))
            candidate_times.append(cpu_time_call(prepare_candidate(round_number)))
        else:
            candidate_times.append(cpu_time_call(prepare_candidate(round_number)))
            reference_times.append(cpu_time_call(prepare_reference(round_number)))
        if give_up_ratio and candidate_times[-1] > give_up_ratio * reference_times[-1]:
            return Timing(
                statistics.median(candidate_times),
                statistics.median(reference_times),
                candidate_times,
                reference_times,
                True,
            )
    return Timing(
        statistics.median(candidate_times),
        statistics.median(reference_times),
        candidate_times,
        reference_times,
    )
