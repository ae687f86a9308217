"""Accept headers and the document each must reach from a resource IRI, worked out by hand
from RFC 9110 (section 12.5.1): shared by the tests of `serve` and of the .htaccess on Apache.

The q-values here differ by at least 0.1 wherever they decide, the one precision the .htaccess
promises (see sgam_onto/publish/htaccess.py).
"""

from __future__ import annotations

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

CASES: list[tuple[str | None, str]] = [
    # no header, anything, browsers: the page
    (None, "html"),
    ("*/*", "html"),
    (BROWSER, "html"),
    ("text/html", "html"),
    # every advertised format by its own media type
    ("text/turtle", "ttl"),
    ("application/ld+json", "jsonld"),
    ("application/n-triples", "nt"),
    ("application/rdf+xml", "rdf"),
    # what real clients send
    ("text/plain, */*;q=0.1", "nt"),  # rdflib Graph.parse(format="nt")
    ("text/n3, */*;q=0.1", "ttl"),  # rdflib format="n3": Turtle is N3
    ("text/turtle, application/x-turtle, */*;q=0.1", "ttl"),
    ("application/rdf+xml, */*;q=0.1", "rdf"),
    ("application/ld+json, application/json;q=0.9, */*;q=0.1", "jsonld"),
    ("application/x-turtle", "ttl"),
    ("TEXT/Turtle", "ttl"),
    # q=0 excludes
    ("text/html;q=0, */*", "ttl"),
    ("text/turtle;q=0, */*;q=0.5, text/html;q=0.1", "jsonld"),
    ("text/html;q=0, text/turtle;q=0, application/ld+json;q=0, */*", "nt"),
    # higher q wins; ties go to HTML, then to the table's order
    ("text/html;q=0.1, text/turtle;q=0.9", "ttl"),
    ("application/ld+json;q=0.8, text/turtle;q=0.4, */*;q=0.1", "jsonld"),
    ("application/rdf+xml;q=0.5, text/html;q=0.4", "rdf"),
    ("text/html, application/rdf+xml", "html"),
    ("application/rdf+xml, text/turtle", "ttl"),
    ("text/turtle; q=0.5, text/html; q=0.4", "ttl"),
    ("text/turtle;q=0.5;foo=bar, application/rdf+xml;q=0.4", "ttl"),
    ("text/html;level=1;q=0.2, text/turtle;q=0.3", "ttl"),
    ("application/n-triples;q=0.05, text/html;q=0", "nt"),
    # the more specific range wins
    ("text/*;q=0.2, text/html;q=0.1, */*;q=0.1", "ttl"),
    ("application/*, text/html;q=0.5", "jsonld"),
    # malformed headers or entries: ignored, the default answers
    ("garbage", "html"),
    (",,;;", "html"),
    ("text/turtle;q=abc", "html"),
]
