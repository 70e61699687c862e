"""Task 3.4: the first-registered special wins, splitting a longer one.

Joining the specials into one regex alternation in dict order looks complete, but an
alternation takes the first alternative that matches, not the longest: with "<|end|>"
registered before "<|end|>!", the text "<|end|>!" becomes "<|end|>" plus an ordinary "!".
"""
# ruff: noqa: F821


def encode(self, text):
    _require_str(text)
    if not self.special_tokens:
        return self.encode_ordinary(text)
    specials = regex.compile("|".join(regex.escape(s) for s in self.special_tokens))
    ids, start = [], 0
    for match in specials.finditer(text):
        ids.extend(self.encode_ordinary(text[start : match.start()]))
        ids.append(self.special_tokens[match.group()])
        start = match.end()
    ids.extend(self.encode_ordinary(text[start:]))
    return ids


Tokenizer.encode = encode
