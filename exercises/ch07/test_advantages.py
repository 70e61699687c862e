"""Task 7.3 — group-relative advantages."""

import pytest
import torch

from grader.checks import assert_close
from grader.loader import implementation

adv = implementation("ch07.advantages")
task = pytest.mark.task("7.3")


@task
def test_half_right_gives_plus_and_minus_one():
    """[1, 0, 0, 1]: mean 0.5, population std 0.5, so ±0.5 / (0.5 + 1e-4)."""
    expected = torch.tensor([1.0, -1.0, -1.0, 1.0]) * 0.5 / (0.5 + 1e-4)
    assert_close(adv.group_advantages(torch.tensor([1.0, 0.0, 0.0, 1.0])), expected)


@task
def test_std_is_the_population_std_and_eps_is_a_parameter():
    """[0, 3]: mean 1.5, population std 1.5 (the sample std would be 2.12); eps=0.5 gives ±1.5 / 2."""
    assert_close(adv.group_advantages(torch.tensor([0.0, 3.0]), eps=0.5), torch.tensor([-0.75, 0.75]))


@task
def test_equal_rewards_give_exactly_zero():
    """All right, all wrong, or seven copies of 0.7 (whose float mean is not exactly 0.7): zeros."""
    for rewards in ([1.0] * 4, [0.0] * 4, [0.7] * 7, [5.0]):
        got = adv.group_advantages(torch.tensor(rewards))
        assert torch.equal(got, torch.zeros(len(rewards))), f"{rewards}: got {got.tolist()}"


@task
def test_groups_are_rows():
    """(G, N) rewards: each row is normalized on its own; shape and dtype are kept."""
    rewards = torch.tensor(
        [[1.0, 0.0, 0.0, 1.0], [2.0, 2.0, 2.0, 2.0], [0.0, 1.1, 0.1, 1.0]], dtype=torch.float64
    )
    got = adv.group_advantages(rewards)
    assert got.shape == (3, 4) and got.dtype == torch.float64
    for row in range(3):
        assert_close(got[row], adv.group_advantages(rewards[row]))
    assert_close(got[1], torch.zeros(4, dtype=torch.float64))


@task
def test_adding_a_constant_to_a_group_changes_nothing():
    """Rewards + 10 give the same advantages: only differences within the group matter."""
    rewards = torch.tensor([0.0, 1.1, 0.1, 1.0], dtype=torch.float64)
    assert_close(adv.group_advantages(rewards + 10), adv.group_advantages(rewards))
