"""Hypothesis profiles: explore freely while learning, the same examples for every grade.

* `feedback` (default for `pytest exercises/chNN`): fresh random examples each run, so repeated
  runs keep finding new counterexamples.
* `grading` (used by `grader grade`): derandomized, so the same code gets the same score on every
  run and machine; a fixed example budget; no deadline or database (no flakes from a slow
  machine, no state carried between runs); no shrinking (a grade needs one failing example,
  not the smallest, and a stub fails in milliseconds instead of seconds).
"""

from hypothesis import HealthCheck, Phase, settings

FEEDBACK = "feedback"
GRADING = "grading"
GRADING_MAX_EXAMPLES = 60

settings.register_profile(FEEDBACK, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    GRADING,
    derandomize=True,
    max_examples=GRADING_MAX_EXAMPLES,
    deadline=None,
    database=None,
    print_blob=False,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    report_multiple_bugs=False,
    suppress_health_check=list(HealthCheck),
)
