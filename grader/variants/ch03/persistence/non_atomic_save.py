"""Task 3.6: save_tokenizer writes in place, so a failed save leaves half a file.

`with open(path, "w") as f: json.dump(document, f)` truncates the old file first and then
streams the new one: if anything fails midway, the user is left with neither version.
"""
# ruff: noqa: F821


def save_tokenizer(tokenizer, path):
    document = {
        "format": FORMAT,
        "version": VERSION,
        "pattern": tokenizer.pattern,
        "byte_ids": tokenizer.byte_ids,
        "merges": [[left, right, merged] for (left, right), merged in tokenizer.merges.items()],
        "special_tokens": tokenizer.special_tokens,
    }
    with open(path, "w", encoding="utf-8") as file:
        json.dump(document, file, ensure_ascii=False)
