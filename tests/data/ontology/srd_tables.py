"""Readers for the tables and lists of the SRD's plain text, used as independent expectations.

They read the extraction as it is (tab-separated table rows, "- N) ..." list items), so a test
can compare the knowledge graph with the document rather than with a copy of itself.
"""

from __future__ import annotations

import re

TABLE_1_COLUMNS = ("utility", "der", "hb", "industry", "microgrid", "market", "service")


def lines_after(text: str, marker: str) -> list[str]:
    lines = text.split("\n")
    return lines[lines.index(marker) + 1 :]


def table_1(text: str) -> list[tuple[str, ...]]:
    """Rows of Table 1 as (entity, 7 cells), footnote marks written as '^a' / 'X^b'."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("IEC TC 8/SC 8A\t"))
    rows = []
    for line in lines[start:]:
        if not line.strip():
            break
        label, *cells = line.split("\t")
        label = label.replace(" ^a", "^a")
        rows.append((label, *(c.replace(" ^b", "^b").strip() for c in cells)))
    return rows


def abbreviations(text: str) -> dict[str, str]:
    """Clause 3.2 as abbreviation -> expansion."""
    lines = text.split("\n")
    start = lines.index("AMI\tautomatic metering infrastructure")
    result = {}
    for line in lines[start:]:
        if not line.strip():
            continue
        if "\t" not in line:
            break
        abbr, expansion = line.split("\t")
        result[abbr.strip()] = expansion.strip()
        if abbr == "WAN":
            break
    return result


def use_case_tables(text: str) -> dict[str, list[tuple[str, str]]]:
    """Tables A.2, B.2, C.2 and D.2 as (business process, use case) rows in order."""
    lines = text.split("\n")
    heads = [i for i, line in enumerate(lines) if line.startswith("Business process")]
    names = ["Table A.2", "Table B.2", "Table B.2", "Table C.2", "Table C.2", "Table D.2"]
    tables: dict[str, list[tuple[str, str]]] = {}
    for name, head in zip(names, heads, strict=True):
        rows = tables.setdefault(name, [])
        process = rows[-1][0] if rows else ""
        for line in lines[head + 1 :]:
            if not line.strip() or line.startswith("^") or line.startswith("Further insights"):
                break
            first, _, use_case = line.partition("\t")
            process = first.strip() or process
            rows.append((process, use_case.replace(" ^a", "").strip()))
    return tables


def coordination_items(text: str) -> dict[int, str]:
    """The 26 numbered items of 4.2.3 as number -> text."""
    heading = "4.2.3 Standardization entity coordination improvement\n\nThe detailed"
    block = text[text.index(heading) :]
    block = block[: block.index("5 Introducing the main interactions")]
    return {int(m.group(1)): m.group(2) for m in re.finditer(r"^- (\d+)\) (.*)$", block, re.M)}


def interaction_table(text: str, caption: str) -> dict[int, tuple[str, ...]]:
    """An interaction table (Tables 5–11, A.1–D.1) as number -> cells after the number.

    Tables 5 to 7 have Title, Description, From, To, Bi-directional; the others Title, From, To.
    The caption is looked up where it is followed by the table's header row, not in the list of
    tables at the front of the document.
    """
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip().startswith(caption):
            following = [x for x in lines[i + 1 : i + 4] if x.strip()]
            if following and following[0].split("\t")[0] in ("No.", "Num"):
                start = lines.index(following[0], i) + 1
                break
    else:
        raise LookupError(caption)
    rows: dict[int, tuple[str, ...]] = {}
    for line in lines[start:]:
        cells = line.split("\t")
        if not line.strip() or not cells[0].strip().isdigit():
            break
        rows[int(cells[0])] = tuple(c.strip() for c in cells[1:])
    return rows
