"""The strict syntax gate: every RDF file is first read by Oxigraph's parser.

Oxigraph follows the W3C test suites and reports line and column, where rdflib's own parsers
accept many invalid documents. Nothing here touches the network: relative IRIs without a base
are errors, and imports are never resolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from sgam_onto.errors import LoadError

FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}

# Oxigraph puts the position in front of the message; we print it as PATH:LINE:COL instead.
_POSITION_PREFIX = re.compile(r"^Parser error (?:at|between) [^:]*:\s*")


@dataclass
class ParsedFile:
    """What one file said: its quads and the prefixes it declared, in declaration order."""

    path: Path | None
    format: ox.RdfFormat
    quads: list[ox.Quad]
    prefixes: dict[str, str] = field(default_factory=dict)


def format_for(path: str | Path) -> ox.RdfFormat:
    """The RDF syntax of a file, from its extension."""
    suffix = Path(path).suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise LoadError(
            path, message=f"unknown RDF file extension {suffix or '(none)'!r}; expected {known}"
        ) from None


def parse_file(path: str | Path, format: ox.RdfFormat | None = None) -> ParsedFile:
    """Parse one file strictly; any problem becomes a LoadError naming the file and position."""
    path = Path(path)
    fmt = format or format_for(path)
    if path.is_dir():
        raise LoadError(path, message="is a directory, not an RDF file")
    if not path.exists():
        raise LoadError(path, message="no such file")
    return _parse(path, fmt, {"path": path})


def parse_bytes(
    data: bytes | str, format: ox.RdfFormat, path: str | Path | None = None
) -> ParsedFile:
    """Parse in-memory data; ``path`` is only used to name the source in errors."""
    return _parse(None if path is None else Path(path), format, {"input": data})


def _parse(path: Path | None, fmt: ox.RdfFormat, source: dict) -> ParsedFile:
    try:
        parser = ox.parse(format=fmt, **source)
        quads = list(parser)
    except SyntaxError as err:
        raise LoadError(path, err.lineno, err.offset, _message(err)) from None
    except OSError as err:
        raise LoadError(path, message=err.strerror or str(err)) from None
    except ValueError as err:  # e.g. a format the parser refuses for this input
        raise LoadError(path, message=str(err)) from None
    return ParsedFile(path, fmt, quads, dict(parser.prefixes))


def _message(err: SyntaxError) -> str:
    text = err.msg if isinstance(err.msg, str) else str(err)
    return _POSITION_PREFIX.sub("", text).strip() or "syntax error"
