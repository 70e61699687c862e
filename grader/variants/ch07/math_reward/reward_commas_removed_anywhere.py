"""Task 7.1: every comma is deleted before reading the number, wherever it is.

`text.replace(",", "")` is the usual shortcut for thousands separators, but it also reads "12,34"
(12.34 written with a decimal comma) as 1234 and "1,0000" as 10000: wrong answers that happen to
share digits with the gold answer are paid in full.
"""
# ruff: noqa: F821

_reference_parse_number = parse_number


def parse_number(text):
    return _reference_parse_number(text.replace(",", ""))
