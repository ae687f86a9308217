"""HTTP content negotiation: the Accept header with q-values (RFC 9110, section 12.5.1).

- q=0 excludes a type; the most specific range that matches a type gives its q
  (`text/turtle` over `text/*` over `*/*`); ties go to the server's order of preference.
- An offer may have several media types (text/plain also names N-Triples): the others count
  only where the client names them exactly, so a wildcard reaches an offer through its first
  media type alone.
- A missing or wholly malformed Accept header means "anything": the first offer. Entries that
  do not parse (no type/subtype, a q that is not a qvalue) are skipped, not fatal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9a-z-]+\Z")
_QVALUE = re.compile(r"(0(\.[0-9]{0,3})?|1(\.0{0,3})?)\Z")


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """How specifically this range matches `media_type`: 3 exact … 1 `*/*`, 0 no match."""
        kind, _, sub = media_type.partition("/")
        if self.type == "*":
            return 1 if self.subtype == "*" else 0
        if self.type != kind:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == sub else 0


@dataclass(frozen=True)
class Offer:
    """Something the server can send: a key for the caller and the media types that name it."""

    key: str
    media_types: tuple[str, ...]


def _range(part: str) -> MediaRange | None:
    fields = [f.strip() for f in part.split(";")]
    kind, slash, sub = fields[0].lower().partition("/")
    if not slash or not _TOKEN.match(kind) or not _TOKEN.match(sub):
        return None
    if kind == "*" and sub != "*":
        return None
    q = 1.0
    for field in fields[1:]:
        name, _, value = field.partition("=")
        if name.strip().lower() == "q":
            value = value.strip()
            if not _QVALUE.match(value):
                return None
            q = float(value)
            break  # what follows q are accept-extensions, not media-type parameters
    return MediaRange(kind, sub, q)


def parse_accept(header: str | None) -> list[MediaRange]:
    """The media ranges of an Accept header that parse; the others are left out."""
    ranges = []
    for part in (header or "").split(","):
        found = _range(part)
        if found is not None:
            ranges.append(found)
    return ranges


def quality(ranges: Sequence[MediaRange], media_type: str) -> float:
    """The q the client gives `media_type`: that of the most specific matching range."""
    best = (0, 0.0)
    for r in ranges:
        specificity = r.matches(media_type)
        if specificity > best[0] or (specificity == best[0] and specificity and r.q > best[1]):
            best = (specificity, r.q)
    return best[1] if best[0] else 0.0


def offer_quality(ranges: Sequence[MediaRange], offer: Offer) -> tuple[float, str]:
    """The q of `offer` and the media type that earned it (an exactly named one if any)."""
    named = [
        (r.q, t)
        for t in offer.media_types
        for r in ranges
        if r.matches(t) == 3
    ]
    if named:
        return max(named, key=lambda qt: qt[0])
    first = offer.media_types[0]
    return quality(ranges, first), first


def negotiate(offers: Sequence[Offer], header: str | None) -> tuple[Offer, str] | None:
    """The offer the client prefers and the media type to label it with; the first offer when
    the header is missing or says nothing that parses; None when every offer has q=0."""
    if not offers:
        return None
    ranges = parse_accept(header)
    if not ranges:
        return offers[0], offers[0].media_types[0]
    best: tuple[float, int, Offer, str] | None = None
    for i, offer in enumerate(offers):
        q, media = offer_quality(ranges, offer)
        if q > 0 and (best is None or q > best[0]):
            best = (q, i, offer, media)
    return None if best is None else (best[2], best[3])


def choose(offered: Sequence[str], header: str | None) -> str | None:
    """The offered media type the client prefers (see `negotiate`)."""
    found = negotiate([Offer(t, (t,)) for t in offered], header)
    return None if found is None else found[0].key
