"""Human labels for IRIs in results, looked up in the same store the query ran on."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS_PREF_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
LABEL_PROPERTIES = (RDFS_LABEL, SKOS_PREF_LABEL)


def _rank(lit: ox.Literal) -> tuple[int, str]:
    lang = (lit.language or "").lower()
    first = 0 if lang == "en" or lang.startswith("en-") else 1 if not lang else 2
    return (first, lit.value)


def label_of(store: ox.Store, iri: ox.NamedNode) -> str | None:
    """rdfs:label, else skos:prefLabel; English or untagged first, then the smallest value."""
    for prop in LABEL_PROPERTIES:
        found = [q.object for q in store.quads_for_pattern(iri, prop, None)]
        literals = [o for o in found if isinstance(o, ox.Literal)]
        if literals:
            return min(literals, key=_rank).value
    return None


def labels_for(store: ox.Store, rows: Iterable[Iterable[object]]) -> dict[str, str]:
    """Label of every IRI appearing in `rows` that has one, keyed by the IRI string."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    for row in rows:
        for term in row:
            if isinstance(term, ox.NamedNode) and term.value not in seen:
                seen.add(term.value)
                label = label_of(store, term)
                if label is not None:
                    out[term.value] = label
    return out
