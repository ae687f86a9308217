"""Integers compared as written, against Python's own arithmetic where Python can convert."""

from __future__ import annotations

import random

import pytest

from sgam_onto.rdf.integers import compare_integer, in_range, year_cycle


def test_agrees_with_python_where_python_converts() -> None:
    rng = random.Random(20)
    for _ in range(2000):
        digits = rng.randint(1, 30)
        lexical = rng.choice(["", "+", "-"]) + "0" * rng.randint(0, 3) + "".join(
            rng.choice("0123456789") for _ in range(digits))
        bound = rng.choice([0, 1, -1, 2**31 - 1, -(2**31), 2**63 - 1, -(2**63), 2**64 - 1,
                            rng.randint(-(10**20), 10**20)])
        value = int(lexical)
        assert compare_integer(lexical, bound) == (value > bound) - (value < bound), (
            lexical, bound)


@pytest.mark.parametrize(("lexical", "sign"), [("9" * 5000, 1), ("-" + "9" * 5000, -1),
                                               ("0" * 5000, 0), ("-" + "0" * 5000, 0)])
def test_numbers_longer_than_python_converts(lexical: str, sign: int) -> None:
    assert compare_integer(lexical, 0) == sign
    assert in_range(lexical, None, None)


def test_year_cycle_keeps_the_leap_rule() -> None:
    for year in range(-2500, 2500):
        cycle = year_cycle(str(year) if year >= 0 else f"-{abs(year):04d}")
        assert (cycle % 4 == 0 and (cycle % 100 != 0 or cycle % 400 == 0)) == (
            year % 4 == 0 and (year % 100 != 0 or year % 400 == 0))
    assert year_cycle("1" * 5000 + "2000") == 2000
