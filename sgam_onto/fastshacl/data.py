"""The data to validate, in a pyoxigraph store, with what the store cannot keep on the side.

Files are parsed by Oxigraph's strict parser (``sgam_onto.rdf.parse``), each with its own blank
node scope, and streamed into an in-memory store. On the way every typed literal is encoded
(see ``terms``), and the literals that pyshacl would find ill-typed are recorded in the store
itself, as ``[] fs:illTyped <literal>`` in a named graph the shapes never see, so that
``sh:datatype`` is decided on the lexical forms of the files as parsed.

An N-Triples file holds one statement per line, and every typed literal in it is written with
``^^``: only the lines with a blank node (``_:``) or a ``^^`` literal that the store could
rewrite or pyshacl could find ill-typed go through Python; the others, most of a large file,
are bulk loaded by the store as they are (nothing in them is rewritten, and no blank node of
the file is outside the lines parsed together, so its scope stays whole).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from sgam_onto.fastshacl.literals import rdflib_literal, well_typed
from sgam_onto.fastshacl.terms import (
    CANONICAL_INTEGER,
    XSD_BOOLEAN,
    XSD_INTEGER,
    Encoder,
    from_rdflib,
)

FS = "urn:x-fastshacl:"
ILL_TYPED = ox.NamedNode(FS + "illTyped")
SIDE_GRAPH = ox.NamedNode(FS + "side")
DEFAULT = ox.DefaultGraph()


@dataclass
class FastData:
    """A store holding the data graph (default graph) and the side table (``SIDE_GRAPH``)."""

    store: ox.Store
    encoder: Encoder
    files: list[Path] = field(default_factory=list)
    graph: Graph | None = None  # the rdflib graph, when the data came as one
    prefixes: dict[str, str] = field(default_factory=dict)  # as the files declared them, first wins
    triples: int = 0  # distinct triples of the data graph

    @classmethod
    def from_files(cls, paths: Iterable[str | Path]) -> FastData:
        """Parse each file through the syntax gate (LoadError on bad input) into a new store."""
        from sgam_onto import settings as limits
        from sgam_onto.rdf.as_ntriples import turtle_as_ntriples
        from sgam_onto.rdf.parse import BOM, format_for, parse_file
        from sgam_onto.stores import direct

        data = cls(ox.Store(), Encoder())
        for path in paths:
            path = Path(path)
            if not path.is_file():
                from sgam_onto.errors import LoadError

                raise LoadError(path, message="no such file")
            data.files.append(path)
            fmt = format_for(path)
            direct.check_size(path)
            if fmt == ox.RdfFormat.TURTLE:
                converted = turtle_as_ntriples(path)
                for prefix, namespace in converted.prefixes.items():
                    data.prefixes.setdefault(prefix, namespace)
                text = bytearray(converted.ntriples)
                del converted
            elif fmt != ox.RdfFormat.N_TRIPLES or _starts_with(path, BOM):
                parsed = parse_file(path, fmt)  # the whole gate, as quads
                for prefix, namespace in parsed.prefixes.items():
                    data.prefixes.setdefault(prefix, namespace)
                data._add(direct.merged(parsed.quads))
                continue
            else:
                text = _read(path)
            stated = direct.statement_line(text)
            imported = direct.foreign_imports(data.store)
            current = limits.current()
            long_line = data._add_lines(path, text, min(current.max_literal_chars,
                                                        current.max_iri_chars))
            if long_line and direct.oversized(data.store):
                parse_file(path)  # the gate names the term and its line
            direct.notices(path, stated=stated,
                           imports=direct.foreign_imports(data.store) - imported)
        data._finish()
        return data

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad | ox.Triple]) -> FastData:
        data = cls(ox.Store(), Encoder())
        data._add(quads)
        data._finish()
        return data

    @classmethod
    def from_graph(cls, graph: Graph) -> FastData:
        """The triples of an rdflib graph (blank node ids kept, so results name the same)."""
        data = cls(ox.Store(), Encoder(), graph=graph)
        data._add(
            ox.Triple(from_rdflib(s), from_rdflib(p), from_rdflib(o))  # type: ignore[arg-type]
            for s, p, o in graph
        )
        data._finish()
        return data

    def _add(self, statements: Iterable[ox.Quad | ox.Triple]) -> None:
        encode = self.encoder.term
        literal_type, quad_type, default_type = ox.Literal, ox.Quad, ox.DefaultGraph

        def encoded() -> Iterable[ox.Quad]:
            """Each statement in the default graph, its literal encoded; a parsed quad that
            needs neither is passed on as it is (most of them: no new object per triple)."""
            for statement in statements:
                obj = statement.object
                if type(obj) is literal_type:
                    stored = encode(obj)
                    if stored is not obj:
                        yield ox.Quad(statement.subject, statement.predicate, stored, DEFAULT)
                        continue
                if type(statement) is quad_type and type(statement.graph_name) is default_type:
                    yield statement
                else:
                    yield ox.Quad(statement.subject, statement.predicate, obj, DEFAULT)

        self.store.bulk_extend(encoded())

    def _add_lines(self, path: Path, data: bytearray, limit: int) -> bool:
        """The N-Triples text of ``path``: the lines that need Python parsed (and judged by
        the gate's limits), the rest bulk loaded; whether a line is longer than ``limit``.
        ``data`` is used up (the lines parsed are blanked in it)."""
        from sgam_onto.rdf import guard_statements as limits
        from sgam_onto.rdf.parse import format_for
        from sgam_onto.stores.direct import line_over

        long_line = line_over(data, limit)
        special = _split_lines(data)
        try:
            self.store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)
            parsed = list(ox.parse(input=special, format=ox.RdfFormat.N_TRIPLES,
                                   rename_blank_nodes=True))
            limits.check_quads(parsed, path)
        except (SyntaxError, OSError, ValueError, limits.LimitError) as err:
            # positions are those of the parts: the whole file, parsed again, tells the line
            for _ in _parsed(path, format_for(path)):
                pass
            from sgam_onto.errors import LoadError

            if isinstance(err, limits.LimitError):  # named again where the file says it
                from sgam_onto.rdf.parse import parse_file

                parse_file(path)
                raise
            raise LoadError(path, message=str(err)) from None
        self._add(parsed)
        return long_line

    def _finish(self) -> None:
        """Record the ill-typed literals (by pyshacl's rules) in the side graph."""
        self.triples = len(self.store)  # the data graph alone, as yet
        ill_typed = [
            self.encoder.literal(ox.Literal(lexical, datatype=ox.NamedNode(datatype)))
            for lexical, datatype in self.encoder.distinct_literals()
            if not well_typed(rdflib_literal(lexical, datatype))
        ]
        side = [ox.Quad(ox.NamedNode(f"{FS}literal/{number}"), ILL_TYPED, stored, SIDE_GRAPH)
                for number, stored in enumerate(ill_typed)]
        if side:
            self.store.bulk_extend(side)

    def rdflib_graph(self) -> Graph:
        """The data as an rdflib graph, for the shapes that pyshacl validates instead."""
        if self.graph is None:
            from sgam_onto.fastshacl.terms import to_rdflib

            graph = Graph(bind_namespaces="none")
            graph.addN(
                (to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), graph)
                for q in self.store.quads_for_pattern(None, None, None, DEFAULT)
            )
            self.graph = graph
        return self.graph


def _starts_with(path: Path, prefix: bytes) -> bool:
    with path.open("rb") as stream:
        return stream.read(len(prefix)) == prefix


def _read(path: Path) -> bytearray:
    """The bytes of a file, read in place (no second copy of a large file)."""
    data = bytearray(path.stat().st_size)
    got = 0
    with path.open("rb", buffering=0) as stream, memoryview(data) as view:
        while got < len(data):
            count = stream.readinto(view[got:])
            if not count:
                break
            got += count
    del data[got:]
    return data


_SPECIAL = (b"^^", b"_:")  # each found by its first byte, rare in N-Triples (memchr)
# A typed literal the store keeps as written and pyshacl finds well typed (a canonical
# integer or a boolean): its line can be bulk loaded.
_KEPT_AS_WRITTEN = re.compile(
    rb'[^"]*"(?:' + CANONICAL_INTEGER.encode() + rb'"\^\^<' + re.escape(XSD_INTEGER.value.encode())
    + rb'>|(?:true|false)"\^\^<' + re.escape(XSD_BOOLEAN.value.encode()) + rb'>)[ \t]*\.[ \t\r]*'
)


def _split_lines(data: bytearray) -> bytes:
    """The lines of ``data`` holding a marker of ``_SPECIAL`` (but for a typed literal kept as
    written), which are blanked in ``data`` (spaces: the other lines keep their numbers)."""
    spans = []
    for marker in _SPECIAL:
        first, second = marker[:1], marker[1:]
        at = data.find(first)
        while at != -1:
            if data[at + 1: at + 2] != second:
                at = data.find(first, at + 1)
                continue
            start, end = data.rfind(b"\n", 0, at) + 1, data.find(b"\n", at)
            end = len(data) if end == -1 else end
            if marker != b"^^" or not _KEPT_AS_WRITTEN.fullmatch(data, start, end):
                spans.append((start, end))
            at = data.find(first, end)
    spans.sort()
    special, done = [], 0
    for start, end in spans:
        if start < done:  # a line with both markers
            continue
        special.append(bytes(data[start:end]))
        data[start:end] = b" " * (end - start)
        done = end
    return b"\n".join(special)


def _parsed(path: Path, fmt: ox.RdfFormat, prefixes: dict[str, str] | None = None
            ) -> Iterable[ox.Quad]:
    """The statements of one file, blank nodes renamed apart; syntax errors as LoadError.
    The prefixes the file declares are added to ``prefixes`` (those already there are kept)."""
    from sgam_onto.errors import LoadError
    from sgam_onto.rdf.parse import _message

    try:
        parser = ox.parse(path=str(path), format=fmt, rename_blank_nodes=True)
        yield from parser
        if prefixes is not None:
            for prefix, namespace in parser.prefixes.items():
                prefixes.setdefault(prefix, namespace)
    except SyntaxError as err:
        raise LoadError(path, err.lineno, err.offset, _message(err)) from None
    except (OSError, ValueError) as err:
        raise LoadError(path, message=str(err)) from None
