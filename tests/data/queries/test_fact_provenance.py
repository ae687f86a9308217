"""fact-provenance against a plain Python walk of the rule, and the curated facts against the SRD.

The walk reads the landscape graph triple by triple, with no SPARQL: a fact annotated by an
owl:Axiom with sgam:curatedFrom comes from that source; any other fact is stated by the SRD at
each source location of its subject; a subject with no source location is an addition whose
curated sources state every fact.
"""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from sgam_onto.query.api import run

SGAM = "https://w3id.org/sgam-onto#"
SOURCE = URIRef(SGAM + "source")
CURATED_FROM = URIRef(SGAM + "curatedFrom")
ID = "https://w3id.org/sgam-onto/id/"


def is_a(graph: Graph, node, cls: URIRef) -> bool:
    return any(cls in graph.transitive_objects(t, RDFS.subClassOf)
               for t in graph.objects(node, RDF.type))


def walk(graph: Graph, resource: URIRef) -> Counter:
    """The rows the rule gives, as (property, value, stated by, source)."""
    curated: dict[tuple, set] = {}
    for axiom in graph.subjects(OWL.annotatedSource, resource):
        key = (graph.value(axiom, OWL.annotatedProperty), graph.value(axiom, OWL.annotatedTarget))
        curated.setdefault(key, set()).update(graph.objects(axiom, CURATED_FROM))
    sources = set(graph.objects(resource, SOURCE))
    places = {s for s in sources if is_a(graph, s, URIRef(SGAM + "SourceLocation"))}
    cited = {s for s in sources if (s, RDF.type, URIRef(SGAM + "CuratedSource")) in graph}
    rows: Counter = Counter()
    for prop, value in graph.predicate_objects(resource):
        if prop == SOURCE:
            continue
        if curated.get((prop, value)):
            by = [("curated source", s) for s in curated[(prop, value)]]
        elif places:
            by = [("SRD", s) for s in places]
        else:
            by = [("curated source", s) for s in cited]
        rows.update((str(prop), str(value), who, str(s)) for who, s in by)
    return rows


def mixed_and_added(graph: Graph) -> list[URIRef]:
    """Every resource that cites a curated source, with or without places of the SRD."""
    return sorted({s for s, o in graph.subject_objects(SOURCE)
                   if (o, RDF.type, URIRef(SGAM + "CuratedSource")) in graph
                   and isinstance(s, URIRef)})


def test_the_query_follows_the_rule_for_every_resource_citing_a_curated_source(landscape):
    graph = landscape.graph
    resources = [*mixed_and_added(graph), URIRef(ID + "body/iec-tc8-tc85-jwg12"),
                 URIRef(ID + "interaction/6")]
    assert len(resources) > 60
    for resource in resources:
        got = Counter((r["property"], str(r["value"]), r["statedBy"], r["source"])
                      for r in run("fact-provenance", landscape, resource=str(resource)))
        assert got == walk(graph, resource), resource


@pytest.mark.parametrize("body, parent", [("iec-sc77a", "iec-tc77"), ("iec-sc8a", "iec-tc8"),
                                          ("iec-sc8b", "iec-tc8"), ("iec-sc23k", "iec-tc23")])
def test_a_parent_the_srd_never_spells_out_comes_from_the_convention(
    landscape, srd_text, body, parent
):
    # The SRD names the subcommittee but never says whose it is ("SC 77A of TC 77"); rows such
    # as "TC 8/SC 8A/SC 8B" name groups (DESIGN rule 5), not parentage.
    sc = body.removeprefix("iec-sc").upper()
    tc = parent.removeprefix("iec-tc")
    assert f"SC {sc}" in srd_text
    for phrase in (f"SC {sc} of TC {tc}", f"SC {sc} of IEC TC {tc}", f"SC {sc} under TC {tc}",
                   f"TC {tc} subcommittee"):
        assert phrase not in srd_text
    rows = run("fact-provenance", landscape, resource=ID + "body/" + body)
    assert {(r["statedBy"], r["source"]) for r in rows
            if r["property"] == SGAM + "parentBody"} == {
        ("curated source", ID + "source/curated-iec-and-iso-designation-convention")}


def test_the_srd_states_every_fact_of_jwg12(landscape, srd_text):
    # 4.2.3 item 2 names the group, its committees and the joint SC 77A, and what it does.
    assert "IEC TC 8/TC 85 JWG 12 (joint as well with TC 85 and SC 77A)" in srd_text
    rows = run("fact-provenance", landscape, resource=ID + "body/iec-tc8-tc85-jwg12")
    assert rows and {r["statedBy"] for r in rows} == {"SRD"}
    assert {r["value"] for r in rows if r["property"] == SGAM + "parentBody"} == {
        ID + "body/iec-sc77a", ID + "body/iec-tc8", ID + "body/iec-tc85"}
