"""Rows from a graph and a graph from rows, for one kind (pure: no files, no validation).

Export refuses a fact no column can hold, so that reading the table back always gives the
triples that were exported. Import collects every unreadable cell instead of stopping at the
first, each with its row and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from rdflib.term import Node

from sgam_onto.errors import SgamError
from sgam_onto.rdf.turtle import prefixed_name
from sgam_onto.sheet.kinds import IRI_COLUMN, Column, Kind

_DIGITS = re.compile(r"(\d+)")
_BOOLEAN = {"true": "true", "false": "false", "1": "1", "0": "0"}


@dataclass(frozen=True)
class Cell:
    """Where a value sits: 1-based spreadsheet row, column position and header."""

    row: int
    column: int
    header: str

    @property
    def letter(self) -> str:
        """The spreadsheet's name for the column: A, B, …, Z, AA, …"""
        n, letters = self.column, ""
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(65 + rest) + letters
        return letters


@dataclass(frozen=True)
class CellError:
    cell: Cell
    message: str


@dataclass
class ReadTable:
    """What import made of the rows: the triples, which row each resource came from, errors."""

    graph: Graph
    rows: dict[URIRef, int]
    errors: list[CellError]


def expand(name: str, prefixes: Mapping[str, str]) -> URIRef:
    """A prefixed name (or a full IRI in <> or bare) as an IRI; ValueError if it is neither."""
    text = name.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif ":" in text and not re.match(r"^[a-z][a-z0-9+.-]*://", text):
        prefix, local = text.split(":", 1)
        if prefix in prefixes:
            return URIRef(prefixes[prefix] + local)
        if prefix not in ("urn", "mailto"):
            raise ValueError(f"unknown prefix {prefix}: in {name!r}")
    if not re.match(r"^(https?://|urn:)\S+$", text):
        raise ValueError(f"{name!r} is not an IRI or a prefixed name")
    return URIRef(text)


def to_rows(graph: Graph, kind: Kind, prefixes: Mapping[str, str]) -> list[list[str]]:
    """One row per resource of ``kind`` in ``graph``, cells as ``kind.columns`` say."""
    paths = {c.path: expand(c.path, prefixes) for c in kind.columns if c.path != IRI_COLUMN}
    covered = set(paths.values())
    rows = []
    for subject in resources(graph, kind):
        row = []
        for column in kind.columns:
            if column.path == IRI_COLUMN:
                row.append(_show(subject, prefixes))
                continue
            values = [o for o in graph.objects(subject, paths[column.path]) if _fits(o, column)]
            if len(values) > 1 and not column.many:
                raise SgamError(f"sheet: {_show(subject, prefixes)} has {len(values)} values of "
                                f"{column.path}, but the column '{column.header}' holds one")
            row.append("\n".join(sorted(_show(v, prefixes) for v in values)))
        rows.append(row)
        for predicate, obj in graph.predicate_objects(subject):
            if predicate not in covered or not any(
                _fits(obj, c) for c in kind.columns if paths.get(c.path) == predicate
            ):
                raise SgamError(f"sheet: no column of {kind.name} holds "
                                f"{_show(predicate, prefixes)} {_show(obj, prefixes)} of "
                                f"{_show(subject, prefixes)}")
    return rows


def resources(graph: Graph, kind: Kind) -> list[URIRef]:
    """The IRIs of the kind's namespace that have facts, in natural order (item 9 before 27)."""
    found = {s for s in graph.subjects() if isinstance(s, URIRef)
             and str(s).startswith(kind.namespace)}
    return sorted(found, key=lambda s: [int(p) if p.isdigit() else p
                                        for p in _DIGITS.split(str(s))])


def choices(graph: Graph, kind: Kind, column: Column, prefixes: Mapping[str, str]) -> list[str]:
    """The values a dropdown offers for ``column`` (empty when it offers none)."""
    if column.choices == "subclasses":
        top = expand(kind.cls, prefixes)
        found: Iterable[Node] = graph.transitive_subjects(RDFS.subClassOf, top)
    elif column.choices == "range":
        ranges = list(graph.objects(expand(column.path, prefixes), RDFS.range))
        found = {s for r in ranges for c in graph.transitive_subjects(RDFS.subClassOf, r)
                 for s in graph.subjects(RDF.type, c)}
    else:
        return []
    return sorted(_show(n, prefixes) for n in found if isinstance(n, URIRef))


def from_rows(
    rows: Sequence[tuple[int, Sequence[str | None]]],
    headers: Sequence[str],
    kind: Kind,
    prefixes: Mapping[str, str],
) -> ReadTable:
    """The triples the rows state; ``rows`` pairs each spreadsheet row number with its cells."""
    by_header = {c.header: c for c in kind.columns}
    graph, where, errors = Graph(), {}, []
    for number, cells in rows:
        if not any((c or "").strip() for c in cells):
            continue  # an empty line in the sheet
        subject: URIRef | None = None
        facts: list[tuple[URIRef, Node]] = []
        for position, (header, text) in enumerate(zip(headers, cells, strict=False), start=1):
            column, cell = by_header[header], Cell(number, position, header)
            for value in _values(text, column):
                try:
                    if column.path == IRI_COLUMN:
                        subject = _own_iri(value, kind, prefixes)
                    else:
                        facts.append((expand(column.path, prefixes),
                                      _node(value, column, prefixes)))
                except ValueError as err:
                    errors.append(CellError(cell, str(err)))
        if subject is None:
            errors.append(CellError(Cell(number, 1, "IRI"), "every row needs an IRI"))
            continue
        if subject in where:
            errors.append(CellError(Cell(number, 1, "IRI"),
                                    f"{_show(subject, prefixes)} is already row {where[subject]}"))
            continue
        where[subject] = number
        for predicate, obj in facts:
            graph.add((subject, predicate, obj))
    return ReadTable(graph, where, errors)


def _values(text: str | None, column: Column) -> list[str]:
    text = (text or "").strip()
    if not text:
        return []
    return [v.strip() for v in text.splitlines() if v.strip()] if column.many else [text]


def _own_iri(text: str, kind: Kind, prefixes: Mapping[str, str]) -> URIRef:
    iri = expand(text, prefixes)
    if not str(iri).startswith(kind.namespace) or str(iri) == kind.namespace:
        raise ValueError(f"{text!r} is not an identifier of {kind.name} ({kind.namespace}…)")
    return iri


def _node(text: str, column: Column, prefixes: Mapping[str, str]) -> Node:
    if column.value == "iri":
        return expand(text, prefixes)
    if column.value == "string":
        return Literal(text)
    if column.value.startswith("@"):
        return Literal(text, lang=column.value[1:])
    datatype = expand(column.value, prefixes)
    if datatype == XSD.boolean:
        if text.lower() not in _BOOLEAN:
            raise ValueError(f"{text!r} is not true or false")
        text = _BOOLEAN[text.lower()]
    literal = Literal(text, datatype=datatype)
    if datatype in (XSD.integer, XSD.boolean) and literal.ill_typed:
        raise ValueError(f"{text!r} is not a valid {column.value}")
    return literal


def _fits(node: Node, column: Column) -> bool:
    """Whether the column holds this kind of value (IRI, plain, language, datatype)."""
    if column.value == "iri":
        return isinstance(node, URIRef)
    if not isinstance(node, Literal):
        return False
    if column.value == "string":
        return node.language is None and node.datatype in (None, XSD.string)
    if column.value.startswith("@"):
        return node.language == column.value[1:]
    return node.datatype is not None and prefixed_name(str(node.datatype),
                                                       {"xsd": str(XSD)}) == column.value


def _show(node: Node, prefixes: Mapping[str, str]) -> str:
    if isinstance(node, URIRef):
        return prefixed_name(str(node), prefixes) or str(node)
    return str(node)
