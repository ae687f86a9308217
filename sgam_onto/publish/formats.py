"""The one table of RDF formats that the site publishes, `serve` negotiates and the `.htaccess`
redirects to: extension, media type, the other media types that name the same format, the short
names SPARQL clients put in a `format` parameter, and Oxigraph's serializer for it.

Keeping this in one place is what makes the three agree: a format listed here is written for
every resource by `publish`, offered by `serve` and reachable through the `.htaccess`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

HTML = "text/html"
W3C_FORMATS = "http://www.w3.org/ns/formats/"


@dataclass(frozen=True)
class RdfFormat:
    """One RDF serialisation of the site's documents."""

    ext: str
    media_type: str
    label: str
    # Media types that name this format too; they count only when a client names them exactly
    # (a wildcard such as */* reaches a format through its media type alone).
    aliases: tuple[str, ...] = ()
    # What clients write in the SPARQL protocol's `format`/`output` parameter for it.
    names: tuple[str, ...] = ()
    # Its name in the W3C registry of format IRIs, https://www.w3.org/ns/formats/.
    w3c_name: str = ""

    @property
    def iri(self) -> str:
        return W3C_FORMATS + self.w3c_name

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)

    @property
    def oxigraph(self) -> ox.RdfFormat:
        return ox.RdfFormat.from_media_type(self.media_type)


# In the server's order of preference: Turtle answers a client that takes any RDF.
RDF_FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat(
        "ttl",
        "text/turtle",
        "Turtle",
        # Turtle is a subset of N3: a client that reads N3 reads it.
        ("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3", "application/n3"),
        ("ttl", "turtle", "n3", "text/turtle"),
        "Turtle",
    ),
    RdfFormat(
        "jsonld",
        "application/ld+json",
        "JSON-LD",
        ("application/x-json+ld",),
        ("jsonld", "json-ld", "application/ld+json"),
        "JSON-LD",
    ),
    RdfFormat(
        "nt",
        "application/n-triples",
        "N-Triples",
        # rdflib's Graph.parse(format="nt") and older clients ask for N-Triples as text/plain.
        ("text/plain",),
        ("nt", "ntriples", "n-triples", "application/n-triples"),
        "N-Triples",
    ),
    RdfFormat(
        "rdf",
        "application/rdf+xml",
        "RDF/XML",
        (),
        ("rdf", "xml", "rdfxml", "rdf+xml", "rdf/xml", "application/rdf+xml"),
        "RDF_XML",
    ),
)
BY_EXT = {f.ext: f for f in RDF_FORMATS}
# Text formats whose Content-Type carries the charset (the others are UTF-8 by definition).
CHARSET_TYPES = frozenset({"text/turtle", "text/html", "text/plain", "text/csv",
                           "text/tab-separated-values", "text/css"})


def content_type(media_type: str) -> str:
    """The Content-Type header value for `media_type`, with the charset where it belongs."""
    return f"{media_type}; charset=utf-8" if media_type in CHARSET_TYPES else media_type

