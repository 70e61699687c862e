"""The course's own tests: `pytest` at the repository root."""
