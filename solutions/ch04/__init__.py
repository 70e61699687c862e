"""Chapter 4 — architecture: causal self-attention, the transformer block and a tiny GPT.

Read the modules in this order: `softmax` (a numerically stable softmax), `attention` (scaled
dot-product attention with a causal mask), `multi_head` (heads, projections), `model` (blocks and
the tiny GPT), `memory_efficient` (attention without the T×T score matrix).
"""
