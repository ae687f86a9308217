"""Lint read from the text, for what parsing erases: language tags are case-insensitive, so
Oxigraph lower-cases them and ``"Hello"@EN-gb`` and ``"Hello"@en-GB`` become one statement (one
of the two is silently dropped). Only the text still shows both spellings."""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from sgam_onto.rdf.convert import bcp47_case

# A tag right after a closing quote (Turtle, TriG, N-Triples), or an xml:lang attribute (its
# "=" and spaces on one line). Each expression starts with a fixed text, which the search
# skips ahead to (a class such as ["'] would be tried at every character: six times slower).
_TAG = r"(?P<tag>[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)"
_QUOTED_TAGS = (re.compile(rf'"@{_TAG}\b'), re.compile(rf"'@{_TAG}\b"))
_STARTS = ('"@', "'@", "xml:lang")  # the fixed text each expression starts with
_XML_LANG = re.compile(
    r"""xml:lang[^\S\n]*=[^\S\n]*["'](?P<tag>[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)["']"""
)
# Line breaks of str.splitlines other than "\n" (and "\r\n", folded to it where no "\r" stands
# alone).
_OTHER_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def tag_spellings(text: str | Iterable[str], *, first: bool = False) -> list[tuple[int, str]]:
    """(line, tag as written) for each language tag in ``text`` (with ``first``, for the first
    of each spelling only), comments left out; lines are numbered as ``str.splitlines``
    numbers them. ``text`` may come in blocks, each but the last ending with a line break, so
    that a large file is searched block by block."""
    found: list[tuple[int, str]] = []
    seen: set[str] | None = set() if first else None
    line = 1
    for block in [text] if isinstance(text, str) else text:
        if "\r" in block and block.count("\r") == block.count("\r\n"):  # Windows lines
            block = block.replace("\r\n", "\n")
        other_breaks = any(char in block for char in _OTHER_BREAKS)
        if seen is not None and _all_seen(block, seen):
            line += len(block.splitlines()) if other_breaks else block.count("\n")
        elif other_breaks:
            lines = block.splitlines()
            for number, one in enumerate(lines, line):
                _scan(one, number, found, seen)
            line += len(lines)
        else:
            _scan(block, line, found, seen)
            line += block.count("\n")
    return found


def _all_seen(block: str, seen: set[str]) -> bool:
    """Whether every tag spelling in ``block`` is in ``seen`` (found by the expressions alone,
    without a look at lines or comments: most blocks of a large file repeat a few tags)."""
    return all(tag in seen for start, expression in zip(_STARTS, (*_QUOTED_TAGS, _XML_LANG),
                                                        strict=True)
               if start in block  # a plain search, faster than the expression's
               for tag in set(expression.findall(block)))


def _scan(block: str, line: int, found: list[tuple[int, str]], seen: set[str] | None) -> None:
    """Tags in ``block`` (broken into lines by "\n" only), its first line numbered ``line``;
    a spelling in ``seen`` is passed over without a look at its line."""
    counted = 0
    for at, tag in _tags(block):
        if seen is not None and tag in seen:
            continue
        start = block.rfind("\n", 0, at) + 1
        end = block.find("\n", at)
        if _commented(block[start: None if end < 0 else end], at - start):
            continue
        line += block.count("\n", counted, at)
        counted = at
        found.append((line, tag))
        if seen is not None:
            seen.add(tag)


def _commented(line: str, at: int) -> bool:
    """Whether the tag at ``at`` stands in a comment: it, or a tag before it on the line,
    follows a "#" outside quotes and IRIs."""
    for position, _ in _tags(line):
        if position > at:
            break
        before = line[:position]
        if "#" in before and before.count('"') % 2 == 0 and before.count("<") == before.count(
            ">"
        ):
            return True
    return False


def _tags(block: str) -> Iterator[tuple[int, str]]:
    """(offset, tag) in text order; the offset is that of "@" or of "xml:lang"."""
    quoted = [((m.start() + 1, m.group("tag")) for m in expression.finditer(block))
              for expression in _QUOTED_TAGS]
    xml = ((m.start(), m.group("tag")) for m in _XML_LANG.finditer(block)
           if m.start() == 0 or not _word(block[m.start() - 1]))
    return heapq.merge(*quoted, xml)


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


def tag_case_clashes(
    texts: Iterable[tuple[Path, str | Iterable[str]]],
) -> list[tuple[Path, int, str]]:
    """(path, line, message) for each spelling of a tag that the inputs also spell in another
    case: every spelling but the conventional one (BCP 47 case) is reported where written."""
    spellings: dict[str, dict[str, tuple[Path, int]]] = defaultdict(dict)
    for path, text in texts:
        for line, tag in tag_spellings(text, first=True):
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
