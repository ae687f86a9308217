"""Deterministic serialisations for the published site: N-Triples, JSON-LD and RDF/XML.

rdflib's own writers iterate the graph in hash order and name blank nodes at random, so two
builds would differ. These writers sort everything and use canonical blank-node labels
(rdflib's RGDA1 canonicalisation), so the same graph always gives the same bytes. Turtle comes
from the project's deterministic writer (`sgam_onto.rdf.turtle`).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = URIRef(RDF_NS + "type")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = RDF_NS + "langString"

_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9._-]*\Z")
_LOCAL = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")


def canonical(graph: Graph) -> Graph:
    """A copy whose blank nodes carry canonical labels, the same for isomorphic graphs.

    A copy made here is marked, so that writing it in several formats canonicalises once.
    """
    if getattr(graph, "_sgam_canonical", False):
        return graph
    if not any(isinstance(n, BNode) for t in graph for n in (t[0], t[2])):
        return graph  # nothing to relabel; the caller's graph is left as it is
    out = to_canonical_graph(graph)
    out._sgam_canonical = True  # type: ignore[attr-defined]
    return out


def _bnode_labels(graph: Graph) -> dict[BNode, str]:
    """Short labels b0, b1, … in the order of the (canonical) blank-node identifiers."""
    nodes = sorted({n for t in graph for n in (t[0], t[2]) if isinstance(n, BNode)}, key=str)
    return {n: f"b{i}" for i, n in enumerate(nodes)}


def _sort_key(node: Node, labels: Mapping[BNode, str]) -> tuple:
    if isinstance(node, URIRef):
        return (0, str(node), "", "")
    if isinstance(node, BNode):
        return (1, labels.get(node, str(node)).rjust(12, "0"), "", "")
    lit = node
    assert isinstance(lit, Literal)
    return (2, str(lit), lit.language or "", str(lit.datatype or ""))


# ---------------------------------------------------------------------------- N-Triples


def _nt_string(text: str) -> str:
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch < " " or ch == "\x7f":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _nt_iri(iri: str) -> str:
    return "<" + re.sub(r'[\x00-\x20<>"{}|^`\\]', lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"


def nt_term(node: Node, labels: Mapping[BNode, str]) -> str:
    """One term in N-Triples syntax."""
    if isinstance(node, URIRef):
        return _nt_iri(str(node))
    if isinstance(node, BNode):
        return f"_:{labels.get(node, str(node))}"
    assert isinstance(node, Literal)
    text = _nt_string(str(node))
    if node.language:
        return f"{text}@{node.language}"
    if node.datatype and str(node.datatype) != XSD_STRING:
        return f"{text}^^{_nt_iri(str(node.datatype))}"
    return text


def ntriples(graph: Graph) -> str:
    """Sorted N-Triples lines."""
    graph = canonical(graph)
    labels = _bnode_labels(graph)
    lines = sorted(
        f"{nt_term(s, labels)} {nt_term(p, labels)} {nt_term(o, labels)} ." for s, p, o in graph
    )
    return "\n".join(lines) + ("\n" if lines else "")


# ---------------------------------------------------------------------------- JSON-LD


class _Compactor:
    def __init__(self, prefixes: Mapping[str, str]) -> None:
        usable = {p: ns for p, ns in prefixes.items() if p and ns[-1:] in ("/", "#")}
        self.by_length = sorted(usable.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        self.used: set[str] = set()

    def iri(self, iri: str) -> str:
        for prefix, namespace in self.by_length:
            if iri.startswith(namespace):
                local = iri[len(namespace) :]
                if local and _LOCAL.match(local) and not local.startswith("//"):
                    self.used.add(prefix)
                    return f"{prefix}:{local}"
        return iri


def jsonld_document(
    graph: Graph, prefixes: Mapping[str, str], context: Mapping[str, object] | None = None
) -> dict:
    """The graph as a flattened JSON-LD document (nodes sorted by @id, values sorted).

    Literals keep their lexical form: typed ones are written as {"@value", "@type"}.
    """
    graph = canonical(graph)
    labels = _bnode_labels(graph)
    comp = _Compactor(prefixes)

    def ident(node: Node) -> str:
        if isinstance(node, BNode):
            return f"_:{labels[node]}"
        return comp.iri(str(node))

    def value(node: Node) -> object:
        if isinstance(node, URIRef | BNode):
            return {"@id": ident(node)}
        assert isinstance(node, Literal)
        if node.language:
            return {"@value": str(node), "@language": node.language}
        if node.datatype and str(node.datatype) != XSD_STRING:
            return {"@value": str(node), "@type": comp.iri(str(node.datatype))}
        return {"@value": str(node)}

    by_subject: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        by_subject[s][p].append(o)
    nodes = []
    for subject in sorted(by_subject, key=lambda n: _sort_key(n, labels)):
        props = by_subject[subject]
        node: dict[str, object] = {"@id": ident(subject)}
        types = sorted(o for o in props.get(RDF_TYPE, []) if isinstance(o, URIRef))
        if types:
            node["@type"] = [comp.iri(str(t)) for t in types]
        for predicate in sorted(props, key=str):
            objects = props[predicate]
            if predicate == RDF_TYPE:
                objects = [o for o in objects if not isinstance(o, URIRef)]
                if not objects:
                    continue
            key = comp.iri(str(predicate))
            node[key] = [value(o) for o in sorted(objects, key=lambda n: _sort_key(n, labels))]
        nodes.append(node)
    ctx = {p: prefixes[p] for p in sorted(comp.used)} if context is None else dict(context)
    return {"@context": ctx, "@graph": nodes}


def jsonld(graph: Graph, prefixes: Mapping[str, str]) -> str:
    """The graph as deterministic JSON-LD text (UTF-8, two-space indent)."""
    doc = jsonld_document(graph, prefixes)
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------- RDF/XML


def _split(iri: str) -> tuple[str, str] | None:
    for i in range(len(iri) - 1, -1, -1):
        if iri[i] in "#/:":
            local = iri[i + 1 :]
            if local and _NCNAME.match(local):
                return iri[: i + 1], local
            return None
    return None


def rdfxml(graph: Graph, prefixes: Mapping[str, str]) -> str:
    """The graph as striped RDF/XML: one rdf:Description per subject, sorted."""
    graph = canonical(graph)
    labels = _bnode_labels(graph)
    names = {ns: p for p, ns in sorted(prefixes.items()) if p and _NCNAME.match(p) and p != "rdf"}
    names[RDF_NS] = "rdf"
    used: dict[str, str] = {RDF_NS: "rdf"}
    generated = 0

    def qname(iri: str) -> str:
        nonlocal generated
        split = _split(iri)
        if split is None:
            raise ValueError(f"cannot write predicate {iri} in RDF/XML")
        ns, local = split
        if ns not in used:
            prefix = names.get(ns)
            if prefix is None or prefix in used.values():
                prefix = f"ns{generated}"
                generated += 1
            used[ns] = prefix
        return f"{used[ns]}:{local}"

    by_subject: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in graph:
        by_subject[s].append((p, o))
    # Namespaces are assigned in a fixed order so generated names do not depend on the data order.
    for p in sorted({str(p) for _, p, _ in graph}):
        qname(p)
    body: list[str] = []
    for subject in sorted(by_subject, key=lambda n: _sort_key(n, labels)):
        if isinstance(subject, BNode):
            body.append(f"  <rdf:Description rdf:nodeID={quoteattr(labels[subject])}>")
        else:
            body.append(f"  <rdf:Description rdf:about={quoteattr(str(subject))}>")
        pairs = sorted(by_subject[subject], key=lambda po: (str(po[0]), _sort_key(po[1], labels)))
        for predicate, obj in pairs:
            name = qname(str(predicate))
            if isinstance(obj, URIRef):
                body.append(f"    <{name} rdf:resource={quoteattr(str(obj))}/>")
            elif isinstance(obj, BNode):
                body.append(f"    <{name} rdf:nodeID={quoteattr(labels[obj])}/>")
            else:
                assert isinstance(obj, Literal)
                attr = ""
                if obj.language:
                    attr = f" xml:lang={quoteattr(obj.language)}"
                elif obj.datatype and str(obj.datatype) != XSD_STRING:
                    attr = f" rdf:datatype={quoteattr(str(obj.datatype))}"
                body.append(f"    <{name}{attr}>{escape(str(obj))}</{name}>")
        body.append("  </rdf:Description>")
    declarations = "".join(
        f"\n    xmlns:{prefix}={quoteattr(ns)}"
        for ns, prefix in sorted(used.items(), key=lambda kv: kv[1])
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f"<rdf:RDF{declarations}>\n" + "\n".join(body) + "\n</rdf:RDF>\n"
    )


# ---------------------------------------------------------------------------- per resource


def describe(graph: Graph, node: Node, incoming: bool = True) -> Graph:
    """What a resource's own document says: its triples, the blank nodes they reach, and
    (with `incoming`) the triples of named resources that point at it."""
    out = Graph(bind_namespaces="none")
    stack: list[Node] = [node]
    seen: set[Node] = set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for _, p, o in graph.triples((current, None, None)):
            out.add((current, p, o))
            if isinstance(o, BNode):
                stack.append(o)
    if incoming:
        for s, p, _ in graph.triples((None, None, node)):
            if not isinstance(s, BNode):
                out.add((s, p, node))
    return out


def used_prefixes(graph: Graph, prefixes: Mapping[str, str]) -> dict[str, str]:
    """The prefixes whose namespace occurs in some IRI of the graph."""
    iris: Iterable[str] = {str(n) for t in graph for n in t if isinstance(n, URIRef)} | {
        str(o.datatype) for o in graph.objects() if isinstance(o, Literal) and o.datatype
    }
    found = {}
    for prefix, ns in prefixes.items():
        if any(i.startswith(ns) for i in iris):
            found[prefix] = ns
    return dict(sorted(found.items()))
