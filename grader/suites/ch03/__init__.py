"""Hidden tests of chapter 3 (tokenization), one file per task area, and the oracles they share."""
