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
from collections.abc import Collection, Iterable
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

_BLANKS = r"(?:[ \t\r\n]+|#[^\n]*)*+"  # whitespace and comments (never given back)
_KINDS = [
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
]
_NAMED = "|".join(_KINDS)
_UNNAMED = re.sub(r"[(][?]P<[a-z]+>", "(?:", _NAMED)
# One token per match, after the blanks before it; any other character (TriG's braces; nothing
# else in a parsed file) is a token of its own, passed over. Tokens are atomic: a token is what
# the first kind that fits takes, never less, however the rest of a pattern goes.
_TOKEN = re.compile(rf"{_BLANKS}(?>{_NAMED}|(?P<punct>[;,.\[\]()])|(?P<other>.))", re.DOTALL)
# After a predicate, the objects up to the next ";", "." or opening bracket: the index needs
# nothing from them, so they are passed in one match.
_OBJECTS = rf"(?:{_BLANKS}(?>{_UNNAMED}|[,\])]))*+"
_PASS_OBJECTS = re.compile(_OBJECTS, re.DOTALL)
# The usual case in one match: a predicate, its objects, and the ";" or "." after them.
_PAIR = re.compile(rf"{_BLANKS}(?>{_NAMED}){_OBJECTS}{_BLANKS}(?P<end>[;.])", re.DOTALL)
# The rest of a statement nothing is recorded of, up to its "." (without brackets).
_REST = re.compile(rf"(?:{_BLANKS}(?>{_UNNAMED}|[,;\])]))*+{_BLANKS}\.", re.DOTALL)
_LOCAL_ESCAPE = re.compile(r"\\(.)")


@dataclass
class FileIndex:
    """What one file says where: subjects and (subject, predicate) statements by line."""

    subjects: dict[URIRef, list[Location]] = field(default_factory=dict)
    statements: dict[tuple[URIRef, URIRef], list[Location]] = field(default_factory=dict)


def index_files(paths: Iterable[Path], subjects: Collection[Node] | None = None) -> FileIndex:
    """Merge the index of every Turtle file; a subject written in several files keeps all.
    With ``subjects``, only those are indexed (the files are still read whole)."""
    merged = FileIndex()
    seen: set[Path] = set()
    for path in paths:
        key = path.resolve()
        if key in seen or path.suffix.lower() not in (".ttl", ".trig"):
            continue
        seen.add(key)
        one = index_text(path.read_text(encoding="utf-8-sig"), path, subjects)
        for subject, locations in one.subjects.items():
            merged.subjects.setdefault(subject, []).extend(locations)
        for statement, locations in one.statements.items():
            merged.statements.setdefault(statement, []).extend(locations)
    return merged


def index_text(text: str, path: Path, subjects: Collection[Node] | None = None) -> FileIndex:
    """Index one Turtle document (only ``subjects``, if given); ``path`` is only recorded in
    the locations."""
    return _Scanner(text, path, subjects).run()


Token = tuple[str, str, int]  # kind, text, offset in the text
_PREDICATES = ("pname", "word", "iri")  # the kinds of token that name a predicate


class _Scanner:
    """One pass over the tokens (never all held at once): subjects and predicates are recorded
    with their lines, counted only up to each recorded token."""

    def __init__(self, text: str, path: Path, subjects: Collection[Node] | None) -> None:
        self.text = text
        self.path = path
        self.wanted = subjects
        self.prefixes: dict[str, str] = {}
        self.base = ""
        self.index = FileIndex()
        self._at = 0  # where the next token is looked for
        self._back: list[Token] = []
        self._terms: dict[str, URIRef | None] = {}  # by spelling, while prefixes and base hold
        self._line, self._counted = 1, 0

    def run(self) -> FileIndex:
        token = self._take()
        while token is not None:
            self._statement(token)
            token = self._take()
        return self.index

    def _take(self) -> Token | None:
        if self._back:
            return self._back.pop()
        text, token = self.text, _TOKEN.match
        while (match := token(text, self._at)) is not None:
            self._at = match.end()
            kind = match.lastgroup or ""
            if kind != "other":
                return kind, match.group(kind), match.start(kind)
        return None  # only blanks are left

    def _pass_objects(self) -> None:
        if not self._back:
            self._at = _PASS_OBJECTS.match(self.text, self._at).end()  # type: ignore[union-attr]

    def _line_at(self, offset: int) -> int:
        self._line += self.text.count("\n", self._counted, offset)
        self._counted = offset
        return self._line

    def _statement(self, token: Token) -> None:
        kind, text, offset = token
        if kind == "directive" or (kind == "word" and text.lower() in ("prefix", "base")):
            self._directive(token)
            return
        subject = self._term(kind, text)
        if subject is not None and (self.wanted is None or subject in self.wanted):
            self.index.subjects.setdefault(subject, []).append(
                Location(self.path, self._line_at(offset)))
        else:
            subject = None  # nothing of it is recorded
            if text in ("[", "("):
                self._skip_nested(token)
        self._predicate_object_list(subject)

    def _predicate_object_list(self, subject: URIRef | None) -> None:
        if subject is None and not self._back:
            rest = _REST.match(self.text, self._at)
            if rest is not None:
                self._at = rest.end()
                return
        expecting_predicate = True
        while True:
            if expecting_predicate and not self._back:
                pair = _PAIR.match(self.text, self._at)
                kind = None if pair is None else _predicate_kind(pair)
                if kind is not None:
                    if subject is not None:
                        self._predicate(subject, kind, pair.group(kind), pair.start(kind))
                    self._at = pair.end()
                    if pair.group("end") == ".":
                        return
                    continue
            token = self._take()
            if token is None:
                return
            kind, text, offset = token
            if text == ".":
                return
            if text == ";":
                expecting_predicate = True
            elif text in ("[", "("):
                self._skip_nested(token)
            elif expecting_predicate and kind in _PREDICATES:
                if subject is not None:
                    self._predicate(subject, kind, text, offset)
                expecting_predicate = False
            if not expecting_predicate:
                self._pass_objects()

    def _predicate(self, subject: URIRef, kind: str, text: str, offset: int) -> None:
        predicate = RDF.type if text == "a" else self._term(kind, text)
        if predicate is not None:
            self.index.statements.setdefault((subject, predicate), []).append(
                Location(self.path, self._line_at(offset)))

    def _skip_nested(self, token: Token | None) -> None:
        """Past the bracket that closes the one ``token`` opens."""
        depth = 0
        while token is not None:
            kind, text, _ = token
            if kind == "punct":
                if text in ("[", "("):
                    depth += 1
                elif text in ("]", ")"):
                    depth -= 1
                    if depth == 0:
                        return
            token = self._take()

    def _directive(self, token: Token) -> None:
        keyword = token[1].lower().lstrip("@")
        sparql_style = not token[1].startswith("@")
        if keyword == "prefix":
            name, iri = self._take(), self._take()
            if name is None or iri is None:
                return
            if name[1].endswith(":") and iri[1].startswith("<"):
                self.prefixes[name[1][:-1]] = self._resolve(iri[1][1:-1])
                self._terms.clear()
        elif keyword == "base":
            iri = self._take()
            if iri is None:
                return
            if iri[1].startswith("<"):
                self.base = self._resolve(iri[1][1:-1])
                self._terms.clear()
        if not sparql_style:
            after = self._take()
            if after is not None and after[1] != ".":
                self._back.append(after)

    def _term(self, kind: str, text: str) -> URIRef | None:
        if kind != "iri" and kind != "pname":
            return None
        try:
            return self._terms[text]
        except KeyError:
            term = self._terms[text] = self._new_term(kind, text)
            return term

    def _new_term(self, kind: str, text: str) -> URIRef | None:
        if kind == "iri":
            return URIRef(self._resolve(_unescape_iri(text[1:-1])))
        prefix, _, local = text.partition(":")
        namespace = self.prefixes.get(prefix)
        if namespace is None:
            return None
        return URIRef(namespace + _LOCAL_ESCAPE.sub(r"\1", local))

    def _resolve(self, iri: str) -> str:
        return urljoin(self.base, iri) if self.base else iri


def _predicate_kind(match: re.Match[str]) -> str | None:
    """The kind of the token a match starts with, if a token of that kind can be a predicate."""
    for kind in _PREDICATES:
        if match.start(kind) >= 0:
            return kind
    return None


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

    def __init__(self, path: Path, text: str, prefixes: dict[str, str],
                 subjects: Collection[Node] | None = None) -> None:
        """With ``subjects``, statements are found for those subjects only."""
        self.path = path
        self.text = text
        self.prefixes = prefixes
        self.subjects = subjects
        self._index: FileIndex | None = None
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def _statements(self) -> FileIndex:
        if self._index is None:
            try:
                self._index = (
                    index_text(self.text, self.path, self.subjects)
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
