"""Copies of the landscape with one kind of change that must not change what a query means.

Labels are for display: a second label in another language, or two bodies sharing a label,
may change a label cell but never which resources a row names or how many rows there are.
"""

from __future__ import annotations

from rdflib import RDFS, SKOS, Graph, Literal, URIRef

ID = "https://w3id.org/sgam-onto/id/"
# Two bodies that 4.2.3 links (items 6, 9, 11, 12, 13, 24) and one that Table 1 marks with
# IEC TC 57 WG 17 but no item links to it: all three are given IEC TC 57 WG 17's label.
SHARING = (URIRef(ID + "body/iec-tc57-wg21"), URIRef(ID + "body/iec-tc64"))
SHARED_WITH = URIRef(ID + "body/iec-tc57-wg17")


def copy(graph: Graph) -> Graph:
    out = Graph(bind_namespaces="none")
    for triple in graph:
        out.add(triple)
    return out


def with_french_labels(graph: Graph) -> Graph:
    """Every English rdfs:label and skos:prefLabel gets a French twin that sorts first."""
    out = copy(graph)
    for prop in (RDFS.label, SKOS.prefLabel):
        for s, o in graph.subject_objects(prop):
            if isinstance(o, Literal) and o.language == "en":
                out.add((s, prop, Literal("Fr " + str(o), lang="fr")))
    return out


def with_shared_label(graph: Graph) -> Graph:
    """Two more bodies labelled exactly like IEC TC 57 WG 17."""
    out = copy(graph)
    label = next(o for o in graph.objects(SHARED_WITH, RDFS.label) if o.language == "en")
    for body in SHARING:
        out.remove((body, RDFS.label, None))
        out.add((body, RDFS.label, label))
    return out


VARIANTS = {"french-labels": with_french_labels, "shared-label": with_shared_label}
