"""Find the text of a place of the SRD, given the label of a source location.

A reading of a discrepancy cites the places that write it ("6.6 item 4", "Table 7 note 1",
"List of figures"); these helpers cut the SRD's plain text down to those places, so that a test
can check that the words were written there and not only somewhere in the document. The
extraction is read as it is: headings start a line with their number, table rows hold tabs,
list items start with "- N) ", footnotes with a superscript digit or "^a".
"""

from __future__ import annotations

import re

_CLAUSE = re.compile(r"^(?:\d+(?:\.\d+)*|[A-G](?:\.\d+)+)$")
_HEADING = re.compile(r"^(?:(\d+(?:\.\d+)*|[A-G](?:\.\d+)+) \S|Annex ([A-G])\b)")
_SUPERSCRIPTS = {"1": "¹", "2": "²", "3": "³"}
# A.3.5 has no heading in the extraction: its text starts at the caption of Figure A.4.
_START_MARKERS = {"A.3.5": "Figure A.4 – "}


class UnknownPlace(LookupError):
    """A label that these helpers cannot find in the text."""


def place(text: str, label: str) -> str:
    """The text of the place of the SRD that a source location's label names."""
    lines = text.split("\n")
    body = lines.index("FOREWORD")  # the contents and lists end where the foreword starts
    found = (
        _front(lines, label, body)
        or _part(lines, label, body, r"(.+) item (\d+)", _item)
        or _part(lines, label, body, r"(.+) footnote (\w)", _footnote)
        or _part(lines, label, body, r"(Table .+) note (\d+)", _note)
        or _figure(lines, label, body)
        or _table(lines, label, body)
        or _clause(lines, label, body)
    )
    if found is None:
        raise UnknownPlace(label)
    return "\n".join(found)


def _front(lines: list[str], label: str, body: int) -> list[str] | None:
    figures = next(i for i, line in enumerate(lines) if line.startswith("\tFigure 1 – "))
    tables = next(i for i in range(figures, body) if lines[i].startswith("Table 1 – "))
    if label == "Contents":
        return lines[lines.index("CONTENTS"):figures]
    if label == "List of figures":
        return lines[figures:tables]
    if label == "List of tables":
        return lines[tables:body]
    if label == "Introduction":
        start = lines.index("INTRODUCTION", body)
        return lines[start:lines.index("1 Scope", start)]
    return None


def _clause(lines: list[str], label: str, body: int) -> list[str] | None:
    """A clause or annex with its subclauses, from its heading to the next heading outside it."""
    annex = re.fullmatch(r"Annex ([A-G])", label)
    number = annex.group(1) if annex else label
    if not annex and not _CLAUSE.match(label):
        return None
    marker = _START_MARKERS.get(label)
    if marker is not None:
        start = next(i for i in range(body, len(lines)) if lines[i].startswith(marker))
    else:
        heading = f"Annex {number}" if annex else f"{number} "
        start = next(i for i in range(body, len(lines))
                     if lines[i].startswith(heading) and "\t" not in lines[i])
    end = len(lines)
    for i in range(start + 1, len(lines)):
        match = _HEADING.match(lines[i])
        if match and not (match.group(1) or match.group(2) or "").startswith(number + "."):
            end = i
            break
    return lines[start:end]


def _table(lines: list[str], label: str, body: int) -> list[str] | None:
    """A table from its caption over its rows, notes and footnotes."""
    if not label.startswith("Table "):
        return None
    caption = re.compile(r"^\**" + re.escape(label) + " – ")
    start = next(i for i in range(body, len(lines)) if caption.match(lines[i]))
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and "\t" not in line and not line.startswith(("^", "<p>", "NOTE")):
            break
        end += 1
    return lines[start:end]


def _figure(lines: list[str], label: str, body: int) -> list[str] | None:
    """A figure's caption with what precedes it back to the last heading (its notes)."""
    if not label.startswith("Figure "):
        return None
    end = next(i for i in range(body, len(lines)) if lines[i].startswith(label + " –"))
    start = max(i for i in range(body, end) if _HEADING.match(lines[i]))
    return lines[start:end + 1]


def _part(lines: list[str], label: str, body: int, pattern: str, finder) -> list[str] | None:
    match = re.fullmatch(pattern, label)
    if not match:
        return None
    container = place("\n".join(lines), match.group(1)).split("\n")
    return finder(container, match.group(2))


def _item(lines: list[str], number: str) -> list[str]:
    return [next(line for line in lines if line.startswith(f"- {number}) "))]


def _footnote(lines: list[str], mark: str) -> list[str]:
    """A footnote up to the next list item or the end of its place (it may run on)."""
    lead = _SUPERSCRIPTS.get(mark, "^" + mark)
    start = next(i for i, line in enumerate(lines) if line.startswith(lead))
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")),
               len(lines))
    return lines[start:end]


def _note(lines: list[str], number: str) -> list[str]:
    return [next(line for line in lines if line.startswith(f"NOTE {number} "))]
