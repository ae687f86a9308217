"""Lint read from the text, for what parsing erases: language tags are case-insensitive, so
Oxigraph lower-cases them and ``"Hello"@EN-gb`` and ``"Hello"@en-GB`` become one statement (one
of the two is silently dropped). Only the text still shows both spellings."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from sgam_onto.rdf.convert import bcp47_case

# A tag right after a closing quote (Turtle, TriG, N-Triples), or an xml:lang attribute.
_TAG = re.compile(
    r"""(?<=["'])@(?P<tag>[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)\b"""
    r"""|\bxml:lang\s*=\s*["'](?P<xml>[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)["']"""
)


def tag_spellings(text: str | Iterable[str]) -> list[tuple[int, str]]:
    """(line, tag as written) for each language tag in ``text`` (or its lines), comments left
    out."""
    found = []
    for number, line in enumerate(text.splitlines() if isinstance(text, str) else text, 1):
        if "@" not in line and "lang" not in line:
            continue
        for match in _TAG.finditer(line):
            before = line[: match.start()]
            if "#" in before and before.count('"') % 2 == 0 and before.count("<") == before.count(
                ">"
            ):
                break  # the rest of the line is a comment
            found.append((number, match.group("tag") or match.group("xml")))
    return found


def tag_case_clashes(
    texts: Iterable[tuple[Path, str | Iterable[str]]],
) -> list[tuple[Path, int, str]]:
    """(path, line, message) for each spelling of a tag that the inputs also spell in another
    case: every spelling but the conventional one (BCP 47 case) is reported where written."""
    spellings: dict[str, dict[str, tuple[Path, int]]] = defaultdict(dict)
    for path, text in texts:
        for line, tag in tag_spellings(text):
            spellings[tag.casefold()].setdefault(tag, (path, line))
    findings = []
    for folded, seen in spellings.items():
        if len(seen) < 2:
            continue
        conventional = bcp47_case(folded)
        for tag, (path, line) in seen.items():
            if tag == conventional:
                continue
            other = conventional if conventional in seen else min(t for t in seen if t != tag)
            where = seen[other]
            at = f"line {where[1]}" if where[0] == path else f"{where[0]}:{where[1]}"
            findings.append((path, line, (
                f"language tag @{tag} is also written @{other} ({at}); tags ignore case, so "
                f"literals differing only so are one and the same; write @{conventional}")))
    return sorted(findings)
