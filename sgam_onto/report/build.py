"""Running the report's catalogue queries and keeping their answers as plain cells."""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from sgam_onto.report.model import Cell, Report, SectionData
from sgam_onto.report.sections import SECTIONS, Section

TITLE = "IEC SRD 63268:2020 standardization landscape"


def build_report(
    store: ox.Store,
    *,
    sections: Sequence[Section] = SECTIONS,
    version: str | None = None,
    triples: int | None = None,
) -> Report:
    """Run each section's query on `store` and collect the answers as a Report."""
    from sgam_onto import __version__
    from sgam_onto.query.catalogue import Catalogue
    from sgam_onto.query.labels import labels_for
    from sgam_onto.query.runner import run_stored

    catalogue = Catalogue()
    built = []
    for section in sections:
        query = catalogue.load(section.query)
        result = run_stored(store, query, section.params)
        shown = section.columns or tuple(result.variables)
        missing = [c for c in shown if c not in result.variables]
        if missing:
            raise ValueError(f"section {section.key}: query {section.query} has no {missing}")
        index = [result.variables.index(c) for c in shown]
        labels = labels_for(store, result.rows)
        rows = tuple(tuple(to_cell(row[i], labels) for i in index) for row in result.rows)
        built.append(
            SectionData(section.key, section.title, section.intro, section.query,
                        section.command(), shown, rows)
        )
    count = triples if triples is not None else count_triples(store)
    return Report(TITLE, version or __version__, count, tuple(built))


def count_triples(store: ox.Store) -> int:
    """Triples in the queried graph, asked through SPARQL so that any store can answer."""
    from sgam_onto.query.runner import run_query

    result = run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    return int(result.rows[0][0].value)


def to_cell(term: object, labels: dict[str, str]) -> Cell:
    """A result term as a cell: an IRI shows its label (or itself) and links to itself."""
    from sgam_onto.query.formats import term_csv

    if isinstance(term, ox.NamedNode):
        return Cell(labels.get(term.value, term.value), term.value)
    return Cell(term_csv(term))  # type: ignore[arg-type]
