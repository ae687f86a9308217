"""Rows laid out in one place: aligned plain text, GitHub Markdown, HTML and CSV tables.

Everything here works on strings, so the query results, the report, the diff, the model
summary, the endpoint's pages, the site and the sheets share one layout. The W3C formats (SPARQL
results JSON/XML/TSV, RDF syntaxes) come from the RDF libraries; SPARQL CSV is the one written
here, see `sgam_onto.query.formats.csv_text`.
"""

from __future__ import annotations

import csv
import html
import io
import unicodedata
from collections.abc import Callable, Iterable, Sequence

# What a GitHub table cell escapes: Markdown punctuation, the cell separator, and & and < so
# that an entity or a tag in the data is shown as written.
CELL_SPECIAL = "\\`*_[]<>|~&"


def backslash_escape(text: str, special: str) -> str:
    """`text` with each character of `special` preceded by a backslash (Markdown's escape)."""
    return "".join("\\" + ch if ch in special else ch for ch in text)


def md_escape(text: str) -> str:
    """Escape text for one GitHub table cell: Markdown punctuation backslashed, breaks as <br>."""
    escaped = backslash_escape(text, CELL_SPECIAL)
    return escaped.replace("\r\n", "<br>").replace("\r", "<br>").replace("\n", "<br>")


def markdown_table(
    columns: Sequence[str], rows: Iterable[Sequence[str]], *, numbers: bool = False
) -> list[str]:
    """The lines of a GitHub table: `columns` are escaped here, cells are Markdown already.

    `numbers` right-aligns every column, as counts read best.
    """
    rule = "---:" if numbers else " --- "
    head = "| " + " | ".join(md_escape(c) for c in columns) + " |"
    return [
        head,
        "|" + "|".join(rule for _ in columns) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: wide East Asian characters take two, combining marks
    none."""
    if text.isascii():  # most cells: no wide or combining character can be among them
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _widths(rows: Sequence[Sequence[str]]) -> list[int]:
    return [max(display_width(row[i]) for row in rows) for i in range(len(rows[0]))]


def _aligned(rows: Iterable[Sequence[str]], widths: Sequence[int]) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        padded = [c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=True)]
        return "  ".join(padded).rstrip()

    return [line(row) for row in rows]


def aligned(rows: Sequence[Sequence[str]]) -> list[str]:
    """Rows as lines, columns padded to a common width with two spaces between; no header."""
    return _aligned(rows, _widths(rows)) if rows else []


def text_table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """The lines of a plain-text table: a header, a rule of dashes, then the aligned rows.

    Cells must hold no line break (the caller shows breaks as it likes).
    """
    widths = _widths([columns, *rows])
    return _aligned([columns, ["-" * w for w in widths], *rows], widths)


def csv_table(columns: Sequence[str], rows: Iterable[Sequence[str | None]]) -> str:
    """RFC 4180, as spreadsheets read it: CRLF line ends, a field holding a comma, quote or line
    break quoted, quotes doubled; None as an empty field."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def td(fragment: str) -> str:
    """A plain table cell around an HTML fragment."""
    return f"<td>{fragment}</td>"


def html_table(
    columns: Iterable[str],
    rows: Iterable[Iterable[str]],
    *,
    heading: Callable[[str], str] = html.escape,
    cell: Callable[[str], str] = td,
) -> str:
    """An HTML table whose cells are HTML fragments already; `heading` escapes the column
    names and `cell` wraps each fragment in its <td> (a page may add attributes there)."""
    head = "".join(f"<th>{heading(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(cell(c) for c in row) + "</tr>\n" for row in rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"
