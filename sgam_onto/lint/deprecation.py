"""Use of deprecated resources: a statement that still points to a resource (or term) marked
``owl:deprecated true`` is reported with what ``dcterms:isReplacedBy`` names instead.

Deprecation is data: nothing is deleted, so the old IRI keeps resolving, and the lint tells a
contributor where to move. The deprecated resource's own statements and the statements that
record the history (deprecation, replacement, succession) are not uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL

from sgam_onto.lint.rules import FileContext, Hit, short
from sgam_onto.lint.vocab import SGAM

RULE = "deprecated-use"
HISTORY = frozenset({OWL.deprecated, DCTERMS.isReplacedBy, DCTERMS.replaces,
                     URIRef(SGAM + "succeededBy")})


def deprecated_resources(graphs: Iterable[Graph]) -> dict[str, tuple[str, ...]]:
    """Every IRI marked deprecated in `graphs`, with its replacements (sorted, maybe none)."""
    found: dict[str, set[str]] = {}
    for graph in graphs:
        for node, flag in graph.subject_objects(OWL.deprecated):
            if isinstance(node, URIRef) and isinstance(flag, Literal) and flag.toPython() is True:
                found.setdefault(str(node), set())
        for node, successor in graph.subject_objects(DCTERMS.isReplacedBy):
            if str(node) in found and isinstance(successor, URIRef):
                found[str(node)].add(str(successor))
    return {iri: tuple(sorted(by)) for iri, by in found.items()}


def deprecated_uses(ctx: FileContext) -> Iterator[Hit]:
    for s, p, o in ctx.statements():
        if p in HISTORY or str(s) in ctx.deprecated:
            continue
        for term in (p, o):
            if not isinstance(term, URIRef) or str(term) not in ctx.deprecated:
                continue
            successors = ctx.deprecated[str(term)]
            advice = (f"use {', '.join(short(r, ctx.prefixes) for r in successors)} instead"
                      if successors else "no replacement is recorded")
            yield (term, s, p, RULE,
                   f"{short(str(term), ctx.prefixes)} is deprecated; {advice}")
