"""Accept header parsing and choice (unit level)."""

from __future__ import annotations

import pytest

from sgam_onto.serve.negotiation import choose, parse_accept, quality

OFFERED = ["text/html", "text/turtle", "application/ld+json"]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "text/html"),
        ("", "text/html"),
        ("*/*", "text/html"),
        ("text/turtle", "text/turtle"),
        ("application/ld+json;q=0.9, text/turtle;q=0.5", "application/ld+json"),
        ("text/turtle;q=0.5, application/ld+json;q=0.5", "text/turtle"),  # tie: server order
        ("text/*;q=0.3, text/turtle;q=0.8, */*;q=0.1", "text/turtle"),
        ("text/html;q=0, */*", "text/turtle"),
        ("TEXT/Turtle", "text/turtle"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
        ("image/png", None),
        ("text/turtle;q=0", None),
        ("garbage", "text/html"),
    ],
)
def test_choose(accept: str | None, expected: str | None) -> None:
    assert choose(OFFERED, accept) == expected


def test_more_specific_range_wins_over_order() -> None:
    ranges = parse_accept("*/*;q=0.9, text/*;q=0.2, text/html;q=0.5")
    assert quality(ranges, "text/html") == 0.5
    assert quality(ranges, "text/turtle") == 0.2
    assert quality(ranges, "application/ld+json") == 0.9


def test_bad_q_values_are_clamped_or_zero() -> None:
    assert [r.q for r in parse_accept("a/b;q=7, c/d;q=x, e/f;q=-1")] == [1.0, 0.0, 0.0]
