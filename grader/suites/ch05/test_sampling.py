"""Task 5.5 (hidden) — the sampling loop: the filtered distribution against a float64 oracle
(`shared.oracle_probabilities`), sampled frequencies against it (chi-square at a fixed seed, a
false-alarm rate of 1e-6 per check, see `shared`), greedy decoding, reproducibility, the stop
token row by row, batches, and the context window sliding past `context_length`.

Tolerance of the probabilities: 1e-5 absolute (float32 logits); filtered tokens must be exactly
0. Top-p cases where some cumulative probability lies within 1e-4 of p are skipped: there, float
rounding alone decides whether the crossing token is kept.
"""

import pytest
import torch
from hypothesis import assume, given
from hypothesis import strategies as st

from grader.checks import assert_equal
from grader.loader import implementation
from grader.suites.ch05 import shared
from grader.suites.ch05.shared import FixedLogits, ScriptedModel

sampling = implementation("ch05.sampling")


@st.composite
def filter_cases(draw):
    """(logits (B, V) float32, temperature, top_k, top_p): logits at several scales, filters or None."""
    batch, vocab = draw(st.integers(1, 4)), draw(st.integers(1, 40))
    scale = draw(st.sampled_from((0.3, 1.0, 3.0, 10.0)))
    generator = torch.Generator().manual_seed(draw(shared.seeds))
    logits = (torch.randn(batch, vocab, generator=generator, dtype=torch.float64) * scale).float()
    temperature = draw(st.sampled_from((0.0, 0.25, 0.7, 1.0, 1.0, 1.5, 4.0)))
    top_k = draw(st.one_of(st.none(), st.integers(1, 5), st.integers(1, vocab + 5)))
    top_p = draw(st.one_of(st.none(), st.sampled_from((0.1, 0.5, 0.9, 1.0)), st.floats(0.01, 1.0)))
    return logits, temperature, top_k, top_p


def oracle(logits: torch.Tensor, temperature, top_k, top_p) -> tuple[torch.Tensor, float]:
    rows = [shared.oracle_probabilities(row, temperature, top_k, top_p) for row in logits.double().tolist()]
    return torch.tensor([p for p, _ in rows], dtype=torch.float64), min(margin for _, margin in rows)


@pytest.mark.task("5.5")
@pytest.mark.points(5)
@given(filter_cases())
def test_probabilities_match_the_oracle(case):
    """Temperature on the logits, top-k, top-p keeping the crossing token, renormalized: as the oracle."""
    logits, temperature, top_k, top_p = case
    expected, margin = oracle(logits, temperature, top_k, top_p)
    assume(margin > 1e-4)
    got = sampling.next_token_probabilities(logits, temperature=temperature, top_k=top_k, top_p=top_p)
    assert tuple(got.shape) == tuple(logits.shape), (
        f"shape {tuple(got.shape)}, expected {tuple(logits.shape)}"
    )
    assert torch.isfinite(got).all(), f"non-finite probabilities {got.tolist()}"
    assert torch.allclose(got.double(), expected, atol=1e-5, rtol=0), (
        f"temperature {temperature}, top_k {top_k}, top_p {top_p}: largest difference "
        f"{(got.double() - expected).abs().max().item():.3g}\n"
        f"got      {got.tolist()}\nexpected {expected.tolist()}"
    )
    assert (got[expected == 0] == 0).all(), "a filtered token has a probability that is not exactly 0"


@st.composite
def shifted_cases(draw):
    """(logits (B, V) float32 near `shift`, temperature, top_k, top_p): distinct logits on a grid of
    quarters, so that they, their differences and their quotients by a power-of-two temperature are
    exact in float32 even near ±1e4, and top-k never meets a tie."""
    batch, vocab = draw(st.integers(1, 3)), draw(st.integers(2, 30))
    shift = draw(st.sampled_from((-1e4, 1e4, -5e3)))
    step = draw(st.sampled_from((0.25, 0.5, 1.0, 2.0)))
    generator = torch.Generator().manual_seed(draw(shared.seeds))
    logits = (
        torch.stack([torch.randperm(vocab, generator=generator) for _ in range(batch)]).float() * step + shift
    )
    temperature = draw(st.sampled_from((0.5, 1.0, 2.0)))
    top_k = draw(st.one_of(st.none(), st.integers(1, vocab + 2)))
    top_p = draw(st.one_of(st.none(), st.floats(0.01, 1.0)))
    return logits, temperature, top_k, top_p


@pytest.mark.task("5.5")
@pytest.mark.points(3)
@given(shifted_cases())
def test_filtered_tokens_get_exactly_zero_even_for_extreme_logits(case):
    """Logits near ±1e4: kept tokens as the oracle says, filtered ones exactly 0 (-inf, not a constant)."""
    logits, temperature, top_k, top_p = case
    expected, margin = oracle(logits, temperature, top_k, top_p)
    assume(margin > 1e-4)
    got = sampling.next_token_probabilities(logits, temperature=temperature, top_k=top_k, top_p=top_p)
    assert torch.isfinite(got).all(), f"non-finite probabilities {got.tolist()}"
    assert (got[expected == 0] == 0).all(), (
        f"logits near {logits[0, 0].item():g}, top_k {top_k}, top_p {top_p}: "
        "a filtered token has probability "
        f"{got[expected == 0].abs().max().item():.3g}, not exactly 0"
    )
    assert torch.allclose(got.double(), expected, atol=1e-5, rtol=0), (
        f"logits near {logits[0, 0].item():g}: largest difference {(got.double() - expected).abs().max():.3g}"
    )


SAMPLING_CASES = (  # (temperature, top_k, top_p) on LOGITS
    (1.0, None, None),
    (0.7, 6, None),
    (1.6, None, 0.8),
    (1.0, 5, 0.7),
)
LOGITS = [2.0, 1.6, 1.2, 1.0, 0.6, 0.2, 0.0, -0.4, -1.0, -1.5]


def sample_counts(temperature, top_k, top_p, seed):
    """Counts per token of 4 new tokens in each of 2500 rows (10,000 draws) from FixedLogits(LOGITS)."""
    model = FixedLogits(LOGITS)
    prompt = torch.zeros(2500, 1, dtype=torch.int64)
    out = sampling.generate(
        model,
        prompt,
        4,
        temperature=temperature,
        top_k=top_k,
        top_p=top_p,
        generator=torch.Generator().manual_seed(seed),
    )
    assert tuple(out.shape) == (2500, 5), f"output shape {tuple(out.shape)}, expected (2500, 5)"
    return torch.bincount(out[:, 1:].reshape(-1), minlength=len(LOGITS)).tolist()


@pytest.mark.task("5.5")
@pytest.mark.points(4)
def test_sampled_frequencies_match_the_filtered_distribution():
    """10,000 draws per setting: chi-square against the oracle's distribution, p >= 1e-6 (four checks)."""
    for seed, (temperature, top_k, top_p) in enumerate(SAMPLING_CASES):
        expected, _ = shared.oracle_probabilities(LOGITS, temperature, top_k, top_p)
        counts = sample_counts(temperature, top_k, top_p, seed)
        assert min(10_000 * p for p in expected if p > 0) >= 10, (
            "the test's expected counts must be at least 10"
        )
        p_value = shared.chi_square_p_value(counts, expected)
        assert p_value >= shared.ALPHA, (
            f"temperature {temperature}, top_k {top_k}, top_p {top_p}: "
            f"counts {counts} do not fit the expected "
            f"{[round(10_000 * p) for p in expected]} (chi-square p = {p_value:.2g})"
        )


@pytest.mark.task("5.5")
@pytest.mark.points(3)
def test_filtered_tokens_never_appear():
    """In 10,000 draws per setting, no token outside top-k / top-p is ever drawn, and every kept one is."""
    for seed, (temperature, top_k, top_p) in enumerate(SAMPLING_CASES):
        expected, _ = shared.oracle_probabilities(LOGITS, temperature, top_k, top_p)
        counts = sample_counts(temperature, top_k, top_p, 100 + seed)
        drawn_filtered = [t for t, (c, p) in enumerate(zip(counts, expected)) if p == 0 and c]
        never_drawn = [t for t, (c, p) in enumerate(zip(counts, expected)) if p > 0 and not c]
        assert not drawn_filtered, (
            f"top_k {top_k}, top_p {top_p}: filtered tokens {drawn_filtered} were drawn"
        )
        assert not never_drawn, f"top_k {top_k}, top_p {top_p}: kept tokens {never_drawn} were never drawn"


@pytest.mark.task("5.5")
@pytest.mark.points(3)
def test_temperature_zero_and_top_k_one_are_greedy():
    """Temperature 0 (with or without filters) and top-k = 1 at any temperature give argmax decoding."""
    model = shared.tiny_gpt(1)
    prompt = torch.tensor([[1, 2, 3], [4, 4, 4], [12, 0, 7]])
    expected = shared.greedy_oracle(model, prompt, 5)
    runs = {
        "temperature 0": dict(temperature=0.0),
        "temperature 0, top_p 0.5, top_k 3": dict(temperature=0.0, top_p=0.5, top_k=3),
        "top_k 1": dict(temperature=1.0, top_k=1),
        "top_k 1, temperature 2": dict(temperature=2.0, top_k=1),
    }
    for label, options in runs.items():
        got = sampling.generate(model, prompt, 5, generator=torch.Generator().manual_seed(0), **options)
        assert torch.equal(got, expected), f"{label}: got {got.tolist()}, greedy gives {expected.tolist()}"


@pytest.mark.task("5.5")
@pytest.mark.points(2)
def test_the_same_seed_gives_the_same_tokens():
    """The same generator seed gives the same tokens whatever the global seed; other seeds, others."""
    model = shared.tiny_gpt(2)
    with torch.no_grad():
        model.head.weight.div_(50)  # back to a flat distribution: many possible continuations
    prompt = torch.tensor([[3, 1, 4], [1, 5, 9]])
    outputs = []
    for seed in (7, 7, 8, 9):
        torch.manual_seed(seed * 31 + len(outputs))  # a different global state for every call
        outputs.append(
            sampling.generate(
                model, prompt, 6, temperature=1.0, generator=torch.Generator().manual_seed(seed)
            )
        )
    assert torch.equal(outputs[0], outputs[1]), (
        "the same generator seed gave different tokens: is the generator used?"
    )
    assert not (torch.equal(outputs[0], outputs[2]) and torch.equal(outputs[0], outputs[3])), (
        "three seeds, one text"
    )


@pytest.mark.task("5.5")
@pytest.mark.points(4)
def test_stop_token_ends_each_row_and_pads_it():
    """A row that produced stop_id gets stop_id from then on; generation ends when every row has stopped."""
    stop = 9
    scripts = [
        [1, stop, 2, 3, 4, 5, 6, 7],
        [3, 4, 5, stop, 1, 1, 1, 1],
        [stop, 1, 2, 3, 4, 5, 6, 7],
        [2, 2, 2, 2, 2, 2, 2, 2],
    ]
    prompt = torch.tensor([[0], [1], [2]])
    for label, options in {
        "greedy": dict(temperature=0.0),
        "sampled": dict(temperature=1.0, top_p=0.9),
    }.items():
        generator = torch.Generator().manual_seed(0)
        got = sampling.generate(
            ScriptedModel(scripts), prompt, 6, stop_id=stop, generator=generator, **options
        )
        expected = [[0, 1, stop, stop, stop], [1, 3, 4, 5, stop], [2, stop, stop, stop, stop]]
        assert got.tolist() == expected, f"{label}: got {got.tolist()}, expected {expected}"
        got = sampling.generate(
            ScriptedModel(scripts), torch.tensor([[0], [3]]), 4, stop_id=stop, generator=generator, **options
        )
        expected = [[0, 1, stop, stop, stop], [3, 2, 2, 2, 2]]
        assert got.tolist() == expected, (
            f"{label}, one row never stops: got {got.tolist()}, expected {expected}"
        )
        got = sampling.generate(
            ScriptedModel(scripts), torch.tensor([[3]]), 5, generator=generator, **options
        )
        assert got.tolist() == [[3, 2, 2, 2, 2, 2]], f"{label}, no stop_id: got {got.tolist()}"


@pytest.mark.task("5.5")
@pytest.mark.points(2)
def test_rows_of_a_batch_do_not_interfere():
    """Greedy decoding of a batch equals decoding each row alone; prompts come back unchanged."""
    model = shared.tiny_gpt(3)
    prompt = torch.tensor([[5, 6, 7, 8], [0, 0, 0, 1], [12, 11, 10, 9]])
    together = sampling.generate(model, prompt, 4, temperature=0.0)
    assert tuple(together.shape) == (3, 8)
    assert_equal(together[:, :4], prompt, what="the prompt")
    for row in range(3):
        alone = sampling.generate(model, prompt[row : row + 1], 4, temperature=0.0)
        assert torch.equal(together[row], alone[0]), (
            f"row {row}: {together[row].tolist()} in a batch, {alone[0].tolist()} alone"
        )
    assert torch.equal(sampling.generate(model, prompt, 0, temperature=0.0), prompt), (
        "0 new tokens: the prompt"
    )


@pytest.mark.task("5.5")
@pytest.mark.points(3)
def test_the_context_window_slides():
    """Past context_length (8) only the last 8 tokens are fed: prompts of 5 and 10 tokens both grow."""
    model = shared.tiny_gpt(4)
    for prompt in (
        torch.tensor([[1, 2, 3, 4, 5]]),
        torch.tensor([[3, 1, 4, 1, 5, 9, 2, 6, 5, 3], [2, 7, 1, 8, 2, 8, 1, 8, 2, 8]]),
    ):
        expected = shared.greedy_oracle(model, prompt, 12)
        got = sampling.generate(model, prompt, 12, temperature=0.0)
        assert torch.equal(got, expected), (
            f"prompt of {prompt.shape[1]}: got {got.tolist()}, expected {expected.tolist()}"
        )
    sampled = sampling.generate(
        model, prompt, 12, temperature=1.0, generator=torch.Generator().manual_seed(0)
    )
    assert tuple(sampled.shape) == (2, 22)


@pytest.mark.task("5.5")
@pytest.mark.points(3)
def test_top_p_keeps_the_crossing_token_and_never_nothing():
    """Probabilities [0.5, 0.3, 0.15, 0.05]: p 0.45 keeps 1 token, 0.6 keeps 2, 0.85 keeps 3, 0.01 keeps 1."""
    logits = torch.tensor([[0.15, 0.5, 0.05, 0.3]]).log()
    for top_p, kept in (
        (0.45, [1]),
        (0.6, [1, 3]),
        (0.79, [1, 3]),
        (0.85, [1, 3, 0]),
        (0.99, [1, 3, 0, 2]),
        (0.01, [1]),
    ):
        got = sampling.next_token_probabilities(logits, top_p=top_p)[0]
        assert torch.isfinite(got).all(), f"top_p {top_p}: probabilities {got.tolist()}"
        assert sorted(torch.nonzero(got).flatten().tolist()) == sorted(kept), (
            f"top_p {top_p}: kept {torch.nonzero(got).flatten().tolist()}, expected {kept}"
        )
        assert abs(got.sum().item() - 1) < 1e-6, f"top_p {top_p}: probabilities sum to {got.sum().item()}"
    sure = torch.tensor([[0.0, 50.0, -3.0]])  # one token holds all the mass in float32
    assert sampling.next_token_probabilities(sure, top_p=0.3)[0].tolist() == [0.0, 1.0, 0.0]


@pytest.mark.task("5.5")
@pytest.mark.points(1)
def test_top_k_larger_than_the_vocabulary_keeps_everything():
    """top_k = V, V + 1 and 1000 on V = 5: the plain softmax."""
    logits = torch.tensor([[1.0, -2.0, 0.5, 3.0, 0.0], [0.0, 0.0, 0.0, 0.0, 0.0]])
    for top_k in (5, 6, 1000):
        got = sampling.next_token_probabilities(logits, top_k=top_k)
        assert torch.allclose(got, logits.softmax(-1), atol=1e-6), f"top_k {top_k}: {got.tolist()}"


@pytest.mark.task("5.5")
@pytest.mark.points(2)
def test_bad_settings_are_rejected():
    """Negative temperature, top_k < 1, top_p <= 0 or > 1: ValueError, from both functions."""
    logits = torch.zeros(1, 4)
    for options in (
        dict(temperature=-0.5),
        dict(top_k=0),
        dict(top_p=0.0),
        dict(top_p=1.5),
        dict(temperature=-1e-9),
    ):
        with pytest.raises(ValueError):
            sampling.next_token_probabilities(logits, **options)
    with pytest.raises(ValueError):
        sampling.generate(FixedLogits([0.0, 1.0]), torch.zeros(1, 1, dtype=torch.int64), 3, temperature=-1.0)
