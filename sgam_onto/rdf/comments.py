"""Keep the comments of a Turtle file that a reformat can place again.

Parsers drop comments, so a formatter that only sees triples would delete them all. Two kinds
survive formatting: the header (the comment block at the top of the file, followed by a blank
line) and a comment block written directly above a subject, which moves with that subject.
Other comments (inside a statement, at the end of a line, above prefixes) cannot be placed
again; they are reported so the author can move them into rdfs:comment or skos:editorialNote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

_PNAME = re.compile(r"([^\s:<\"'#]*):((?:[^\s\\;,]|\\.)*)")
_IRI = re.compile(r"<([^>]*)>")
_LOCAL_ESCAPE = re.compile(r"\\(.)")
_LONG_QUOTES = re.compile(r'"""|\'\'\'')
_NOT_COMMENT = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|<[^>]*>')


@dataclass
class Comments:
    header: str = ""
    above: dict[URIRef, str] = field(default_factory=dict)
    dropped: list[int] = field(default_factory=list)  # 1-based lines of unplaceable comments


def extract_comments(text: str, prefixes: dict[str, str], subjects: set[URIRef]) -> Comments:
    """Find the header and the comment blocks directly above a subject of ``subjects``."""
    found = Comments()
    # Turtle ends lines at CR and LF only; str.splitlines() would also break inside literals
    # at U+0085, U+2028 or a form feed and mistake a '#' there for a comment.
    lines = re.split(r"\r\n|\r|\n", text)
    block: list[tuple[int, str]] = []
    in_long: str | None = None
    seen_content = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if in_long is None and line.lstrip().startswith("#"):
            block.append((number, line.strip()))
            continue
        if block:
            subject = None if line == "" or line[0].isspace() else _subject(line, prefixes)
            if subject in subjects and subject not in found.above:
                found.above[subject] = "\n".join(c for _, c in block)
            elif not seen_content:
                joined = "\n".join(c for _, c in block)
                found.header = f"{found.header}\n\n{joined}" if found.header else joined
            else:
                found.dropped += [n for n, _ in block]
            block = []
        if line:
            seen_content = True
            if in_long is None and not _LONG_QUOTES.search(line) and _trailing_comment(line):
                found.dropped.append(number)
        in_long = _long_string_state(line, in_long)
    found.dropped += [n for n, _ in block]
    return found


def _trailing_comment(line: str) -> bool:
    return "#" in _NOT_COMMENT.sub("", line)


def _subject(line: str, prefixes: dict[str, str]) -> URIRef | None:
    iri = _IRI.match(line)
    if iri:
        return URIRef(iri.group(1))
    pname = _PNAME.match(line)
    if pname and pname.group(1) in prefixes:
        local = _LOCAL_ESCAPE.sub(r"\1", pname.group(2)).rstrip(".")
        return URIRef(prefixes[pname.group(1)] + local)
    return None


def _long_string_state(line: str, state: str | None) -> str | None:
    """Track whether a line ends inside a triple-quoted string (so '#' there is text)."""
    for match in _LONG_QUOTES.finditer(line):
        quote = match.group()
        if state is None:
            state = quote
        elif state == quote:
            state = None
    return state
