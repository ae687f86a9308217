"""Accept header parsing and choice by the rules of RFC 9110, section 12.5.1 (unit level).

The expected answers are worked out from the RFC's rules by hand: q=0 excludes, the most
specific matching range gives a type its q, ties go to the server's order, and a header that
says nothing parseable means "anything".
"""

from __future__ import annotations

import pytest

from sgam_onto.publish.formats import HTML, RDF_FORMATS
from sgam_onto.serve.negotiation import Offer, choose, negotiate, parse_accept, quality

OFFERED = ["text/html", "text/turtle", "application/ld+json"]
# What /id/… offers: HTML, then every RDF format of the shared table (with its aliases).
DOCUMENTS = [Offer("html", (HTML,)), *(Offer(f.ext, f.media_types) for f in RDF_FORMATS)]


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


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        # no header, wildcard, browsers: HTML
        (None, "html"),
        ("*/*", "html"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),
        ("text/*", "html"),
        # q=0 excludes a type, whatever wildcard would let it in
        ("text/html;q=0, */*", "ttl"),
        ("text/turtle;q=0, */*;q=0.5, text/html;q=0.1", "jsonld"),
        ("text/html;q=0, text/turtle;q=0, application/ld+json;q=0, */*", "nt"),
        ("text/html;q=0.0, text/turtle;q=0.000, */*;q=0.2", "jsonld"),
        # the more specific range wins over the less specific one
        ("*/*;q=0.9, text/*;q=0.1, application/n-triples;q=0.5", "jsonld"),
        ("text/*;q=0.2, text/html;q=0.1, */*;q=0.1", "ttl"),
        ("application/*, text/html;q=0.5", "jsonld"),
        # every advertised format, by its own type and the aliases clients send
        ("application/rdf+xml", "rdf"),
        ("application/n-triples", "nt"),
        ("text/plain, */*;q=0.1", "nt"),  # rdflib's Graph.parse(format="nt")
        ("text/n3, */*;q=0.1", "ttl"),  # rdflib's format="n3": Turtle is N3
        ("text/turtle, application/x-turtle, */*;q=0.1", "ttl"),
        ("application/rdf+xml, */*;q=0.1", "rdf"),
        ("application/ld+json, application/json;q=0.9, */*;q=0.1", "jsonld"),
        ("application/x-turtle", "ttl"),
        # an alias counts only when named: */* does not turn into text/plain
        ("text/turtle;q=0, application/x-turtle", "ttl"),
        # malformed headers or entries: skipped; nothing left means the default
        ("garbage", "html"),
        (",,,;;;", "html"),
        ("text/turtle;q=abc", "html"),
        ("text/turtle;q=2", "html"),
        ("text/turtle;q=-1", "html"),
        ("*/turtle", "html"),
        ("text/turtle;;q=0.5, bad, application/rdf+xml;q=0.9", "rdf"),
        ("\x00\x01", "html"),
        ("text/turtle;q=0.5;foo=bar, application/rdf+xml;q=0.4", "ttl"),
        ("text/html; q=0.1, text/turtle ; q=0.9", "ttl"),
    ],
)
def test_documents_negotiate_by_rfc_9110(accept: str | None, expected: str) -> None:
    found = negotiate(DOCUMENTS, accept)
    assert found is not None and found[0].key == expected


@pytest.mark.parametrize("accept", ["image/png", "text/html;q=0", "*/*;q=0, text/html;q=0"])
def test_a_header_that_excludes_everything_gets_nothing(accept: str) -> None:
    assert negotiate(DOCUMENTS, accept) is None


def test_the_media_type_named_is_the_one_reported() -> None:
    found = negotiate(DOCUMENTS, "text/plain")
    assert found is not None and found == (DOCUMENTS[3], "text/plain")
    found = negotiate(DOCUMENTS, "*/*;q=0.5, text/turtle;q=0")
    assert found is not None and found[1] == "text/html"


def test_more_specific_range_wins_over_order() -> None:
    ranges = parse_accept("*/*;q=0.9, text/*;q=0.2, text/html;q=0.5")
    assert quality(ranges, "text/html") == 0.5
    assert quality(ranges, "text/turtle") == 0.2
    assert quality(ranges, "application/ld+json") == 0.9


def test_entries_with_bad_q_values_are_skipped() -> None:
    assert [r.q for r in parse_accept("a/b;q=7, c/d;q=x, e/f;q=-1, g/h;q=0.25")] == [0.25]
