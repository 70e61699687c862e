"""Hidden tests of chapter 7 (reinforcement learning), one file per task, and what they share."""
