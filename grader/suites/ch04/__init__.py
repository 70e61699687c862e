"""Hidden tests of chapter 4 (architecture), one file per task, and the oracles they share."""
