r"""Task 7.1 (part 1) — find a completion's final answer, and read the number it states.

A reward for math problems has to decide what the model *answered* before it can decide whether
the answer is right. Models write a lot more than the answer (the reasoning, intermediate
results, sometimes an example copied from the prompt), so the answer must be marked. Two marks
count, the two used by the common math data sets:

* `\boxed{...}`, as in MATH and most reasoning models: everything between the braces, which may
  nest (`\boxed{\frac{1}{2}}` holds `\frac{1}{2}`). Every box in the completion is an answer.
* `#### ...`, as in GSM8K: the completion's *last non-blank line* (lines as `str.splitlines()`
  cuts them), when it starts with `####` after optional whitespace. The rest of that line is
  the answer. A `####` line anywhere else is ordinary text (a Markdown heading, say).

A box whose closing brace never comes (the model ran out of tokens) is an answer that was cut
off; it is reported as `None`, and no number can be read from it.

>>> final_answers("12 + 30 = 42, so the answer is \\boxed{42}.")
['42']
>>> final_answers("Let me think.\n#### 1,234")
['1,234']
>>> final_answers("\\boxed{\\frac{1}{2}} and then \\boxed{0.5")
['\\frac{1}{2}', None]

Reading a number, `parse_number` turns the many ways of writing one value into one exact
`fractions.Fraction`, so that equal values compare equal and unequal ones never do (floats
would call 0.1 + 0.2 and 0.3 different, and 10**30 and 10**30 + 1 equal). Exactly these forms
are numbers; anything else gives `None`:

* surrounding whitespace (as `str.strip` removes it) is ignored;
* at most one sign, `+`, `-` or the Unicode minus `−` (U+2212), before or after an optional
  leading dollar sign `$` or `\$` (`-$5`, `$-5`, `- 5`: whitespace may follow a sign or `$`);
* an unsigned decimal: ASCII digits, optionally grouped in threes by commas (`1,234,567`; the
  first group 1-3 digits, every later group exactly 3: `12,34` is not a number), optionally
  followed by a decimal point and more digits (`42.`, `42.50`, `.5`); trailing zeros change
  nothing;
* or a fraction of two such decimals, `a/b` (whitespace allowed around the slash), or
  `\frac{a}{b}` (also `\dfrac`, `\tfrac`), with the sign, if any, before it; a zero denominator
  is not a number.

So `"-1,000.50"`, `"−1000.5"`, `"$-1,000.5"`, `"-2001/2"` and `"-\frac{2001}{2}"` all read as
-2001/2. Words, units, percent signs, exponents (`1e5`), `nan`, `inf`, other scripts' digits and
expressions (`2+3`) are not numbers. Numbers of any length are read exactly.
"""

import re
from fractions import Fraction

BOX = "\\boxed{"
FINAL_LINE = "####"


def final_answers(completion: str) -> list[str | None]:
    """The completion's final answers, in order: the contents of each `\\boxed{...}` (braces inside
    are matched, and a box inside a box is part of the outer one's contents), then, if the last
    non-blank line starts with `####` (after optional whitespace), the rest of that line, stripped.
    A box that is never closed gives `None` and ends the search for boxes. No answer gives `[]`.
    """
    ### BEGIN SOLUTION 7.1
    answers: list[str | None] = []
    start = completion.find(BOX)
    while start != -1:
        inside, depth = start + len(BOX), 1
        position = inside
        while position < len(completion) and depth:
            depth += {"{": 1, "}": -1}.get(completion[position], 0)
            position += 1
        if depth:  # cut off: the rest of the completion is inside the box
            answers.append(None)
            break
        answers.append(completion[inside : position - 1])
        start = completion.find(BOX, position)
    lines = [line for line in completion.splitlines() if line.strip()]
    if lines and lines[-1].lstrip().startswith(FINAL_LINE):
        answers.append(lines[-1].lstrip()[len(FINAL_LINE) :].strip())
    return answers
    ### END SOLUTION


def parse_number(text: str) -> Fraction | None:
    r"""The exact value `text` writes in one of the forms above, or `None` if it is not a number.

    >>> parse_number(" $1,234.50 ")
    Fraction(2469, 2)
    >>> parse_number("−\\frac{3}{4}")
    Fraction(-3, 4)
    >>> parse_number("42 apples") is None
    True
    """
    ### BEGIN SOLUTION 7.1
    decimal = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+"
    # Whitespace only ever follows a mandatory token: no two `\s*` compete for the same spaces,
    # so a long run of them cannot make the match backtrack.
    pattern = rf"""(?:(?P<sign>[-+\u2212])\s*)?
        (?:\\?\$\s*)?
        (?:(?P<late_sign>[-+\u2212])\s*)?
        (?:
            (?P<numerator>{decimal})(?:\s*/\s*(?P<denominator>{decimal}))?
          | \\[dt]?frac\{{\s*(?P<frac_numerator>{decimal})\s*\}}\{{\s*(?P<frac_denominator>{decimal})\s*\}}
        )"""
    match = re.fullmatch(pattern, text.strip(), re.VERBOSE)  # `re` caches the compiled pattern
    if match is None or (match["sign"] and match["late_sign"]):
        return None
    value = exact_decimal(match["numerator"] or match["frac_numerator"])
    denominator = match["denominator"] or match["frac_denominator"]
    if denominator is not None:
        divisor = exact_decimal(denominator)
        if divisor == 0:
            return None
        value /= divisor
    negative = (match["sign"] or match["late_sign"] or "+") != "+"
    return -value if negative else value
    ### END SOLUTION


def exact_decimal(text: str) -> Fraction:
    """The exact value of an unsigned decimal already checked by `parse_number`: `1,234.50`, `42.`, `.5`.

    (`int()` refuses strings of more than 4300 digits, a guard against slow conversions: convert
    longer ones a thousand digits at a time.)
    """
    ### BEGIN SOLUTION 7.1
    whole, _, fraction = text.replace(",", "").partition(".")
    digits, value = whole + fraction, 0
    for start in range(0, len(digits), 1000):
        piece = digits[start : start + 1000]
        value = value * 10 ** len(piece) + int(piece)
    return Fraction(value, 10 ** len(fraction))
    ### END SOLUTION
