"""Where each subject is written: an index of subject -> file:line over Turtle files.

Parsers do not report positions of triples, so the files (which have already passed the
strict syntax gate) are scanned once more with a small Turtle lexer. A subject is recorded at
the token that starts its statement; each of its predicates at the token naming it, so that a
report can point at the line of the offending statement. Prefixed names are resolved with the
file's own @prefix/PREFIX lines and relative IRIs with its @base/BASE. Blank nodes and
statements inside brackets are not indexed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from rdflib import URIRef
from rdflib.namespace import RDF

from sgam_onto.rdf.names import PN_CHARS, PN_CHARS_BASE
from sgam_onto.validate.results import Location

_PN_CHARS_BASE, _PN_CHARS = PN_CHARS_BASE, PN_CHARS
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = rf"(?:[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)?"
_LOCAL = (
    rf"(?:[{_PN_CHARS_BASE}_:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
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
