"""Query answers in the W3C formats, written by Oxigraph's own serializers, capped at the row
limit: SELECT in SPARQL JSON, XML, CSV or TSV; ASK likewise; CONSTRUCT and DESCRIBE in every
RDF format of the site's table.

Rows are cut on the way out of Oxigraph's TSV writer (the same bounded writer the CLI uses), and
the kept rows are parsed back and written in the wanted format by the library; CSV alone is
written by the CLI's RFC 4180 writer, which quotes what Oxigraph's leaves bare.

XML 1.0 cannot carry most C0 control characters, not even escaped; in
the XML formats they become U+FFFD, so that every XML answer is well-formed.
"""

from __future__ import annotations

import re
from itertools import islice

import pyoxigraph as ox

from sgam_onto.publish.formats import BY_EXT
from sgam_onto.query.formats import csv_text
from sgam_onto.query.isolation import capped_tsv

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
XML_KEYS = frozenset({"xml", "rdf"})
# In UTF-8 these bytes are never part of a longer sequence; U+FFFE/U+FFFF are not XML either.
_NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
REPLACEMENT = "\ufffd".encode()


def xml_safe(body: bytes) -> bytes:
    """`body` with the characters XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub(REPLACEMENT, body)


def solutions(result: ox.QuerySolutions, fmt: str, cap: int) -> tuple[bytes, bool, int]:
    """SELECT results as `fmt` (json, xml, csv, tsv): body, whether rows were cut, row count."""
    _, truncated, tsv = capped_tsv(lambda: result, cap)
    count = tsv.count(b"\n") - 1
    if fmt == "tsv":
        return tsv, truncated, count
    kept = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)
    if fmt == "csv":  # see csv_text: Oxigraph's CSV writer splits IRIs that hold a comma
        names = [v.value for v in kept.variables]
        rows = ([s[v] for v in names] for s in kept)
        return csv_text(names, rows).encode("utf-8"), truncated, count
    body = kept.serialize(format=RESULT_FORMATS[fmt]) or b""
    return (xml_safe(body) if fmt == "xml" else body), truncated, count


def boolean(result: ox.QueryBoolean, fmt: str) -> bytes:
    """ASK results as `fmt`."""
    body = result.serialize(format=RESULT_FORMATS[fmt]) or b""
    return xml_safe(body) if fmt == "xml" else body


def graph(triples: ox.QueryTriples, ext: str, cap: int) -> tuple[bytes, bool, int]:
    """CONSTRUCT / DESCRIBE results in the RDF format of extension `ext`, at most `cap`
    triples: body, whether triples were cut, triple count."""
    kept = list(islice(triples, cap + 1))
    truncated = len(kept) > cap
    kept = kept[:cap]
    body = ox.serialize(kept, format=BY_EXT[ext].oxigraph) or b""
    return (xml_safe(body) if ext in XML_KEYS else body), truncated, len(kept)
