"""Readers for the lists of clause 6 and Annexes A to C in the SRD's plain text.

They give independent expectations for the catalogue: the entities each clause lists with the
standards named next to them, and the numbered lists of needed coordination. They read the
extraction as it is (list items start with "- ", numbered ones with "- N) ").
"""

from __future__ import annotations

import re

ENTITY_LISTS = ("6.2", "6.3.2", "6.3.3", "6.3.4", "6.3.5", "6.4", "6.5", "6.6",
                "A.3.5", "B.3.2.5", "B.3.3.5", "B.3.4.5", "C.3.5")
COORDINATION_LISTS = ("6.2", "6.3.2", "6.3.3", "6.6", "A.3.5",
                      "B.3.2.5", "B.3.3.5", "B.3.4.5", "B.3.5.5", "C.3.5")

# A.3.5 has no heading of its own in the extraction: its text starts at this sentence.
_START_MARKERS = {"A.3.5": "As shown in Figure A.4"}
_HEADING = re.compile(r"^(?:\d+(?:\.\d+)*|[A-G](?:\.\d+)+) [A-Z]|^Annex [A-G]\b")
_STANDARD = re.compile(r"\b(?:IEC|ISO)(?: TS| TR)? \d{4,5}(?:-\d+)*")
_NUMBERED = re.compile(r"^- (\d+)\) (.*)$")
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"


def section(text: str, clause: str) -> list[str]:
    """The body lines of a clause, from its heading (not the contents entry) to the next one."""
    lines = text.split("\n")
    marker = _START_MARKERS.get(clause)
    if marker is not None:
        start = next(i for i, line in enumerate(lines) if line.startswith(marker)) - 1
    else:
        start = next(
            i for i, line in enumerate(lines) if line.startswith(clause + " ") and "\t" not in line
        )
    end = next(
        (i for i in range(start + 1, len(lines)) if _HEADING.match(lines[i])), len(lines)
    )
    return lines[start + 1 : end]


def entity_list(text: str, clause: str) -> list[tuple[str, frozenset[str]]]:
    """(entity as written, designations of the standards named) for each entry, in order."""
    lines = section(text, clause)
    start = next(i for i, line in enumerate(lines)
                 if "appear to be" in line or "listed below" in line)
    entries = []
    for line in lines[start + 1 :]:
        if line.startswith("In addition"):
            break
        if not line.startswith("- "):
            continue
        item = line[2:].strip().rstrip(_SUPERSCRIPTS).strip()
        parts = re.split(r" (?:with|for) ", item, maxsplit=1)
        entity, rest = parts[0], parts[1] if len(parts) > 1 else ""
        entries.append((entity.strip(), frozenset(_STANDARD.findall(rest))))
    return entries


def coordination_list(text: str, clause: str) -> dict[int, str]:
    """The numbered entries of a clause's list of needed coordination, number -> text."""
    found = {}
    for line in section(text, clause):
        m = _NUMBERED.match(line)
        if m:
            found[int(m.group(1))] = m.group(2)
    return found
