"""Deterministic Turtle, so that diffs of the ontology files stay reviewable.

rdflib's ``longturtle`` is not deterministic: it orders blank nodes by their (random)
identifiers, numbers generated prefixes in encounter order, and its ``canon`` option re-reads
the graph through a parser that normalises literals ("01"^^xsd:integer becomes "1"). This
serializer produces the same bytes for the same graph in every process:

* subjects sorted by IRI (ontology headers first), then anonymous and labelled blank nodes;
* ``a`` first, then predicates by IRI; objects sorted (IRIs, literals, blank nodes);
* blank nodes referenced once are written inline as ``[ ... ]``, well-formed RDF lists as
  ``( ... )``; the rest get labels derived from the graph structure, never from parser ids;
* literal lexical forms are written exactly; numbers and booleans are written bare only when
  the lexical form is itself a Turtle token, so reading the output gives the same literal;
* only the prefixes the caller passes (those the file declared) are used, never invented ones;
* prefixes are declared with ``@prefix``: the OWL API (Protégé's parser) refuses SPARQL-style
  ``PREFIX``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from sgam_onto.rdf.names import PN_CHARS, PN_CHARS_U

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = URIRef(RDF + "type")
RDF_FIRST = URIRef(RDF + "first")
RDF_REST = URIRef(RDF + "rest")
RDF_NIL = URIRef(RDF + "nil")
OWL_ONTOLOGY = URIRef("http://www.w3.org/2002/07/owl#Ontology")
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"

INDENT = "    "
LIST_LINE = 80  # longer collections get one member per line

# Turtle 1.1 grammar, production PN_LOCAL, without the backslash escapes.
_PLX = "%[0-9A-Fa-f]{2}"
_PN_LOCAL = re.compile(
    rf"(?:[{PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{PN_CHARS}.:]|{_PLX})*(?:[{PN_CHARS}:]|{_PLX}))?"
)
_BARE = {
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "double": re.compile(
        r"[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+)"
    ),
    XSD + "boolean": re.compile(r"true|false"),
}
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SHORT_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def serialize_turtle(
    graph: Graph,
    prefixes: Mapping[str, str] | None = None,
    *,
    header: str = "",
    comments: Mapping[Node, str] | None = None,
) -> str:
    """The graph as deterministic Turtle text (encode as UTF-8 to write it).

    ``prefixes`` maps prefix names to namespaces, normally the ones the source file declared;
    all of them are written, used or not. ``header`` is a block of ``#`` comment lines kept
    above the prefixes; ``comments`` are ``#`` lines written directly above a subject's block.
    """
    return _Writer(graph, dict(prefixes or {})).write(header, comments or {})


def prefixed_name(iri: str, prefixes: Mapping[str, str]) -> str | None:
    """``iri`` as ``prefix:local`` with the longest namespace that gives a legal local name."""
    return _pname(iri, sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def _pname(iri: str, by_length: list[tuple[str, str]]) -> str | None:
    for prefix, namespace in by_length:
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            if local == "" or _PN_LOCAL.fullmatch(local):
                return f"{prefix}:{local}"
    return None


def _comment_lines(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines()]
    return "\n".join(line if not line or line.startswith("#") else f"# {line}" for line in lines)


def _escape_iri(iri: str) -> str:
    return _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", iri)


def _escape_short(text: str) -> str:
    out = []
    for char in text:
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif char < " " or char == "\x7f":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _escape_long(text: str) -> str:
    out = []
    last = len(text) - 1
    for i, char in enumerate(text):
        if char == "\\":
            out.append("\\\\")
        elif char == '"' and (i == last or text[i + 1] == '"'):
            out.append('\\"')  # no run of three quotes, and none against the closing quotes
        elif char == "\r":
            out.append("\\r")
        elif (char < " " and char not in "\n\t") or char == "\x7f":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"""' + "".join(out) + '"""'


def _literal_sort_key(lit: Literal) -> tuple:
    datatype = str(lit.datatype) if lit.datatype else ""
    lexical = str(lit)
    number: tuple = ()
    if datatype in (XSD + "integer", XSD + "decimal") and _BARE[datatype].fullmatch(lexical):
        try:
            number = (Decimal(lexical),)
        except InvalidOperation:
            number = ()
    return (datatype, lit.language or "", number, lexical)


class _Writer:
    def __init__(self, graph: Graph, prefixes: dict[str, str]) -> None:
        self.prefixes = prefixes
        # Longest namespace wins; equal namespaces are split by prefix name.
        self._by_length = sorted(prefixes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.out: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self.refs: dict[BNode, int] = defaultdict(int)
        self.into: dict[BNode, list[tuple[Node, Node]]] = defaultdict(list)
        for s, p, o in graph:
            self.out[s][p].append(o)
            if isinstance(o, BNode):
                self.refs[o] += 1
                self.into[o].append((s, p))
        self._lists: dict[Node, list[Node] | None] = {}
        self.inline: set[BNode] = set()
        self.labels: dict[BNode, str] = {}
        self._keys: dict[Node, tuple] = {}
        self._colour: dict[BNode, int] = {}
        self._plan_blank_nodes()

    # -- structure ---------------------------------------------------------------------------

    def _plan_blank_nodes(self) -> None:
        """Decide which blank nodes are inline and label the others from graph structure."""
        bnodes = {n for n in self.out if isinstance(n, BNode)} | set(self.refs)
        top = {b for b in bnodes if self.refs[b] == 0}
        shared = {b for b in bnodes if self.refs[b] > 1}
        roots = [n for n in self.out if not isinstance(n, BNode)] + [*top, *shared]
        self._reach(roots)
        # What is left are cycles of blank nodes that only point at each other.
        self.labels = self._label(bnodes - top - self.inline)
        self._keys.clear()

    def _reach(self, roots: list[Node]) -> None:
        stack = list(roots)
        while stack:
            node = stack.pop()
            for objects in self.out.get(node, {}).values():
                for obj in objects:
                    if isinstance(obj, BNode) and self.refs[obj] == 1 and obj not in self.inline:
                        self.inline.add(obj)
                        stack.append(obj)

    def list_items(self, node: Node) -> list[Node] | None:
        """The members of a well-formed RDF list written as ``( ... )``, else None."""
        if node in self._lists:
            return self._lists[node]
        items: list[Node] | None = []
        seen: set[Node] = set()
        cell = node
        while cell != RDF_NIL:  # iterative: lists can be longer than the recursion limit
            props = self.out.get(cell, {})
            if (
                not isinstance(cell, BNode)
                or cell not in self.inline
                or cell in seen
                or set(props) != {RDF_FIRST, RDF_REST}
                or len(props[RDF_FIRST]) != 1
                or len(props[RDF_REST]) != 1
            ):
                items = None
                break
            seen.add(cell)
            items.append(props[RDF_FIRST][0])
            cell = props[RDF_REST][0]
        if node == RDF_NIL:
            items = None  # rdf:nil itself is written as an IRI
        self._lists[node] = items
        return items

    def _label(self, labelled: set[BNode]) -> dict[BNode, str]:
        """Name shared blank nodes by colour refinement over their neighbourhoods.

        Where refinement leaves ties, each member of the first tied class is individualised in
        turn and the choice giving the smallest certificate wins, so the names never depend on
        the parser's blank node ids (a 3-cycle beside a 2-cycle is told apart). Past a search
        budget the first member by id is taken, which only matters for large symmetric tangles.
        """
        budget = [256]
        colour = self._search(labelled, dict.fromkeys(labelled, 0), budget)[1]
        self._colour = {}
        order = sorted(labelled, key=lambda b: colour[b])
        return {b: f"b{i}" for i, b in enumerate(order)}

    def _refine(self, labelled: set[BNode], colour: dict[BNode, int]) -> dict[BNode, int]:
        while True:
            self._colour = colour
            self._keys.clear()
            signature = {b: self._signature(b) for b in labelled}
            ranks = {sig: i for i, sig in enumerate(sorted(set(signature.values())))}
            refined = {b: ranks[signature[b]] for b in labelled}
            if len(ranks) == len(set(colour.values())):
                return refined
            colour = refined

    def _certificate(self, labelled: set[BNode], colour: dict[BNode, int]) -> tuple:
        self._colour = colour
        self._keys.clear()
        return tuple(sorted(self._signature(b) for b in labelled))

    def _search(
        self, labelled: set[BNode], colour: dict[BNode, int], budget: list[int]
    ) -> tuple[tuple, dict[BNode, int]]:
        colour = self._refine(labelled, colour)
        members: dict[int, list[BNode]] = defaultdict(list)
        for b, c in colour.items():
            members[c].append(b)
        tied = [c for c, group in members.items() if len(group) > 1]
        if not tied:
            return self._certificate(labelled, colour), colour
        first = min(tied)
        candidates = sorted(members[first], key=str)
        best: tuple[tuple, dict[BNode, int]] | None = None
        for chosen in candidates:
            budget[0] -= 1
            split = {b: 2 * c + (b == chosen) for b, c in colour.items()}
            found = self._search(labelled, split, budget)
            if best is None or found[0] < best[0]:
                best = found
            if budget[0] <= 0:
                break
        assert best is not None
        return best

    def _signature(self, node: BNode) -> tuple:
        outgoing = sorted(
            (str(p), self.key(o)) for p, objs in self.out.get(node, {}).items() for o in objs
        )
        incoming = sorted((str(p), self.key(s)) for s, p in self.into.get(node, []))
        return (self._colour[node], tuple(outgoing), tuple(incoming))

    # -- ordering ----------------------------------------------------------------------------

    def key(self, node: Node) -> tuple:
        """Sort key for a term; unlabelled blank nodes sort by their content."""
        if isinstance(node, URIRef):
            return (0, str(node))
        if isinstance(node, Literal):
            return (1, *_literal_sort_key(node))
        if node in self.labels:
            return (3, int(self.labels[node][1:]))
        if node in self._colour:  # while labelling
            return (3, self._colour[node])
        cached = self._keys.get(node)
        if cached is None:
            items = self.list_items(node)
            if items is not None:
                cached = (2, 0, tuple(self.key(i) for i in items))
            else:
                props = self.out.get(node, {})
                content = sorted((str(p), self.key(o)) for p, objs in props.items() for o in objs)
                cached = (2, 1, tuple(content))
            self._keys[node] = cached
        return cached

    def subjects(self) -> list[Node]:
        def order(node: Node) -> tuple:
            if isinstance(node, URIRef):
                is_header = OWL_ONTOLOGY in self.out[node].get(RDF_TYPE, [])
                return (0 if is_header else 1, self.key(node))
            if node in self.labels:
                return (3, self.key(node))
            return (2, self.key(node))

        return sorted(
            (n for n in self.out if not isinstance(n, BNode) or n not in self.inline), key=order
        )

    # -- text --------------------------------------------------------------------------------

    def pname(self, iri: str) -> str | None:
        return _pname(iri, self._by_length)

    def iri(self, node: URIRef) -> str:
        return self.pname(str(node)) or f"<{_escape_iri(str(node))}>"

    def literal(self, lit: Literal) -> str:
        lexical = str(lit)
        datatype = str(lit.datatype) if lit.datatype else XSD_STRING
        bare = _BARE.get(datatype)
        if bare is not None and bare.fullmatch(lexical):
            return lexical
        text = _escape_long(lexical) if "\n" in lexical else _escape_short(lexical)
        if lit.language:
            return f"{text}@{lit.language}"
        if datatype == XSD_STRING:
            return text
        return f"{text}^^{self.iri(URIRef(datatype))}"

    def term(self, node: Node, depth: int) -> str:
        if isinstance(node, URIRef):
            return self.iri(node)
        if isinstance(node, Literal):
            return self.literal(node)
        if node in self.labels:
            return f"_:{self.labels[node]}"
        items = self.list_items(node)
        if items is not None:
            return self.collection(items, depth)
        body = self.predicates(node, depth + 1)
        return f"[\n{body}\n{INDENT * depth}]" if body else "[]"

    def collection(self, items: list[Node], depth: int) -> str:
        if all(self.list_items(i) is None and i not in self.inline for i in items):
            one_line = "( " + " ".join(self.term(i, depth) for i in items) + " )"
            if len(one_line) <= LIST_LINE:
                return one_line
        inner = INDENT * (depth + 1)
        lines = "\n".join(inner + self.term(i, depth + 1) for i in items)
        return f"(\n{lines}\n{INDENT * depth})"

    def predicates(self, node: Node, depth: int) -> str:
        props = self.out.get(node, {})
        order = sorted(props, key=lambda p: (p != RDF_TYPE, str(p)))
        pad = INDENT * depth
        lines = []
        for predicate in order:
            verb = "a" if predicate == RDF_TYPE else self.iri(predicate)
            objects = sorted(props[predicate], key=self.key)
            if len(objects) == 1:
                lines.append(f"{pad}{verb} {self.term(objects[0], depth)} ;")
            else:
                inner = INDENT * (depth + 1)
                listed = " ,\n".join(inner + self.term(o, depth + 1) for o in objects)
                lines.append(f"{pad}{verb}\n{listed} ;")
        return "\n".join(lines)

    def write(self, header: str, comments: Mapping[Node, str]) -> str:
        parts = []
        if header.strip():
            parts.append(_comment_lines(header))
        if self.prefixes:
            parts.append("\n".join(
                f"@prefix {p}: <{_escape_iri(ns)}> ." for p, ns in sorted(self.prefixes.items())
            ))
        for subject in self.subjects():
            if isinstance(subject, BNode) and subject not in self.labels:
                head = "[]"
            else:
                head = self.term(subject, 0)
            above = _comment_lines(comments[subject]) + "\n" if subject in comments else ""
            parts.append(f"{above}{head}\n{self.predicates(subject, 1)}\n.")
        return "\n\n".join(parts) + "\n" if parts else ""
