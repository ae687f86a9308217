"""Where things are written in a Turtle file: parsers do not report positions of triples, so
the text (which has already passed the strict syntax gate) is read again.

``index_files``/``index_text`` build an index of subject -> file:line with a small Turtle lexer: a
subject is recorded at the token that starts its statement, each of its predicates at the token
naming it, so that a report can point at the line of the offending statement. Prefixed names
are resolved with the file's own @prefix/PREFIX lines and relative IRIs with its @base/BASE.
Blank nodes and statements inside brackets are not indexed. ``Locator`` finds the line of a
statement in one file from that index, failing that the first line where a term is spelt out
(full IRI, prefixed name, quoted literal), else line 1. Validation reports and lint findings
both place what they report through this module.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urljoin

from rdflib import Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

from sgam_onto.rdf.names import PN_CHARS, PN_CHARS_BASE


@dataclass(frozen=True)
class Location:
    """A place in a Turtle file: where a subject (or one of its statements) is written."""

    path: Path
    line: int

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}"


def display_path(path: Path) -> str:
    """A path relative to the working directory when it lies below it, so output stays short."""
    return _relative(path, os.getcwd())


@lru_cache(maxsize=1024)
def _relative(path: Path, cwd: str) -> str:
    """Cached: a report names the same few files thousands of times, and resolving a path
    asks the file system about each of its parts."""
    try:
        return str(path.resolve().relative_to(Path(cwd).resolve()))
    except ValueError:
        return str(path)

_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = rf"(?:[{PN_CHARS_BASE}](?:[{PN_CHARS}.]*[{PN_CHARS}])?)?"
_LOCAL = (
    rf"(?:[{PN_CHARS_BASE}_:0-9]|{_PLX})(?:(?:[{PN_CHARS}.:]|{_PLX})*(?:[{PN_CHARS}:]|{_PLX}))?"
)

_TOKEN = re.compile(
    "|".join(
        [
            r"(?P<ws>[ \t\r\n]+)",
            r"(?P<comment>#[^\n]*)",
            r"(?P<iri><[^>]*>)",
            r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""'
            r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
            r'|"(?:[^"\\\n]|\\.)*"'
            r"|'(?:[^'\\\n]|\\.)*')",
            r"(?P<directive>@prefix\b|@base\b)",
            r"(?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)",
            r"(?P<datatype>\^\^)",
            r"(?P<bnode>_:[^\s;,.\[\]()]+(?:\.[^\s;,.\[\]()]+)*)",
            r"(?P<number>[+-]?(?:[0-9]*\.[0-9]+(?:[eE][+-]?[0-9]+)?|[0-9]+\.?[0-9]*[eE][+-]?[0-9]+"
            r"|[0-9]+))",
            rf"(?P<pname>{_PREFIX}:(?:{_LOCAL})?)",
            r"(?P<word>[A-Za-z]+)",
            r"(?P<punct>[;,.\[\]()])",
        ]
    ),
    re.DOTALL,
)
_LOCAL_ESCAPE = re.compile(r"\\(.)")


@dataclass
class FileIndex:
    """What one file says where: subjects and (subject, predicate) statements by line."""

    subjects: dict[URIRef, list[Location]] = field(default_factory=dict)
    statements: dict[tuple[URIRef, URIRef], list[Location]] = field(default_factory=dict)


def index_files(paths: Iterable[Path]) -> FileIndex:
    """Merge the index of every Turtle file; a subject written in several files keeps all."""
    merged = FileIndex()
    seen: set[Path] = set()
    for path in paths:
        key = path.resolve()
        if key in seen or path.suffix.lower() not in (".ttl", ".trig"):
            continue
        seen.add(key)
        one = index_text(path.read_text(encoding="utf-8-sig"), path)
        for subject, locations in one.subjects.items():
            merged.subjects.setdefault(subject, []).extend(locations)
        for statement, locations in one.statements.items():
            merged.statements.setdefault(statement, []).extend(locations)
    return merged


def index_text(text: str, path: Path) -> FileIndex:
    """Index one Turtle document; ``path`` is only recorded in the locations."""
    return _Scanner(text, path).run()


@dataclass
class _Token:
    kind: str
    text: str
    line: int


def _tokens(text: str) -> Iterator[_Token]:
    line = 1
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:  # cannot happen on parsed files; skip one character to stay alive
            position += 1
            continue
        kind = match.lastgroup or ""
        value = match.group()
        if kind not in ("ws", "comment"):
            yield _Token(kind, value, line)
        line += value.count("\n")
        position = match.end()


class _Scanner:
    def __init__(self, text: str, path: Path) -> None:
        self.tokens = list(_tokens(text))
        self.path = path
        self.prefixes: dict[str, str] = {}
        self.base = ""
        self.index = FileIndex()

    def run(self) -> FileIndex:
        position = 0
        while position < len(self.tokens):
            position = self._statement(position)
        return self.index

    def _statement(self, i: int) -> int:
        token = self.tokens[i]
        lowered = token.text.lower()
        if token.kind == "directive" or (token.kind == "word" and lowered in ("prefix", "base")):
            return self._directive(i)
        subject = self._term(token)
        if subject is not None:
            self.index.subjects.setdefault(subject, []).append(Location(self.path, token.line))
            i += 1
        elif token.text in ("[", "("):
            i = self._skip_nested(i)
        else:
            i += 1
        return self._predicate_object_list(i, subject)

    def _predicate_object_list(self, i: int, subject: URIRef | None) -> int:
        expecting_predicate = True
        while i < len(self.tokens):
            token = self.tokens[i]
            if token.text == ".":
                return i + 1
            if token.text == ";":
                expecting_predicate = True
                i += 1
                continue
            if token.text in ("[", "("):
                i = self._skip_nested(i)
                continue
            if expecting_predicate and token.kind in ("iri", "pname", "word"):
                predicate = RDF.type if token.text == "a" else self._term(token)
                if subject is not None and predicate is not None:
                    key = (subject, predicate)
                    self.index.statements.setdefault(key, []).append(
                        Location(self.path, token.line)
                    )
                expecting_predicate = False
            i += 1
        return i

    def _skip_nested(self, i: int) -> int:
        depth = 0
        while i < len(self.tokens):
            text = self.tokens[i].text
            if self.tokens[i].kind == "punct":
                if text in ("[", "("):
                    depth += 1
                elif text in ("]", ")"):
                    depth -= 1
                    if depth == 0:
                        return i + 1
            i += 1
        return i

    def _directive(self, i: int) -> int:
        keyword = self.tokens[i].text.lower().lstrip("@")
        sparql_style = not self.tokens[i].text.startswith("@")
        if keyword == "prefix" and i + 2 < len(self.tokens):
            name = self.tokens[i + 1].text
            iri = self.tokens[i + 2].text
            if name.endswith(":") and iri.startswith("<"):
                self.prefixes[name[:-1]] = self._resolve(iri[1:-1])
            i += 3
        elif keyword == "base" and i + 1 < len(self.tokens):
            iri = self.tokens[i + 1].text
            if iri.startswith("<"):
                self.base = self._resolve(iri[1:-1])
            i += 2
        else:
            i += 1
        if not sparql_style and i < len(self.tokens) and self.tokens[i].text == ".":
            i += 1
        return i

    def _term(self, token: _Token) -> URIRef | None:
        if token.kind == "iri":
            return URIRef(self._resolve(_unescape_iri(token.text[1:-1])))
        if token.kind == "pname":
            prefix, _, local = token.text.partition(":")
            namespace = self.prefixes.get(prefix)
            if namespace is None:
                return None
            return URIRef(namespace + _LOCAL_ESCAPE.sub(r"\1", local))
        return None

    def _resolve(self, iri: str) -> str:
        return urljoin(self.base, iri) if self.base else iri


def _unescape_iri(text: str) -> str:
    if "\\" not in text:
        return text
    return re.sub(
        r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})",
        lambda m: chr(int(m.group(1) or m.group(2), 16)),
        text,
    )


NEAR = 40  # lines: how far below its predicate an object is looked for


class Locator:
    """Finds lines in one file's text."""

    def __init__(self, path: Path, text: str, prefixes: dict[str, str]) -> None:
        self.path = path
        self.text = text
        self.prefixes = prefixes
        self._index: FileIndex | None = None
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def _statements(self) -> FileIndex:
        if self._index is None:
            try:
                self._index = (
                    index_text(self.text, self.path)
                    if self.path.suffix.lower() in (".ttl", ".trig") else FileIndex()
                )
            except Exception:  # a best effort: the term search below still works
                self._index = FileIndex()
        return self._index

    def line(self, term: Node, subject: Node | None = None, predicate: Node | None = None) -> int:
        """The line of the statement (subject, predicate, term), else where ``term`` appears."""
        index = self._statements()
        if isinstance(subject, URIRef):
            found = (predicate is not None and index.statements.get((subject, predicate))) or (
                index.subjects.get(subject))
            if found:
                start = found[0].line
                if term in (predicate, subject):
                    return start
                near = self._find(term, start)  # an object a few lines below its predicate
                return near if near is not None and near - start <= NEAR else start
        return self._find(term) or 1

    def _find(self, term: Node, from_line: int = 1) -> int | None:
        offset = self._starts[min(from_line, len(self._starts)) - 1]
        for spelling in self._spellings(term):
            at = self.text.find(spelling, offset)
            if at >= 0:
                return self._line_of(at)
        return None

    def _spellings(self, term: Node) -> list[str]:
        if isinstance(term, URIRef):
            iri = str(term)
            out = [f"<{iri}>"]
            for prefix, namespace in self.prefixes.items():
                if iri.startswith(namespace) and iri != namespace:
                    out.append(f"{prefix}:{iri[len(namespace):]}")
            out.append(f'"{iri}"')  # RDF/XML attribute values
            return out
        if isinstance(term, Literal):
            lexical = str(term)
            first = lexical.splitlines()[0] if lexical.strip() else lexical
            return [f'"{lexical}"', f"'{lexical}'", first] if first else [f'"{lexical}"']
        return []

    def _line_of(self, offset: int) -> int:
        low, high = 0, len(self._starts) - 1
        while low < high:  # the last line start at or before offset
            middle = (low + high + 1) // 2
            if self._starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1
