"""Task 3.4: special tokens put into a regex without regex.escape.

"<|endoftext|>" contains "|", so unescaped it is the alternation "<" or "endoftext" or ">":
its pieces match first, the whole special is never found, and it is encoded as ordinary text.
"""
# ruff: noqa: F821


def encode(self, text):
    _require_str(text)
    if not self.special_tokens:
        return self.encode_ordinary(text)
    pattern = "|".join(sorted(self.special_tokens, key=len, reverse=True))
    ids, start = [], 0
    for match in regex.finditer(pattern, text):
        if match.group() not in self.special_tokens:
            continue  # the learner's guard: not a special after all, leave it to the next piece
        ids.extend(self.encode_ordinary(text[start : match.start()]))
        ids.append(self.special_tokens[match.group()])
        start = match.end()
    ids.extend(self.encode_ordinary(text[start:]))
    return ids


Tokenizer.encode = encode
