"""The change between two landscapes as a reviewer reads it: resources added, removed, changed.

A resource is an IRI with facts of its own. Blank nodes belong to the resource that points at
them: a changed qualified value shows up as a changed fact of its owner. Everything is sorted,
so the same two graphs always give the same change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF
from rdflib.term import Node

from sgam_onto.landscape import SGAM, label_of, local_name
from sgam_onto.namespace import ID_BASE

PARTY = URIRef(SGAM + "party")
NUMBER = URIRef(SGAM + "number")
# How a reviewer calls a resource of each kind; other kinds read as their slug.
KIND_WORDS = {
    "coordination": "coordination item",
    "context-entry": "context entry",
    "use-case": "use case",
    "term": "glossary term",
}
NAMED_BY_SLUG = frozenset({"coordination item", "interaction"})
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True, order=True)
class Fact:
    """One statement about a resource, named for display and keyed for identity."""

    predicate: str
    value: str
    key: str


@dataclass(frozen=True)
class Change:
    """What happened to one resource."""

    iri: str
    kind: str
    name: str
    status: str  # added, removed, changed
    headline: str
    gained: tuple[Fact, ...] = ()
    lost: tuple[Fact, ...] = ()

    @property
    def lines(self) -> list[str]:
        """The sentences a reviewer reads: the headline, or one per changed fact."""
        if self.status != "changed":
            return [self.headline]
        subject = f"{self.kind} {self.name}"
        lines = [self.headline] if self.headline != subject else []
        gained = _by_predicate(self.gained)
        lost = _by_predicate(self.lost)
        for predicate in sorted(gained.keys() | lost.keys(), key=_natural):
            now, was = gained.get(predicate, []), lost.get(predicate, [])
            if len(now) == len(was) == 1:  # one value replaced by another
                lines.append(f"{subject}: {predicate} changed from {was[0]} to {now[0]}")
                continue
            lines += [f"{subject}: gained {predicate} {value}" for value in now]
            lines += [f"{subject}: lost {predicate} {value}" for value in was]
        return lines


@dataclass(frozen=True)
class LandscapeDiff:
    """Every change from ``old`` to ``new``, in a stable order."""

    old: str
    new: str
    changes: tuple[Change, ...]

    def counts(self) -> dict[str, int]:
        found = {"added": 0, "removed": 0, "changed": 0}
        for change in self.changes:
            found[change.status] += 1
        return found


def compare(old: Graph, new: Graph, old_name: str = "old", new_name: str = "new") -> LandscapeDiff:
    """The changes from ``old`` to ``new``, resource by resource."""
    names = _Names(new, old)
    before, after = _described(old, names), _described(new, names)
    changes = []
    for iri in sorted(before.keys() | after.keys(), key=_natural):
        was, now = before.get(iri, {}), after.get(iri, {})
        if was == now:
            continue
        node = URIRef(iri)
        kind, name = names.kind(node), names.name(node)
        gained = tuple(sorted(now[k] for k in now.keys() - was.keys()))
        lost = tuple(sorted(was[k] for k in was.keys() - now.keys()))
        if not was:
            changes.append(Change(iri, kind, name, "added", _added(new, node, kind, name, names),
                                  gained))
        elif not now:
            changes.append(Change(iri, kind, name, "removed", f"{kind} {name} removed", (), lost))
        else:
            headline = _deprecation(old, new, node, f"{kind} {name}", names)
            changes.append(Change(iri, kind, name, "changed", headline, gained, lost))
    changes.sort(key=lambda c: (_natural(c.kind), _natural(c.name), c.iri))
    return LandscapeDiff(old_name, new_name, tuple(changes))


class _Names:
    """Display names, looked up in the newer graph first."""

    def __init__(self, *graphs: Graph) -> None:
        self.graphs = graphs

    def kind(self, node: URIRef) -> str:
        text = str(node)
        if text.startswith(ID_BASE):
            slug = text[len(ID_BASE):].split("/", 1)[0]
            return KIND_WORDS.get(slug, slug.replace("-", " "))
        return "vocabulary term" if text.startswith(SGAM) else "resource"

    def name(self, node: URIRef) -> str:
        slug = local_name(node)
        # Interactions and coordination items go by their SRD number, or by the slug of an
        # addition (coordination:<origin>-<short-name>), which is shorter than its label.
        if slug.isdigit() or self.kind(node) in NAMED_BY_SLUG:
            return slug
        return self.label(node)

    def label(self, node: URIRef) -> str:
        for graph in self.graphs:
            if (node, None, None) in graph:
                return label_of(graph, node)
        return local_name(node)

    def value(self, node: Node, graph: Graph, seen: frozenset[Node] = frozenset()) -> Fact:
        """A fact's object for display, with a key that identifies it across graphs."""
        if isinstance(node, Literal):
            text = f'"{node}"' + (f"@{node.language}" if node.language else "")
            return Fact("", text, node.n3())
        if isinstance(node, BNode):
            if node in seen:  # a cycle of blank nodes: say so instead of recursing forever
                return Fact("", "[…]", "[cycle]")
            inner = sorted(
                self.fact(p, o, graph, seen | {node}) for p, o in graph.predicate_objects(node)
            )
            return Fact("", "[" + "; ".join(f"{f.predicate} {f.value}" for f in inner) + "]",
                        "[" + " ".join(f.key for f in inner) + "]")
        return Fact("", self.label(node), f"<{node}>")

    def fact(self, predicate: Node, obj: Node, graph: Graph,
             seen: frozenset[Node] = frozenset()) -> Fact:
        value = self.value(obj, graph, seen)
        label = "type" if predicate == RDF.type else self.label(predicate)  # type: ignore[arg-type]
        return Fact(label, value.value, f"<{predicate}> {value.key}")


def _described(graph: Graph, names: _Names) -> dict[str, dict[str, Fact]]:
    """Each IRI subject with its facts, keyed so equal facts match across graphs."""
    described: dict[str, dict[str, Fact]] = {}
    for subject in set(graph.subjects()):
        if not isinstance(subject, URIRef):
            continue
        facts = (names.fact(p, o, graph) for p, o in graph.predicate_objects(subject))
        described[str(subject)] = {fact.key: fact for fact in facts}
    return described


def _added(graph: Graph, node: URIRef, kind: str, name: str, names: _Names) -> str:
    parties = sorted((names.label(p) for p in graph.objects(node, PARTY)), key=_natural)
    if parties:
        return f"{kind} {name} added between {_joined(parties)}"
    return f"{kind} {name} added"


def _deprecation(old: Graph, new: Graph, node: URIRef, subject: str, names: _Names) -> str:
    """A sentence when the resource became deprecated, naming what replaces it."""
    if _deprecated(new, node) and not _deprecated(old, node):
        successors = sorted((names.label(s) for s in new.objects(node, DCTERMS.isReplacedBy)),
                            key=_natural)
        replaced = f", replaced by {_joined(successors)}" if successors else ""
        return f"{subject} deprecated{replaced}"
    return subject


def _deprecated(graph: Graph, node: URIRef) -> bool:
    return any(value.toPython() is True for value in graph.objects(node, OWL.deprecated)
               if isinstance(value, Literal))


def _by_predicate(facts: Iterable[Fact]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for fact in facts:
        grouped.setdefault(fact.predicate, []).append(fact.value)
    return grouped


def _joined(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _natural(text: str) -> tuple:
    """Sort key that puts "item 9" before "item 27"."""
    return tuple(int(part) if part.isdigit() else part.casefold() for part in _DIGITS.split(text))
