"""Lint read from the text, for what parsing erases: language tags are case-insensitive, so
Oxigraph lower-cases them and ``"Hello"@EN-gb`` and ``"Hello"@en-GB`` become one statement (one
of the two is silently dropped). Only the text still shows both spellings."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from sgam_onto.rdf.convert import bcp47_case

# A tag right after a closing quote (Turtle, TriG, N-Triples), or an xml:lang attribute; the
# spaces around "=" stay on one line.
_TAG = re.compile(
    r"""(?<=["'])@(?P<tag>[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)\b"""
    r"""|\bxml:lang[^\S\n]*=[^\S\n]*["'](?P<xml>[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)["']"""
)
# Line breaks of str.splitlines other than "\n" (and "\r\n", folded to it where no "\r" stands
# alone).
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def tag_spellings(text: str | Iterable[str]) -> list[tuple[int, str]]:
    """(line, tag as written) for each language tag in ``text``, comments left out; lines are
    numbered as ``str.splitlines`` numbers them. ``text`` may come in blocks, each but the
    last ending with a line break, so that a large file is searched block by block."""
    found: list[tuple[int, str]] = []
    line = 1
    for block in [text] if isinstance(text, str) else text:
        if block.count("\r") == block.count("\r\n"):  # each "\r" ends a Windows line
            block = block.replace("\r\n", "\n")
        if _OTHER_BREAKS.search(block):
            lines = block.splitlines()
            for number, one in enumerate(lines, line):
                _scan(one, number, found)
            line += len(lines)
        else:
            _scan(block, line, found)
            line += block.count("\n")
    return found


def _scan(block: str, line: int, found: list[tuple[int, str]]) -> None:
    """Tags in ``block`` (broken into lines by "\n" only), its first line numbered ``line``."""
    counted = 0
    comment_ends = -1
    for match in _TAG.finditer(block):
        at = match.start()
        if at < comment_ends:
            continue
        line += block.count("\n", counted, at)
        counted = at
        before = block[block.rfind("\n", 0, at) + 1: at]
        if "#" in before and before.count('"') % 2 == 0 and before.count("<") == before.count(
            ">"
        ):  # the rest of the line is a comment
            comment_ends = block.find("\n", at)
            if comment_ends < 0:
                break
            continue
        found.append((line, match.group("tag") or match.group("xml")))


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
