"""Task 3.6: load_tokenizer accepts a newer format version.

Writing the version into the file is easy to remember; checking it on load is easy to forget,
and then a file from a newer release with a changed layout is silently mis-read.
"""
# ruff: noqa: F821


def load_tokenizer(path):
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise TokenizerFileError(f"{path} is not valid JSON: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise TokenizerFileError(f"{path} is not a {FORMAT} file")
    try:
        merges = {(left, right): merged for left, right, merged in document["merges"]}
        return Tokenizer(
            merges,
            byte_ids=document["byte_ids"],
            pattern=document["pattern"],
            special_tokens=document["special_tokens"],
        )
    except (KeyError, TypeError, ValueError, regex.error) as error:
        raise TokenizerFileError(f"{path} is corrupted: {error}") from None
