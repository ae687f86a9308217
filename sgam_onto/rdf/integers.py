"""Integers as written, judged without converting them: a lexical form may have any number of
digits, and Python refuses to convert more than a few thousand (a deliberate guard against
slow conversions), so comparisons work on the text."""

from __future__ import annotations

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1


def compare_integer(lexical: str, bound: int) -> int:
    """-1, 0 or 1 as the integer ``lexical`` ([+-]digits) is below, equal to or above
    ``bound``."""
    negative = lexical.startswith("-")
    digits = lexical.lstrip("+-").lstrip("0") or "0"
    if digits == "0":
        negative = False
    if len(digits) > len(str(abs(bound))) + 1:  # far outside any bound: decided by the sign
        return -1 if negative else 1
    value = -int(digits) if negative else int(digits)
    return (value > bound) - (value < bound)


def in_range(lexical: str, low: int | None, high: int | None) -> bool:
    return (low is None or compare_integer(lexical, low) >= 0) and (
        high is None or compare_integer(lexical, high) <= 0
    )


def year_cycle(year: str) -> int:
    """A year ([-]digits) reduced to its last four digits, which keep its place in the
    400-year Gregorian cycle (the leap-year rule needs nothing more)."""
    return int(year.lstrip("-")[-4:]) * (-1 if year.startswith("-") else 1)
