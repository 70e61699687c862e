"""Hidden tests of chapter 8 (deployment), one file per exercise module, and the oracles they share."""
