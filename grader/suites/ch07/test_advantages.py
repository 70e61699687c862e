"""Task 7.3 (hidden) — group-relative advantages against a plain-Python oracle, and their invariants.

Rewards are drawn the way RL produces them: 0/1 correctness, correctness plus a weighted format
bonus, and arbitrary values within ±10 (in float64). Groups whose rewards are all equal come up
often, by construction. The oracle is `shared.advantages_oracle`.
"""

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from grader.checks import assert_equal
from grader.loader import implementation
from grader.suites.ch07 import shared

adv = implementation("ch07.advantages")

EPS = 1e-4
# Reward values whose sums and means are exact in float32 as well, for float32 comparisons.
DYADIC = (0.0, 0.25, 0.5, 1.0, 1.25, 2.0, -1.0)


@st.composite
def reward_groups(draw, dtypes=shared.dtypes, max_groups: int = 6, max_size: int = 16) -> torch.Tensor:
    """Rewards (G, N) or (N,): rows of one kind each (0/1, 0/1 plus 0.1 * format, dyadic, any
    value within ±10 with spreads of at least 1e-3), some rows all equal."""
    dtype = draw(dtypes)
    groups, size = draw(st.integers(1, max_groups)), draw(st.integers(1, max_size))
    if dtype == torch.float32:
        kinds = ("dyadic", "equal")
    else:
        kinds = ("binary", "binary with format", "dyadic", "any", "equal")
    rows = []
    for _ in range(groups):
        kind = draw(st.sampled_from(kinds))
        if kind == "binary":
            row = draw(st.lists(st.sampled_from((0.0, 1.0)), min_size=size, max_size=size))
        elif kind == "binary with format":
            row = [
                c + 0.1 * f
                for c, f in draw(
                    st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1)), min_size=size, max_size=size)
                )
            ]
        elif kind == "dyadic":
            row = draw(st.lists(st.sampled_from(DYADIC), min_size=size, max_size=size))
        elif kind == "any":
            row = [
                k / 1000 for k in draw(st.lists(st.integers(-10_000, 10_000), min_size=size, max_size=size))
            ]
        else:
            row = [draw(st.floats(-10, 10, allow_subnormal=False))] * size
        rows.append(row)
    rewards = torch.tensor(rows, dtype=dtype)
    return rewards[0] if groups == 1 and draw(st.booleans()) else rewards


def oracle(rewards: torch.Tensor, eps: float = EPS) -> torch.Tensor:
    rows = rewards.double().reshape(-1, rewards.shape[-1]).tolist()
    return torch.tensor(shared.advantages_oracle(rows, eps), dtype=torch.float64).reshape(rewards.shape)


@pytest.mark.task("7.3")
@pytest.mark.points(5)
@given(reward_groups(dtypes=st.just(torch.float64)))
def test_matches_the_oracle(rewards):
    """(r - mean) / (population std + 1e-4) per row, exactly 0 for equal rows; (N,) and (G, N), float64."""
    got = adv.group_advantages(rewards)
    shared.assert_close(got, oracle(rewards), **shared.F64_TOLERANCE, what="advantages")
    assert got.dtype == torch.float64, f"dtype {got.dtype}, expected float64 (the rewards' dtype)"


@pytest.mark.task("7.3")
@pytest.mark.points(2)
@given(reward_groups(dtypes=st.just(torch.float32)), st.sampled_from((1e-4, 1e-2, 0.5, 1e-8)))
def test_float32_and_any_eps(rewards, eps):
    """float32 rewards give float32 advantages equal to the oracle; eps is the one given."""
    got = adv.group_advantages(rewards, eps=eps)
    assert got.dtype == torch.float32, f"dtype {got.dtype}, expected float32"
    shared.assert_close(got, oracle(rewards, eps), **shared.F32_TOLERANCE, what=f"advantages with eps={eps}")


@pytest.mark.task("7.3")
@pytest.mark.points(3)
@given(
    st.floats(-1e6, 1e6, allow_subnormal=False) | st.sampled_from((0.0, 1.0, 0.1, 0.7, 1.1, -0.3)),
    st.integers(1, 33),
    shared.dtypes,
)
def test_a_group_of_equal_rewards_gives_exactly_zero(value, size, dtype):
    """All equal (all right, all wrong, any value: the float mean may not equal it exactly): zeros, no nan."""
    rewards = torch.full((size,), value, dtype=dtype)
    got = adv.group_advantages(rewards)
    assert torch.equal(got, torch.zeros_like(rewards)), (
        f"{size} x {rewards[0].item()!r}: got {got.tolist()[:4]}"
    )
    mixed = torch.stack([rewards, torch.arange(size, dtype=dtype) % 2, torch.zeros(size, dtype=dtype)])
    got = adv.group_advantages(mixed)
    assert torch.isfinite(got).all(), "nan or inf: a zero standard deviation divided something"
    assert_equal(got[0], torch.zeros_like(rewards), what="row 0")
    assert_equal(got[2], torch.zeros_like(rewards), what="row 2")


@pytest.mark.task("7.3")
@pytest.mark.points(3)
@settings(max_examples=30)  # a property that fails at once when broken
@given(reward_groups(dtypes=st.just(torch.float64)), st.data())
def test_adding_a_constant_to_a_group_changes_nothing(rewards, data):
    """rewards + c (a different c per group, |c| <= 100): the same advantages."""
    rows = rewards.reshape(-1, rewards.shape[-1])
    shifts = torch.tensor(data.draw(st.lists(st.integers(-800, 800), min_size=len(rows), max_size=len(rows))))
    shifted = (rows + shifts.double().unsqueeze(-1) / 8).reshape(rewards.shape)
    tolerance = {"atol": 1e-8, "rtol": 1e-8}  # shifting rounds the rewards by up to 1e-14
    shared.assert_close(
        adv.group_advantages(shifted), adv.group_advantages(rewards), **tolerance, what="shifted"
    )
    shared.assert_close(adv.group_advantages(rewards), oracle(rewards), **shared.F64_TOLERANCE)


@pytest.mark.task("7.3")
@pytest.mark.points(2)
@settings(max_examples=30)  # a property that fails at once when broken
@given(reward_groups(dtypes=st.just(torch.float64)))
def test_each_group_is_centered_with_population_spread(rewards):
    """Every row sums to 0; its population std is std / (std + eps), just under 1."""
    got = adv.group_advantages(rewards).reshape(-1, rewards.shape[-1])
    rows = rewards.reshape(-1, rewards.shape[-1])
    shared.assert_close(
        got.sum(-1), torch.zeros(len(rows), dtype=torch.float64), atol=1e-8, rtol=0, what="row sums"
    )
    std = rows.std(-1, unbiased=False)
    expected = torch.where(std > 0, std / (std + EPS), torch.zeros_like(std))
    expected[(rows == rows[:, :1]).all(-1)] = 0.0
    shared.assert_close(got.std(-1, unbiased=False), expected, atol=1e-9, rtol=1e-9, what="row std")


@pytest.mark.task("7.3")
@pytest.mark.points(2)
def test_pinned_examples():
    """[1, 0, 0, 1] gives ±0.5 / 0.5001; [0, 3] with eps 0.5 gives ±0.75; a group of one gives 0."""
    got = adv.group_advantages(torch.tensor([1.0, 0.0, 0.0, 1.0], dtype=torch.float64))
    expected = torch.tensor([1.0, -1.0, -1.0, 1.0], dtype=torch.float64) * 0.5 / 0.5001
    shared.assert_close(got, expected, **shared.F64_TOLERANCE)
    got = adv.group_advantages(torch.tensor([[0.0, 3.0]], dtype=torch.float64), eps=0.5)
    shared.assert_close(got, torch.tensor([[-0.75, 0.75]], dtype=torch.float64), **shared.F64_TOLERANCE)
    got = adv.group_advantages(torch.tensor([[0.0], [5.0]]))
    assert_equal(got, torch.zeros(2, 1))
    rewards = torch.tensor([1.1, 1.0, 0.1, 0.0], dtype=torch.float64)  # the lesson's worked example
    std = 0.2525**0.5
    expected = torch.tensor([0.55, 0.45, -0.45, -0.55], dtype=torch.float64) / (std + 1e-4)
    shared.assert_close(adv.group_advantages(rewards), expected, **shared.F64_TOLERANCE)


@pytest.mark.task("7.3")
@pytest.mark.points(2)
@settings(max_examples=20)  # a property that fails at once when broken
@given(reward_groups())
def test_shape_dtype_and_input_are_kept(rewards):
    """The result has the rewards' shape and dtype; the input is not modified; int rewards become float32."""
    snapshot = rewards.clone()
    got = adv.group_advantages(rewards)
    assert isinstance(got, torch.Tensor) and got.shape == rewards.shape and got.dtype == rewards.dtype
    assert torch.equal(rewards, snapshot), "group_advantages modified its input"
    integers = torch.tensor([[1, 0, 0, 1], [3, 3, 3, 3]])
    got = adv.group_advantages(integers)
    assert got.dtype == torch.float32
    shared.assert_close(got, oracle(integers.double()), **shared.F32_TOLERANCE)


@pytest.mark.task("7.3")
@pytest.mark.points(1)
@settings(max_examples=20)  # a property that fails at once when broken
@given(reward_groups(dtypes=st.just(torch.float64), max_groups=5).filter(lambda r: r.dim() == 2))
def test_groups_do_not_mix(rewards):
    """Each row of (G, N) gives what it gives alone: no statistic is taken over the whole batch."""
    got = adv.group_advantages(rewards)
    for row in range(rewards.shape[0]):
        shared.assert_close(got[row], adv.group_advantages(rewards[row].clone()), **shared.F64_TOLERANCE)
