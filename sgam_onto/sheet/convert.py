"""Export a kind of the landscape to a sheet; import a sheet as validated Turtle.

Import sees the rows as replacing the resources of the same IRI: the landscape without them,
plus what the sheet states, is what the shapes judge. That way an edited export validates as
the landscape would be after the change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from sgam_onto.errors import LoadError
from sgam_onto.namespace import NS as SGAM
from sgam_onto.sheet.files import Sheet, read_table, write_table
from sgam_onto.sheet.kinds import IRI_COLUMN, Kind, kinds
from sgam_onto.sheet.table import Cell, CellError, choices, expand, from_rows, to_rows

# What the column paths of kinds.toml may use, whatever the data files declare.
STANDARD_PREFIXES = {
    "rdf": str(RDF), "rdfs": str(RDFS), "xsd": str(XSD), "skos": str(SKOS),
    "dcterms": str(DCTERMS), "sgam": SGAM,
}


@dataclass
class ImportOutcome:
    kind: str
    problems: list[str] = field(default_factory=list)
    written: bool = False
    resources: int = 0
    triples: int = 0


def export_kind(name: str, out: Path) -> int:
    """Write every resource of kind ``name`` to ``out``; returns the number of rows."""
    from sgam_onto.landscape import load_landscape

    land = load_landscape()
    kind, prefixes = kinds()[name], {**STANDARD_PREFIXES, **land.prefixes}
    rows = to_rows(land.graph, kind, prefixes)
    dropdowns = {
        c.header: values for c in kind.columns
        if c.choices and not c.many and (values := choices(land.graph, kind, c, prefixes))
    }
    write_table(out, name, kind.headers, rows, dropdowns)
    return len(rows)


def import_sheet(path: Path, out: Path, *, kind: str | None = None,
                 sheet_name: str | None = None) -> ImportOutcome:
    """Read, check and validate the sheet; write ``out`` only when it all conforms."""
    from sgam_onto.io.atomic import atomic_write
    from sgam_onto.landscape import load_landscape
    from sgam_onto.rdf.turtle import serialize_turtle

    sheet = read_table(path, sheet_name)
    chosen = _kind(path, sheet, kind)
    land = load_landscape()
    prefixes = {**STANDARD_PREFIXES, **land.prefixes}
    table = from_rows(sheet.rows, sheet.headers, chosen, prefixes)
    outcome = ImportOutcome(chosen.name)
    if table.errors:
        raise LoadError(path, message=_cell_errors(path, sheet, table.errors))
    outcome.problems = _violations(path, sheet, chosen, table.graph, table.rows, land.graph,
                                   prefixes)
    if outcome.problems:
        return outcome
    used = {p: ns for p, ns in prefixes.items() if _uses(table.graph, ns)}
    atomic_write(out, serialize_turtle(table.graph, used).encode("utf-8"))
    outcome.written, outcome.resources, outcome.triples = True, len(table.rows), len(table.graph)
    return outcome


def _kind(path: Path, sheet: Sheet, name: str | None) -> Kind:
    """The kind named, else the one the sheet is named after, else the one its headers fit."""
    known = kinds()
    if name or sheet.name in known:
        kind = known[name or sheet.name]
    else:
        fitting = [k for k in known.values() if set(sheet.headers) <= set(k.headers)]
        if len(fitting) != 1:
            raise LoadError(path, message="cannot tell the kind of the rows from the sheet's "
                            "name or headers; name it with --kind")
        kind = fitting[0]
    unknown = [h for h in sheet.headers if h not in kind.headers]
    iri_header = next(c.header for c in kind.columns if c.path == IRI_COLUMN)
    if unknown or iri_header not in sheet.headers:
        what = (f"unknown column {unknown[0]!r}" if unknown else f"no {iri_header!r} column")
        raise LoadError(f"{path}:{sheet.name}", 1,
                        message=f"{what}; the columns of {kind.name} are: "
                        + ", ".join(kind.headers))
    return kind


def _cell_errors(path: Path, sheet: Sheet, errors: list[CellError]) -> str:
    lines = [f"{path}:{sheet.name}:{e.cell.row}:{e.cell.letter}: {e.cell.header}: {e.message}"
             for e in errors]
    return f"{len(errors)} unreadable cell(s)\n" + "\n".join(lines)


def _violations(
    path: Path, sheet: Sheet, kind: Kind, graph: Graph, rows: dict[URIRef, int],
    landscape: Graph, prefixes: dict[str, str],
) -> list[str]:
    """The shapes' violations, each placed at the row and column that state the fact."""
    from sgam_onto.validate.api import validate_data, validate_graph
    from sgam_onto.validate.results import SEVERITY_NAME

    around = Graph()
    for triple in landscape:
        if triple[0] not in rows:
            around.add(triple)
    results = validate_graph(validate_data(around, graph))
    problems = []
    for result in sorted(results, key=lambda r: (rows.get(r.focus, 0), str(r.key))):
        if SEVERITY_NAME.get(result.severity) != "violation":
            continue
        header = _header(kind, result.predicate, result.value, prefixes)
        position = sheet.headers.index(header) + 1 if header in sheet.headers else 1
        cell = Cell(rows.get(result.focus, 0), position, header)
        where = f"{path}:{sheet.name}:{cell.row}:{cell.letter}" if result.focus in rows else (
            f"{path}:{sheet.name}: {result.focus}")
        problems.append(f"{where}: {header}: {result.message}")
    return problems


def _header(kind: Kind, predicate: URIRef | None, value: object, prefixes: dict[str, str]) -> str:
    """The column that holds ``predicate`` (the one of the value's language, if it has one)."""
    candidates = [c for c in kind.columns if c.path != IRI_COLUMN
                  and predicate is not None and expand(c.path, prefixes) == predicate]
    if isinstance(value, Literal) and value.language:
        candidates = [c for c in candidates if c.value == f"@{value.language}"] or candidates
    return candidates[0].header if candidates else kind.columns[0].header


def _uses(graph: Graph, namespace: str) -> bool:
    return any(isinstance(t, URIRef) and str(t).startswith(namespace)
               for triple in graph for t in triple) or any(
        isinstance(o, Literal) and str(o.datatype or "").startswith(namespace)
        for o in graph.objects())
