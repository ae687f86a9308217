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
    """Label of every IRI appearing in `rows` that has one, keyed by the IRI string.

    A store in this process is asked IRI by IRI; a remote one in batches of one query each
    (IRI by IRI, tens of thousands of rows would be as many HTTP requests)."""
    iris = list(dict.fromkeys(term for row in rows for term in row
                              if isinstance(term, ox.NamedNode)))
    if not isinstance(store, ox.Store) and hasattr(store, "endpoint"):
        return labels_by_query(store, iris)
    out: dict[str, str] = {}
    for iri in iris:
        label = label_of(store, iri)
        if label is not None:
            out[iri.value] = label
    return out


BATCH = 500  # IRIs per query: well under the query size limit


def labels_by_query(store: object, iris: list[ox.NamedNode]) -> dict[str, str]:
    """``label_of`` for each IRI, read with one SELECT per label property and batch (the IRIs
    in a VALUES block, each written by Oxigraph's serialiser, as ``query.binding`` writes
    bound terms). The property is a constant in the pattern: with it in a second VALUES
    block, Oxigraph's server scans every triple for each batch."""
    found: dict[str, dict[str, list[ox.Literal]]] = {}
    for start in range(0, len(iris), BATCH):
        values = " ".join(str(iri) for iri in iris[start:start + BATCH])
        for prop in LABEL_PROPERTIES:
            text = f"SELECT ?iri ?label WHERE {{ VALUES ?iri {{ {values} }} ?iri {prop} ?label }}"
            for solution in store.query(text):  # type: ignore[attr-defined]
                label = solution["label"]
                if isinstance(label, ox.Literal):
                    by_prop = found.setdefault(solution["iri"].value, {})
                    by_prop.setdefault(prop.value, []).append(label)
    out: dict[str, str] = {}
    for iri, by_prop in found.items():
        for prop in LABEL_PROPERTIES:
            if by_prop.get(prop.value):
                out[iri] = min(by_prop[prop.value], key=_rank).value
                break
    return out
