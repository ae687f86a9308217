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

from sgam_onto import settings
from sgam_onto.errors import LoadError
from sgam_onto.namespace import ONTOLOGY_IRI
from sgam_onto.rdf.guard_rdfxml import check_rdfxml
from sgam_onto.rdf.guard_size import check_data_size, read_bounded
from sgam_onto.rdf.guard_statements import check_prefixes, check_quads

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


def parse_file(
    path: str | Path, format: ox.RdfFormat | None = None, *, base_iri: str | None = None
) -> ParsedFile:
    """Parse one file strictly; any problem becomes a LoadError naming the file and position.

    ``base_iri`` resolves relative IRIs (e.g. a test suite's retrieval IRI); without it a
    relative IRI is an error. The size limits of ``sgam_onto.settings`` apply.
    """
    path = Path(path)
    fmt = format or format_for(path)
    if path.is_dir():
        raise LoadError(path, message="is a directory, not an RDF file")
    if not path.exists():
        raise LoadError(path, message="no such file")
    return _parse(path, fmt, read_bounded(path), base_iri)


def parse_bytes(
    data: bytes | str,
    format: ox.RdfFormat,
    path: str | Path | None = None,
    *,
    base_iri: str | None = None,
) -> ParsedFile:
    """Parse in-memory data; ``path`` is only used to name the source in errors."""
    shown = None if path is None else Path(path)
    check_data_size(data, shown)
    return _parse(shown, format, data, base_iri)


BOM = b"\xef\xbb\xbf"


def without_bom(data: bytes | str) -> bytes | str:
    """The input without one leading UTF-8 byte order mark (Windows editors write it; it is
    not part of the text, and the parsers would read it as a token)."""
    if isinstance(data, bytes):
        return data[len(BOM):] if data.startswith(BOM) else data
    return data[1:] if data.startswith("\ufeff") else data


def _parse(
    path: Path | None, fmt: ox.RdfFormat, data: bytes | str, base_iri: str | None
) -> ParsedFile:
    data = without_bom(data)
    if fmt == ox.RdfFormat.RDF_XML:  # entities and nesting are sized before the parser sees them
        check_rdfxml(data.encode("utf-8") if isinstance(data, str) else data, path)
    elif isinstance(data, bytes):  # the text formats are UTF-8 throughout, comments included
        check_utf8(data, path)
    try:
        parser = ox.parse(data, format=fmt, base_iri=base_iri)
        quads = list(parser)
    except SyntaxError as err:
        line, column = err.lineno, err.offset
        if line is None and fmt == ox.RdfFormat.RDF_XML:  # Oxigraph's RDF/XML errors have none
            line, column = _xml_position(data, _message(err))
        raise LoadError(path, line, column, _message(err)) from None
    except OSError as err:
        raise LoadError(path, message=one_line(err.strerror or str(err))) from None
    except ValueError as err:  # e.g. a format the parser refuses for this input
        raise LoadError(path, message=one_line(str(err))) from None
    except MemoryError:
        raise settings.LimitError(path, message="not enough memory to parse this input") from None
    try:
        check_quads(quads, path)
        check_prefixes(parser.prefixes, path)
    except settings.LimitError as err:
        if err.line is None:
            err.line, err.column = locate_limit(data, err)
        raise
    _warn_leniency(path, fmt, data, quads)
    return ParsedFile(path, fmt, quads, dict(parser.prefixes))


OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"
# Importing the landscape's own modules (an extension importing the domain) loses nothing:
# they are loaded from the local files anyway.
OWN_ONTOLOGIES = ONTOLOGY_IRI
_PREFIX_LINE = re.compile(
    r"^[ \t]*(?:@prefix|(?i:prefix))[ \t]+([A-Za-z][\w.\-]*)?:[ \t]*<([^>\n]*)>", re.MULTILINE
)


def _warn_leniency(
    path: Path | None, fmt: ox.RdfFormat, data: bytes | str, quads: list[ox.Quad]
) -> None:
    """What the parser accepts without a word but the author should hear about: an input
    with no statements, a prefix bound twice to different IRIs, owl:imports (never followed)."""
    from sgam_onto.rdf.notices import warn

    if not quads:
        warn(path, None, "no statements: the input is empty or holds only comments")
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.N3):
        warn_redeclared(path, data)
    if not _project_file(path) and any(
        q.predicate.value == OWL_IMPORTS and not q.object.value.startswith(OWN_ONTOLOGIES)
        for q in quads
    ):
        warn(None, None, "owl:imports is not followed: only the files given (and the "
             "landscape) are loaded, nothing is fetched", key=OWL_IMPORTS)


def _project_file(path: Path | None) -> bool:
    """One of the project's own ontology or shape files (their imports are documentation)."""
    from sgam_onto import paths

    if path is None:
        return False
    try:
        real = path.resolve()
        return any(real.is_relative_to(root.resolve())
                   for root in (paths.ontology_dir(), paths.shapes_dir()))
    except OSError:
        return False


def warn_redeclared(path: Path | None, data: bytes | str) -> None:
    """A notice for each prefix a Turtle or TriG text declares again with another IRI."""
    from sgam_onto.rdf.notices import warn

    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    for line, earlier, prefix, old, new in redeclared_prefixes(text):
        warn(path, line, f"prefix {prefix}: is declared again with another IRI <{new}> "
             f"(line {earlier} bound it to <{old}>); names after line {line} use the new one")


def redeclared_prefixes(text: str) -> list[tuple[int, int, str, str, str]]:
    """(line, earlier line, prefix, earlier IRI, new IRI) for each prefix declared again with
    a different IRI."""
    seen: dict[str, tuple[int, str]] = {}
    found = []
    for match in _PREFIX_LINE.finditer(text):
        prefix, iri = match.group(1) or "", match.group(2)
        line = text.count("\n", 0, match.start()) + 1
        if prefix in seen and seen[prefix][1] != iri:
            found.append((line, seen[prefix][0], prefix, seen[prefix][1], iri))
        seen[prefix] = (line, iri)
    return found


def locate_limit(data: bytes | str, err: settings.LimitError) -> tuple[int | None, int | None]:
    """Where a limit found on the parsed statements is crossed in the text: the blank node
    label or the spelling the error names, else (nesting) the first bracket too deep."""
    from sgam_onto.rdf.position import deep_bracket, find_spelling

    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    found = None
    if err.needle:
        label = f"_:{err.needle}" if isinstance(err, settings.NestingError) else err.needle
        found = find_spelling(text, label, whole_name=isinstance(err, settings.NestingError))
    if found is None and isinstance(err, settings.NestingError):
        found = deep_bracket(text, settings.current().max_nesting_depth)
    return found if found is not None else (None, None)


_QUOTED = re.compile(r"'([^']+)'|`([^`]+)`")


def _xml_position(data: bytes | str, message: str) -> tuple[int | None, int | None]:
    """Where an RDF/XML error is: expat's position for a well-formedness error, else the first
    place the value the message quotes is written. (Entities were sized before parsing.)"""
    import xml.parsers.expat

    raw = data.encode("utf-8") if isinstance(data, str) else data
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(raw, True)
    except xml.parsers.expat.ExpatError as err:
        return err.lineno, err.offset + 1
    text = raw.decode("utf-8", "replace")
    for match in _QUOTED.finditer(message):
        quoted = match.group(1) or match.group(2)
        for spelling in (f'"{quoted}"', f"'{quoted}'", quoted):
            at = text.find(spelling)
            if at >= 0:
                start = text.rfind("\n", 0, at) + 1
                return text.count("\n", 0, at) + 1, at - start + 1
    return None, None


def check_utf8(data: bytes, path: Path | None) -> None:
    """The text formats are UTF-8 throughout: the first byte that is not, by line and column."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = data.rfind(b"\n", 0, err.start) + 1
        column = len(data[line_start:err.start].decode("utf-8", "replace")) + 1
        line = data.count(b"\n", 0, err.start) + 1
        raise LoadError(path, line, column, f"not UTF-8 (byte 0x{data[err.start]:02X})") from None


def _message(err: SyntaxError) -> str:
    text = err.msg if isinstance(err.msg, str) else str(err)
    return excerpted(one_line(_POSITION_PREFIX.sub("", text).strip())) or "syntax error"


EXCERPT_CHARS = 12  # of a token the parser quotes: enough to find it, too little to leak it
_LONG_WORD = re.compile(rf"\S{{{EXCERPT_CHARS + 5},}}")
_MAX_MESSAGE = 200


def excerpted(message: str) -> str:
    """The parser's message with every long token cut to a short excerpt.

    A syntax error quotes the text it could not read; when a file is not RDF at all (a
    credentials file reached by mistake) that text may be a secret, and a long token is
    never worth printing whole. The parser's own words are all short.
    """
    cut = _LONG_WORD.sub(lambda m: m.group()[:EXCERPT_CHARS] + "…", message)
    return cut if len(cut) <= _MAX_MESSAGE else cut[: _MAX_MESSAGE - 1] + "…"


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """The parser quotes the offending character; a newline or control there is escaped so
    that every error stays one line."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04X}", text)
