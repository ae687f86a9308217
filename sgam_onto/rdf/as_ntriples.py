"""A Turtle file as N-Triples text, for the paths that bulk load N-Triples.

The bulk paths (``stores.direct``, ``fastshacl.data``) load most lines of an N-Triples file
as they are and parse in Python only the few that need it. A Turtle file parsed into quads
instead costs a Python object per statement, checked and copied one by one. Here Oxigraph's
strict parser streams the statements into its own N-Triples serializer, and the bulk paths
take the text from there: the term sizes and the nesting of blank nodes are judged on it as
on any N-Triples file.

What only the Turtle text shows is judged here, by the gate's rules: UTF-8 throughout, the
IRI limit of the declared prefixes, a prefix bound twice. Every error is the gate's own: the
file is parsed again by ``parse_file``, which names the line and column in the Turtle.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from sgam_onto.errors import LoadError
from sgam_onto.rdf.guard_size import read_bounded
from sgam_onto.rdf.guard_statements import check_prefixes
from sgam_onto.rdf.parse import check_utf8, one_line, parse_file, warn_redeclared, without_bom
from sgam_onto.settings import LimitError


@dataclass(frozen=True)
class Converted:
    """The statements of a Turtle file, one N-Triples line each, and its prefixes."""

    ntriples: bytes
    prefixes: dict[str, str]


def turtle_as_ntriples(path: Path, *, base_iri: str | None = None) -> Converted:
    """The statements of the Turtle file ``path`` as N-Triples; LoadError on bad input.
    ``base_iri`` resolves relative IRIs, as in ``parse_file``."""
    data = read_bounded(path)
    check_utf8(data, path)
    try:
        parser = ox.parse(without_bom(data), format=ox.RdfFormat.TURTLE, base_iri=base_iri)
        ntriples = ox.serialize(parser, format=ox.RdfFormat.N_TRIPLES)
    except (SyntaxError, OSError, ValueError, MemoryError) as err:
        # raises the gate's error, with its position
        parse_file(path, ox.RdfFormat.TURTLE, base_iri=base_iri)
        raise LoadError(path, message=one_line(str(err))) from None
    prefixes = dict(parser.prefixes)
    try:
        check_prefixes(prefixes, path)
    except LimitError:
        parse_file(path, ox.RdfFormat.TURTLE, base_iri=base_iri)  # a statement's term first
        raise
    warn_redeclared(path, data)
    return Converted(ntriples or b"", prefixes)
