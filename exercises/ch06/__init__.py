"""Chapter 6 — supervised fine-tuning: chat templates, loss masks and packing.

Read the modules in this order; each adds one idea to the one before:
`tokens` (a tiny byte-level tokenizer with role and end-of-turn tokens, given), `template`
(a conversation becomes one token sequence), `masking` (inputs, shifted labels and the
assistant-only loss mask), `packing` (several examples per fixed-length row without leaks),
`loss` (cross-entropy over the supervised tokens only).
"""
