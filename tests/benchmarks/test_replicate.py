"""The copying generator at tiny scale: every kind of the landscape grows with the copies.

Counted against the landscape as ``load_landscape`` reads it (rdflib), not against the
generator's own record.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import replicate  # noqa: E402

from sgam_onto.landscape import load_landscape  # noqa: E402

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SGAM = "https://w3id.org/sgam-onto#"


def _instances(types: list[tuple[str, str]]) -> Counter:
    """Distinct instances per class of the sgam namespace."""
    return Counter(cls for _, cls in set(types) if cls.startswith(SGAM))


def test_every_kind_grows_with_the_copies(tmp_path: Path) -> None:
    out = tmp_path / "replica.nt"
    record = replicate.write(out, 30_000)
    assert record["copies"] >= 2 and record["triples"] >= 30_000
    store = ox.Store()
    store.bulk_load(path=str(out), format=ox.RdfFormat.N_TRIPLES)
    types = [(q.subject.value, q.object.value)
             for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), None)]
    graph = load_landscape().graph
    landscape = _instances([(str(s), str(o)) for s, p, o in graph
                            if str(p) == RDF_TYPE])
    grown = _instances(types)
    # the kinds the data files define (placements, use cases, readings, ...) are there once
    # per copy besides the landscape's own; the ontology's and schemes' kinds are not copied
    copied = {cls for cls in grown if grown[cls] > landscape[cls]}
    for kind in ("Placement", "UseCase", "Reading", "Discrepancy", "ContextEntry",
                 "Interaction", "CoordinationItem", "Involvement"):
        cls = SGAM + kind
        assert cls in copied, kind
        assert grown[cls] % landscape[cls] == 0 and grown[cls] // landscape[cls] == \
            record["copies"] + 1, kind
    # copies are new IRIs; the SGAM plane (a scheme) is shared, not copied
    assert any(s.endswith("-c1") for s, _ in types)
    assert all(not s.endswith(f"-c{record['copies'] + 1}") for s, _ in types)
    concept = "http://www.w3.org/2004/02/skos/core#Concept"
    plane = {s for s, c in types if c == concept and s.startswith(SGAM)}
    assert plane and plane == {str(s) for s, p, o in graph
                               if str(p) == RDF_TYPE and str(o) == concept
                               and str(s).startswith(SGAM)}
    # glossary terms are data, so they are copied
    assert SGAM + "Term" in copied or any(s.endswith("-c1") and "/term/" in s for s, _ in types)
