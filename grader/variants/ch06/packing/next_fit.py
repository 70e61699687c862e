"""Task 6.3: packs by next fit: a new row starts whenever the next example does not fit the current one.

A valid packing that never leaks, but not the pinned first-fit layout: an example never goes
back into an earlier row with room, so rows are emptier and the layout differs from the one
documented.
"""
# ruff: noqa: F821


def first_fit(lengths, seq_len):
    if seq_len < 1:
        raise ValueError(f"seq_len must be at least 1, got {seq_len}")
    rows, room = [], 0
    for index, length in enumerate(lengths):
        if not 1 <= length <= seq_len:
            raise ValueError(f"example {index} has {length} positions; each needs 1..seq_len={seq_len}")
        if not rows or length > room:
            rows.append([])
            room = seq_len
        rows[-1].append(index)
        room -= length
    return rows
