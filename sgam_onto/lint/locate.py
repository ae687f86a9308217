"""Lines for findings: parsers do not report where a triple was written, so the text is read
again. A statement's line comes from the Turtle index ``validate`` uses (subject and predicate
tokens); failing that, the first line where the term is spelt out (full IRI, prefixed name,
quoted literal), else line 1."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.term import Node

if TYPE_CHECKING:
    from sgam_onto.validate.locations import FileIndex

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
            from sgam_onto.validate.locations import FileIndex, index_text

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
