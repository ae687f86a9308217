"""What a report holds once the queries have run: plain values, no RDF, no markup."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """One table cell: the text shown and, for a resource, the IRI it links to."""

    text: str
    iri: str | None = None


@dataclass(frozen=True)
class SectionData:
    """One section: its heading, a short explanation, the query behind it and its table."""

    key: str
    title: str
    intro: str
    query: str
    command: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


@dataclass(frozen=True)
class Report:
    """The whole report; `triples` and `version` describe the landscape it was built from."""

    title: str
    version: str
    triples: int
    sections: tuple[SectionData, ...]
