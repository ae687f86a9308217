"""Result serialisations: SPARQL 1.1 JSON and CSV for machines, table and Markdown for people."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Mapping

import pyoxigraph as ox

from sgam_onto.query.runner import Result, ResultTerm

FORMATS = ("table", "csv", "json", "md")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

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


# --- SPARQL 1.1 Query Results JSON -------------------------------------------------------------


def term_json(term: ResultTerm) -> dict[str, object]:
    """One RDF term in the W3C JSON results form (`type`, `value`, `datatype`, `xml:lang`)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


def to_json(result: Result) -> str:
    """`{"head": {"vars": …}, "results": {"bindings": […]}}`; unbound variables are omitted."""
    bindings = [
        {
            var: term_json(term)
            for var, term in zip(result.variables, row, strict=True)
            if term is not None
        }
        for row in result.rows
    ]
    doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


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


def to_csv(result: Result) -> str:
    """RFC 4180: CRLF line ends, fields with comma, quote or line break quoted, quotes doubled."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([term_csv(t) for t in row])
    return buf.getvalue()


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
