"""Query results as text: SPARQL 1.1 JSON (Oxigraph's writer) and CSV for machines, table and
Markdown for people (cells here, the layout in `sgam_onto.tables`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

from sgam_onto.query.runner import Result, ResultTerm
from sgam_onto.tables import csv_table, markdown_table, md_escape, text_table

FORMATS = ("table", "csv", "json", "md")


def render(result: Result, fmt: str, labels: Mapping[str, str] | None = None) -> str:
    """Serialise `result` as `fmt`; `labels` (IRI → label) decorate IRIs in table and md."""
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        return to_csv(result)
    if fmt == "table":
        return to_table(result, labels or {})
    if fmt == "md":
        return to_markdown(result, labels or {})
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


# --- SPARQL 1.1 Query Results JSON: Oxigraph's writer -----------------------------------------


def solutions(result: Result) -> ox.QuerySolutions:
    """The rows as Oxigraph query solutions, for its W3C results writers.

    They travel as SPARQL TSV, whose cells are the terms in their own N-Triples syntax
    (``str`` of an Oxigraph term), so every term arrives exactly as it was.
    """
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    tsv = ("\n".join(lines) + "\n").encode("utf-8")
    return ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV)


def to_json(result: Result) -> str:
    """`{"head": {"vars": …}, "results": {"bindings": […]}}`; unbound variables are omitted."""
    body = solutions(result).serialize(format=ox.QueryResultsFormat.JSON) or b""
    return body.decode("utf-8") + "\n"


# --- SPARQL 1.1 Query Results CSV ---------------------------------------------------------------


def term_csv(term: ResultTerm | None) -> str:
    """IRIs bare, literals as their lexical form, blank nodes as `_:id`, unbound empty."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def csv_text(variables: Sequence[str], rows: Iterable[Sequence[ResultTerm | None]]) -> str:
    """RFC 4180: CRLF line ends, fields with comma, quote or line break quoted, quotes doubled.

    Python's csv module rather than Oxigraph's CSV writer: Oxigraph 0.5 leaves an IRI that
    holds a comma unquoted, which splits the field (a test in tests/query/test_formats.py
    shows it and fails once Oxigraph quotes it; then use the library's writer).
    """
    return csv_table(variables, ([term_csv(t) for t in row] for row in rows))


def to_csv(result: Result) -> str:
    """The result as SPARQL CSV (see `csv_text`)."""
    return csv_text(result.variables, result.rows)


# --- For people: aligned table and GitHub Markdown (laid out by sgam_onto.tables) -----------------


def display_text(term: ResultTerm | None, labels: Mapping[str, str]) -> str:
    """`Label <iri>` when the IRI has a label, `<iri>` otherwise; literals as their value."""
    if isinstance(term, ox.NamedNode):
        label = labels.get(term.value)
        return f"{label} <{term.value}>" if label else f"<{term.value}>"
    return term_csv(term)


def _visible(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def to_table(result: Result, labels: Mapping[str, str]) -> str:
    """Columns aligned with two spaces between; line breaks in values shown as `\\n`."""
    body = [[_visible(display_text(t, labels)) for t in row] for row in result.rows]
    return "\n".join(text_table(result.variables, body)) + "\n"


def _md_cell(term: ResultTerm | None, labels: Mapping[str, str]) -> str:
    if isinstance(term, ox.NamedNode):  # a valid IRI has no <, >, |, \ or space: safe autolink
        label = labels.get(term.value)
        return f"{md_escape(label)} <{term.value}>" if label else f"<{term.value}>"
    return md_escape(term_csv(term))


def to_markdown(result: Result, labels: Mapping[str, str]) -> str:
    """A GitHub-flavoured Markdown table, one row per solution."""
    rows = ([_md_cell(t, labels) for t in row] for row in result.rows)
    return "\n".join(markdown_table(result.variables, rows)) + "\n"
