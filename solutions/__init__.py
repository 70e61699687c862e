"""Reference implementations: the same files and API as `exercises/`, with the learner's regions filled in."""
