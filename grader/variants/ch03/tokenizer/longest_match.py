"""Task 3.3: encodes by greedy longest vocabulary match, not by merge rank.

Taking the longest known token at each position sounds like what a tokenizer should do (it is
how WordPiece works), and it often gives the same ids; but BPE applies the earliest-learned
merge first, and on real text the two disagree.
"""
# ruff: noqa: F821


def _longest_match_chunk(self, chunk):
    by_bytes = self.__dict__.get("_by_bytes")
    if by_bytes is None:
        specials = set(self.special_tokens.values())
        by_bytes = {b: i for i, b in self.vocab.items() if i not in specials}
        self._by_bytes = by_bytes
        self._longest = max(map(len, by_bytes))
    ids, start = [], 0
    while start < len(chunk):
        for end in range(min(len(chunk), start + self._longest), start, -1):
            token_id = by_bytes.get(chunk[start:end])
            if token_id is not None:
                ids.append(token_id)
                start = end
                break
    return ids


def encode_ordinary(self, text):
    _require_str(text)
    ids = []
    for chunk in self._compiled.findall(text):
        ids.extend(_longest_match_chunk(self, chunk.encode("utf-8")))
    return ids


Tokenizer.encode_ordinary = encode_ordinary
