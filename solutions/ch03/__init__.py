"""Chapter 3 — tokenization: a byte-level BPE tokenizer that reproduces tiktoken's cl100k_base.

Read the modules in this order; each adds one idea to the one before:
`patterns` (regex pre-tokenization), `pairs` (count and merge pairs), `training` (learn merges fast),
`tokenizer` (encode, special tokens, decode), `persistence` (a versioned file), `tiktoken_ranks`
(load real merge ranks).
"""
