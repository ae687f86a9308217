"""The shared table layouts, read back by independent readers: a CommonMark + GFM-tables parser
(markdown-it-py), Python's HTML parser, and column widths known from the Unicode tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from sgam_onto.tables import (
    aligned,
    backslash_escape,
    csv_table,
    html_table,
    markdown_table,
    md_escape,
    text_table,
)

AWKWARD = [
    "a | b",
    "*not emphasis* and _not_ either",
    "[not](a link) <b>not bold</b> &amp; kept",
    "`no code` ~~no strike~~ back\\slash",
    "two\nlines\r\nand\rthree",
]


def gfm_cells(lines: list[str]) -> tuple[list[str], list[list[str]], list[str | None]]:
    """Header cells, body rows and column alignments as a GFM viewer reads them; a <br> in a
    cell reads as a line break."""
    tokens = MarkdownIt("commonmark").enable("table").parse("\n".join(lines) + "\n")
    header: list[str] = []
    rows: list[list[str]] = []
    aligns: list[str | None] = []
    in_head = False
    for i, token in enumerate(tokens):
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open" and not in_head:
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            text = "".join(
                "\n" if child.type == "html_inline" and child.content == "<br>" else child.content
                for child in tokens[i + 1].children or []
            )
            if in_head:
                header.append(text)
                style = str(token.attrs.get("style", ""))
                aligns.append(style.split(":", 1)[1] if style else None)
            else:
                rows[-1].append(text)
    return header, rows, aligns


def test_markdown_cells_read_back_as_the_text_written() -> None:
    columns = ["a|b", "c*d_e"]
    rows = [[md_escape(text), str(n)] for n, text in enumerate(AWKWARD)]
    header, body, aligns = gfm_cells(markdown_table(columns, rows))
    assert header == columns
    # every kind of line break reads as one break
    breaks = [t.replace("\r\n", "\n").replace("\r", "\n") for t in AWKWARD]
    assert body == [[t, str(n)] for n, t in enumerate(breaks)]
    assert aligns == [None, None]


def test_markdown_counts_are_right_aligned() -> None:
    header, body, aligns = gfm_cells(markdown_table(["x", "y"], [["1", "22"]], numbers=True))
    assert (header, body, aligns) == (["x", "y"], [["1", "22"]], ["right", "right"])


def test_backslash_escape_marks_exactly_the_characters_asked_for() -> None:
    text = "a|b*c_d#e"
    escaped = backslash_escape(text, "|*")
    assert escaped == "a\\|b\\*c_d#e"
    assert re.sub(r"\\(.)", r"\1", escaped) == text


def test_text_table_aligns_by_terminal_columns() -> None:
    # 日本 takes four columns (two wide characters); é written as e + U+0301 takes one.
    lines = text_table(["a", "b"], [["日本", "x"], ["e\u0301", "yy"], ["", ""]])
    assert lines == ["a     b", "----  --", "日本  x", "e\u0301     yy", ""]


def test_aligned_rows_have_no_header_and_no_trailing_space() -> None:
    assert aligned([["long-name", "one"], ["n", "two words"]]) == [
        "long-name  one",
        "n          two words",
    ]
    assert aligned([]) == []


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[tuple[str, dict[str, str | None], str]] = []
        self.open: tuple[str, dict[str, str | None]] | None = None
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("th", "td"):
            self.open, self.text = (tag, dict(attrs)), ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self.open is not None:
            self.cells.append((self.open[0], self.open[1], self.text))
            self.open = None

    def handle_data(self, data: str) -> None:
        if self.open is not None:
            self.text += data


@pytest.mark.parametrize("rows", [[["<b>1</b>", "x &amp; y"], ["", "z"]], []])
def test_html_table_escapes_headings_and_keeps_cell_fragments(rows: list[list[str]]) -> None:
    text = html_table(["<a>", "b & c"], rows)
    reader = _Cells()
    reader.feed(text)
    assert [c for c in reader.cells if c[0] == "th"] == [("th", {}, "<a>"), ("th", {}, "b & c")]
    shown = [c[2] for c in reader.cells if c[0] == "td"]
    assert shown == [re.sub(r"<[^>]+>", "", f).replace("&amp;", "&") for r in rows for f in r]
    assert text.count("<tr>") == 1 + len(rows)


def test_html_table_lets_the_page_shape_each_cell() -> None:
    text = html_table(["h"], [["v"]], heading=str.upper, cell=lambda f: f'<td dir="auto">{f}</td>')
    reader = _Cells()
    reader.feed(text)
    assert reader.cells == [("th", {}, "H"), ("td", {"dir": "auto"}, "v")]


def test_csv_quotes_only_the_fields_rfc_4180_asks_to() -> None:
    text = csv_table(["a", "b,c"], [["x,y", '"q"'], [None, "line\nbreak"], ["plain", ""]])
    assert text == 'a,"b,c"\r\n"x,y","""q"""\r\n,"line\nbreak"\r\nplain,\r\n'
