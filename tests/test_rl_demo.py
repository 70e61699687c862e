"""`python -m llmdd.rl_demo`, chapter 7's RL demonstration, cut down to a few steps so it cannot rot."""

import csv

import torch

from grader.loader import selected
from llmdd import rl_demo, text


def test_the_warm_up_format_earns_full_reward_and_a_wrong_sum_none():
    """The completions the warm-up imitates are what the reference `math_reward` pays for."""
    rl = rl_demo.chapter7("solutions")
    ids = torch.tensor([rl_demo.completion_ids("7"), rl_demo.completion_ids("8")])
    assert ids.shape == (2, rl_demo.ANSWER_TOKENS)
    problem = rl_demo.Problem("3+4=", "7")
    assert rl_demo.rewards(rl, [problem, problem], ids).tolist() == [1.0, 0.0]


def test_the_completion_mask_stops_after_the_first_end_of_text():
    """Tokens up to and including the first <|endoftext|> are trained on; the padding after it is not."""
    end = text.END_OF_TEXT
    completions = torch.tensor([[35, 55, end, end], [35, 35, 35, 35]])
    expected = [[True, True, True, False], [True, True, True, True]]
    assert rl_demo.completion_mask(completions).tolist() == expected


def test_a_short_run_writes_the_curve_and_leaves_the_selected_implementation_alone(tmp_path):
    """Two warm-up and three RL steps: the CSV has every step, rewards and accuracies in [0, 1], a plot."""
    before = selected()
    rl_demo.main([
        "--impl", "solutions", "--out", str(tmp_path), "--warmup-steps", "2", "--steps", "3",
        "--prompts", "4", "--group-size", "2", "--eval-every", "2",
    ])  # fmt: skip
    with (tmp_path / "rl_accuracy.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [int(row["step"]) for row in rows] == [0, 1, 2, 3]
    assert [row["greedy_accuracy"] != "" for row in rows] == [True, False, True, True]
    assert all(0 <= float(row["mean_reward"]) <= 1 for row in rows[1:])
    assert all(0 <= float(row["greedy_accuracy"]) <= 1 for row in rows if row["greedy_accuracy"])
    assert (tmp_path / "rl_accuracy.png").stat().st_size > 0
    assert selected() == before
