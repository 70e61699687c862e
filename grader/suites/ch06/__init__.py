"""Hidden tests of chapter 6 (supervised fine-tuning), one file per task, and the oracles they share."""
