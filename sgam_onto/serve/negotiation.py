"""HTTP content negotiation: the Accept header with q-values (RFC 9110, section 12.5.1)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    params: tuple[tuple[str, str], ...] = ()

    def matches(self, media_type: str) -> int:
        """How specifically this range matches `media_type`: 3 exact … 1 `*/*`, 0 no match."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 1
        if self.type != kind:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == sub else 0


def parse_accept(header: str | None) -> list[MediaRange]:
    """Media ranges of an Accept header; malformed entries are skipped, q clamped to 0..1."""
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0] or "/" not in fields[0]:
            continue
        kind, _, sub = fields[0].lower().partition("/")
        if not kind or not sub:
            continue
        q = 1.0
        params = []
        for field in fields[1:]:
            name, _, value = field.partition("=")
            name, value = name.strip().lower(), value.strip().strip('"')
            if name == "q":
                try:
                    q = min(1.0, max(0.0, float(value)))
                except ValueError:
                    q = 0.0
            elif name:
                params.append((name, value))
        ranges.append(MediaRange(kind, sub, q, tuple(params)))
    return ranges


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The q the client gives `media_type`: that of the most specific matching range."""
    best = (0, 0.0)
    for r in ranges:
        specificity = r.matches(media_type)
        if specificity > best[0]:
            best = (specificity, r.q)
    return best[1] if best[0] else 0.0


def choose(offered: Sequence[str], header: str | None) -> str | None:
    """The offered type the client prefers (ties go to the earlier offer); the first offer
    when there is no usable Accept header; None when the client accepts none of them."""
    if not offered:
        return None
    ranges = parse_accept(header)
    if not ranges:
        return offered[0]
    scored = [(quality(ranges, t), -i, t) for i, t in enumerate(offered)]
    q, _, chosen = max(scored)
    return chosen if q > 0 else None
