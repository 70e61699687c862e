"""Chapter 7 — reinforcement learning: verifiable rewards, group advantages, policy gradient.

Read the modules in this order; each adds one step of the RL loop to the one before:
`answers` (find a completion's final answer and read the number it states), `math_reward`
(1 for the right answer, 0 otherwise, with the reason), `format_reward` (is the answer laid out as
asked, and a weighted sum of both), `advantages` (how much better than its group each sample
did), `policy_gradient` (per-token log-probs and the loss that makes good samples likelier).
"""
