"""Reading the report back: its Markdown and HTML tables as rows of (text, link) cells.

The readers are independent of the renderers: they parse what a Markdown viewer or a browser
would see, so the tests compare what is shown with the query results as data.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

Cell = tuple[str, str | None]  # shown text, link target (None for plain text)
Table = tuple[list[str], list[list[Cell]]]

_LINK = re.compile(r"\[(?P<text>(?:\\.|[^\]\\])*)\]\(<(?P<iri>[^>]*)>\)\Z")


def split_row(line: str) -> list[str]:
    """Cells of a `| a | b |` line, splitting on pipes that are not backslash-escaped."""
    inner = line.strip()
    assert inner.startswith("|") and inner.endswith("|"), line
    cells, current, i = [], "", 1
    while i < len(inner) - 1:
        ch = inner[i]
        if ch == "\\" and i + 1 < len(inner) - 1:
            current += inner[i : i + 2]
            i += 2
            continue
        if ch == "|":
            cells.append(current.strip())
            current = ""
        else:
            current += ch
        i += 1
    cells.append(current.strip())
    return cells


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text.replace("<br>", "\n"))


def md_cell(raw: str) -> Cell:
    m = _LINK.match(raw)
    if m:
        return unescape(m.group("text")), m.group("iri")
    return unescape(raw), None


def markdown_tables(text: str) -> dict[str, Table]:
    """Each section's table, keyed by the anchor id that opens the section."""
    tables: dict[str, Table] = {}
    key = None
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        anchor = re.match(r'<a id="([^"]+)"></a>$', lines[i])
        if anchor:
            key = anchor.group(1)
        elif lines[i].startswith("| ") and key is not None and key not in tables:
            header = [unescape(c) for c in split_row(lines[i])]
            rows = []
            i += 2  # the rule line
            while i < len(lines) and lines[i].startswith("| "):
                rows.append([md_cell(c) for c in split_row(lines[i])])
                i += 1
            tables[key] = (header, rows)
            continue
        i += 1
    return tables


def markdown_commands(text: str) -> dict[str, str]:
    """The `sgam-onto query ...` command each section names, by section."""
    found, key = {}, None
    for line in text.split("\n"):
        anchor = re.match(r'<a id="([^"]+)"></a>$', line)
        if anchor:
            key = anchor.group(1)
        m = re.match(r"Query: `([^`]+)`$", line)
        if m and key:
            found[key] = m.group(1)
    return found


class _TableReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, Table] = {}
        self.commands: dict[str, str] = {}
        self.section: str | None = None
        self.header: list[str] = []
        self.rows: list[list[Cell]] = []
        self.row: list[Cell] | None = None
        self.text: str | None = None
        self.href: str | None = None
        self.in_code = False
        self.code = ""
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "section":
            self.section, self.header, self.rows = a.get("id"), [], []
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.text, self.href = "", None
        elif tag == "a" and self.text is not None:
            self.href = a.get("href")
        elif tag == "code":
            self.in_code, self.code = True, ""

    def handle_endtag(self, tag: str) -> None:
        self.tags.pop()
        if tag == "th" and self.text is not None:
            self.header.append(self.text)
            self.text = None
        elif tag == "td" and self.text is not None and self.row is not None:
            self.row.append((self.text, self.href))
            self.text = None
        elif tag == "tr" and self.row:
            self.rows.append(self.row)
            self.row = None
        elif tag == "code" and self.section:
            self.commands[self.section] = self.code
            self.in_code = False
        elif tag == "section" and self.section:
            if self.header:
                self.tables[self.section] = (self.header, self.rows)
            self.section = None

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text += data
        if self.in_code:
            self.code += data


def html_tables(text: str) -> tuple[dict[str, Table], dict[str, str]]:
    """Each section's table and named command, keyed by the section's id."""
    reader = _TableReader()
    reader.feed(text)
    reader.close()
    return reader.tables, reader.commands
