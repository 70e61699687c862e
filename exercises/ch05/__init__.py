"""Chapter 5 — pretraining: next-token training of the tiny GPT on real text, and sampling from it."""
