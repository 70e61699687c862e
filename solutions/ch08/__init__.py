"""Chapter 8 — deployment: a KV cache for fast decoding, and weight quantization for small models.

Read the modules in this order: `kv_cache` (keep each layer's keys and values so a decoding step
computes one new token instead of the whole prefix), `generation` (the generation loop on top of
the cache), `int8` (symmetric per-channel quantization), `uint8` (asymmetric, with a zero
point), `int4` (group-wise scales, two values per byte), `quantized_linear` (a drop-in
replacement for the tiny GPT's linear layers, and how much memory it saves).
"""
