"""Result serialisations: SPARQL 1.1 JSON (Oxigraph's writer) and CSV for machines, table and
Markdown for people."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

from sgam_onto.query.runner import Result, ResultTerm

FORMATS = ("table", "csv", "json", "md")

_MD_SPECIAL = set("\\`*_[]<>|~&")


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
    holds a comma unquoted, which splits the field.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(variables)
    for row in rows:
        writer.writerow([term_csv(t) for t in row])
    return buf.getvalue()


def to_csv(result: Result) -> str:
    """The result as SPARQL CSV (see `csv_text`)."""
    return csv_text(result.variables, result.rows)


# --- For people: aligned table and GitHub Markdown ---------------------------------------------


def display_text(term: ResultTerm | None, labels: Mapping[str, str]) -> str:
    """`Label <iri>` when the IRI has a label, `<iri>` otherwise; literals as their value."""
    if isinstance(term, ox.NamedNode):
        label = labels.get(term.value)
        return f"{label} <{term.value}>" if label else f"<{term.value}>"
    return term_csv(term)


def _visible(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def _width(text: str) -> int:
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def to_table(result: Result, labels: Mapping[str, str]) -> str:
    """Columns aligned with two spaces between; line breaks in values shown as `\\n`."""
    header = list(result.variables)
    body = [[_visible(display_text(t, labels)) for t in row] for row in result.rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in body]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        padded = [c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)]
        return "  ".join(padded).rstrip()

    lines = [line(header), line(["-" * w for w in widths])] + [line(r) for r in body]
    return "\n".join(lines) + "\n"


def md_escape(text: str) -> str:
    """Escape text for one GitHub table cell: Markdown punctuation backslashed, breaks as <br>."""
    escaped = "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)
    return escaped.replace("\r\n", "<br>").replace("\r", "<br>").replace("\n", "<br>")


def _md_cell(term: ResultTerm | None, labels: Mapping[str, str]) -> str:
    if isinstance(term, ox.NamedNode):  # a valid IRI has no <, >, |, \ or space: safe autolink
        label = labels.get(term.value)
        return f"{md_escape(label)} <{term.value}>" if label else f"<{term.value}>"
    return md_escape(term_csv(term))


def to_markdown(result: Result, labels: Mapping[str, str]) -> str:
    """A GitHub-flavoured Markdown table, one row per solution."""
    head = "| " + " | ".join(md_escape(v) for v in result.variables) + " |"
    rule = "|" + "|".join(" --- " for _ in result.variables) + "|"
    rows = ["| " + " | ".join(_md_cell(t, labels) for t in row) + " |" for row in result.rows]
    return "\n".join([head, rule, *rows]) + "\n"
