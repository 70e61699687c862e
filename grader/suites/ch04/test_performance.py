"""Tasks 4.2 and 4.5 (hidden) — speed of attention against the reference, memory of blockwise attention.

Speed. Both implementations run in this process, alternately, on fresh random inputs for every
call (`grader.suites.timing.compare_cpu_time`: a warm-up round, then the median of interleaved
rounds), on one torch thread. What is compared is CPU time, not wall time: the course machine
is shared with other jobs, and on it a short call descheduled for a few milliseconds would look
several times slower. Each timed call runs attention on several inputs, so that it lasts a few
milliseconds. Ratios to the reference measured on the 2-core course machine while other jobs
loaded it (load average 3-5), 5-10 runs each:

Short sequences, batch 1, 1 head, T=256, head_dim 32 (one head of the tiny GPT over its whole
context), 8 inputs per call, the reference taking 0.4-0.55 ms per input:
    the reference against itself                                             0.83-1.11
    own softmax (amax, subtract, exp, sum, divide), mask from torch.tril     1.48-1.83
    additive float mask, F.softmax, einsum                                   0.89-1.03
    a Python loop over batch and heads, vectorized over queries              1.65-1.77
    (B, H, T, T, D) broadcast product summed over D                          about 5
    a Python loop over query positions (variant `per_query_loop`)            14-24
    the causal mask built by a Python loop over (i, j)                       about 540
    limit                                                                     6
Per query, the loop pays the overhead of a few torch calls (tens of microseconds here); with
little work per query, that overhead is the whole cost.

A realistic size, batch 4, 8 heads, T=256, head_dim 64, one input per call, the reference taking
13-23 ms:
    the reference against itself                                             0.89-1.37
    own softmax, mask from torch.tril                                        1.70-2.29
    additive float mask, F.softmax, einsum                                   0.96-1.75
    a Python loop over batch and heads                                       1.31-1.66
    a Python loop over query positions (variant `per_query_loop`)            1.22-2.66
    the causal mask built by a Python loop over (i, j)                       about 17
    (B, H, T, T, D) broadcast product summed over D                          about 41
    limit                                                                     6
Here each query's work outweighs the loop's overhead: the loop passes this test and fails the
one above.

Memory. blockwise_attention on batch 1, 2 heads, T=2048, head_dim 64, float32: the score
matrices of both heads take 2 x 2048² x 4 bytes = 32 MiB. torch's own allocations are recorded
by its profiler (`shared.peak_allocated_bytes`); measured peaks (the output, 1 MiB, included):
    the reference (128 x 128 tiles)                                           1.65 MiB
    tiles, with copies of q, k and v and the outputs joined by torch.cat      5.3 MiB
    tiles, slicing a full T x T boolean causal mask and its negation           8.0 MiB
    query blocks against all keys at once (128 x 2048 strips)                 11 MiB
    the whole score matrix, then blocks (variant `materializes_scores`)       64 MiB
    plain causal attention                                                    65 MiB
    limit: half the score matrices, one head's worth                          16 MiB
Any implementation that holds one head's whole T x T float32 scores at once fails.
"""

import pytest
import torch

from grader.loader import implementation
from grader.suites import timing
from grader.suites.ch04 import shared

attention = implementation("ch04.attention")
memory_efficient = implementation("ch04.memory_efficient")

SHORT_SHAPE, SHORT_INPUTS, SHORT_ROUNDS, SHORT_LIMIT = (1, 1, 256, 32), 8, 5, 6.0
LARGE_SHAPE, LARGE_INPUTS, LARGE_ROUNDS, LARGE_LIMIT = (4, 8, 256, 64), 1, 5, 6.0
MEMORY_SHAPE, MEMORY_FRACTION = (1, 2, 2048, 64), 0.5


def timed_calls(function, shape, inputs):
    """prepare(round) -> a call running `function` on `inputs` fresh (q, k, v) of `shape` (B, H, T, D)."""

    def prepare(round_number):
        generator = torch.Generator().manual_seed(1000 * round_number + 7)
        batches = [[torch.randn(shape, generator=generator) for _ in range(3)] for _ in range(inputs)]
        return lambda: [function(q, k, v) for q, k, v in batches]

    return prepare


def compare_attention(shape, inputs, rounds, limit):
    learner_function = attention.causal_attention
    reference_function = shared.reference("attention").causal_attention
    with torch.no_grad():
        small = [torch.randn(1, 1, 4, 8) for _ in range(3)]
        learner_function(*small), reference_function(*small)  # first-call set-up, outside the timing
        return timing.compare_cpu_time(
            timed_calls(learner_function, shape, inputs),
            timed_calls(reference_function, shape, inputs),
            rounds,
            give_up_ratio=2 * limit,
        )


@pytest.mark.perf
@pytest.mark.task("4.2")
@pytest.mark.points(2)
def test_attention_on_short_sequences_is_not_much_slower_than_the_reference():
    """causal_attention at batch 1, 1 head, T=256, head_dim 32 takes at most 6x the reference's CPU time."""
    result = compare_attention(SHORT_SHAPE, SHORT_INPUTS, SHORT_ROUNDS, SHORT_LIMIT)
    assert result.ratio <= SHORT_LIMIT, (
        f"causal_attention took {result.describe()} on short sequences; the limit is {SHORT_LIMIT:g}x. "
        "Compute all queries' scores with one matrix product instead of looping over positions."
    )


@pytest.mark.perf
@pytest.mark.task("4.2")
@pytest.mark.points(2)
def test_attention_at_a_realistic_size_is_not_much_slower_than_the_reference():
    """causal_attention at batch 4, 8 heads, T=256, head_dim 64 takes at most 6x the reference's CPU time."""
    result = compare_attention(LARGE_SHAPE, LARGE_INPUTS, LARGE_ROUNDS, LARGE_LIMIT)
    assert result.ratio <= LARGE_LIMIT, (
        f"causal_attention took {result.describe()} at batch 4, 8 heads, T=256; the limit is "
        f"{LARGE_LIMIT:g}x. Use matrix products (q @ k.transpose(-2, -1)), not broadcast products or loops."
    )


@pytest.mark.perf
@pytest.mark.task("4.5")
@pytest.mark.points(5)
def test_blockwise_attention_never_holds_the_score_matrix():
    """At T=2048 (batch 1, 2 heads, head_dim 64): at most half the memory of the T×T score matrices."""
    batch, heads, time, head_dim = MEMORY_SHAPE
    q, k, v = shared.qkv((batch, heads, time, time, head_dim), 99, torch.float32)
    scores_bytes = batch * heads * time * time * q.element_size()
    limit = MEMORY_FRACTION * scores_bytes
    with torch.no_grad():
        peak, got = shared.peak_allocated_bytes(lambda: memory_efficient.blockwise_attention(q, k, v))
        expected = shared.reference("memory_efficient").blockwise_attention(q, k, v)
    shared.assert_matches(got, expected, torch.float32, "output at T=2048")
    mib = 2**20
    assert peak <= limit, (
        f"blockwise_attention held {peak / mib:.1f} MiB at once; the full score matrices take "
        f"{scores_bytes / mib:.0f} MiB and the limit is {limit / mib:.0f} MiB. Keep only one "
        "block x block tile of scores at a time."
    )
