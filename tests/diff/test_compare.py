"""The diff of two small graphs, read as a reviewer would read it."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from sgam_onto.diff.compare import compare
from sgam_onto.diff.render import render

SGAM = "https://w3id.org/sgam-onto#"
ID = "https://w3id.org/sgam-onto/id/"
TC13, WG21, WG17 = (
    URIRef(ID + "body/" + s) for s in ("iec-tc13", "iec-tc57-wg21", "iec-tc57-wg17")
)


def _bodies() -> Graph:
    graph = Graph()
    for body, label in ((TC13, "IEC TC 13"), (WG21, "IEC TC 57 WG 21"), (WG17, "IEC TC 57 WG 17")):
        graph.add((body, RDF.type, URIRef(SGAM + "Body")))
        graph.add((body, RDFS.label, Literal(label, lang="en")))
    return graph


def _lines(old: Graph, new: Graph) -> list[str]:
    return [line for change in compare(old, new).changes for line in change.lines]


def test_a_new_coordination_item_names_its_parties() -> None:
    old = _bodies()
    new = _bodies()
    item = URIRef(ID + "coordination/27")
    new.add((item, RDF.type, URIRef(SGAM + "CoordinationItem")))
    new.add((item, URIRef(SGAM + "party"), WG21))
    new.add((item, URIRef(SGAM + "party"), TC13))
    assert _lines(old, new) == ["coordination item 27 added between IEC TC 13 and IEC TC 57 WG 21"]
    assert [c.status for c in compare(new, old).changes] == ["removed"]


def test_deprecation_names_the_replacement() -> None:
    old = _bodies()
    new = _bodies()
    new.add((WG17, OWL.deprecated, Literal(True)))
    new.add((WG17, DCTERMS.isReplacedBy, WG21))
    lines = _lines(old, new)
    assert lines[0] == "body IEC TC 57 WG 17 deprecated, replaced by IEC TC 57 WG 21"
    assert "body IEC TC 57 WG 17: gained isReplacedBy IEC TC 57 WG 21" in lines


def test_a_replaced_value_reads_as_changed_from_to() -> None:
    old = _bodies()
    new = _bodies()
    new.set((TC13, RDFS.label, Literal("IEC TC 13 (metering)", lang="en")))
    assert _lines(old, new) == [
        'body IEC TC 13 (metering): label changed from "IEC TC 13"@en to "IEC TC 13 (metering)"@en'
    ]


def test_a_gained_standard_of_a_numbered_resource_goes_by_its_number() -> None:
    old, new = _bodies(), _bodies()
    interaction = URIRef(ID + "interaction/6")
    standard = URIRef(ID + "standard/iec-61850")
    for graph in (old, new):
        graph.add((interaction, RDF.type, URIRef(SGAM + "Interaction")))
        graph.add((standard, RDFS.label, Literal("IEC 61850", lang="en")))
        graph.add((URIRef(SGAM + "standard"), RDFS.label, Literal("standard", lang="en")))
    new.add((interaction, URIRef(SGAM + "standard"), standard))
    assert _lines(old, new) == ["interaction 6: gained standard IEC 61850"]


def test_blank_nodes_belong_to_their_owner_and_match_across_graphs() -> None:
    old, new = _bodies(), _bodies()
    for graph, year in ((old, 2019), (new, 2019)):
        node = BNode()  # a different blank node in each graph, with the same content
        graph.add((TC13, URIRef(SGAM + "qualified"), node))
        graph.add((node, URIRef(SGAM + "year"), Literal(year)))
    assert _lines(old, new) == []
    changed = BNode()
    new.add((WG21, URIRef(SGAM + "qualified"), changed))
    new.add((changed, URIRef(SGAM + "year"), Literal(2020)))
    assert _lines(old, new) == ['body IEC TC 57 WG 21: gained qualified [year "2020"]']


def test_the_same_change_always_renders_the_same_bytes() -> None:
    old = _bodies()
    forward, backward = _bodies(), Graph()
    extra = [(URIRef(ID + f"coordination/{n}"), URIRef(SGAM + "party"), body)
             for n in (3, 27, 10) for body in (TC13, WG17)]
    for triple in extra:
        forward.add(triple)
    for triple in [*reversed(list(_bodies())), *reversed(extra)]:
        backward.add(triple)
    for fmt in ("text", "md", "json"):
        assert render(compare(old, forward), fmt) == render(compare(old, backward), fmt)
    numbers = [c.name for c in compare(old, forward).changes]
    assert numbers == ["3", "10", "27"]  # natural order, not string order
