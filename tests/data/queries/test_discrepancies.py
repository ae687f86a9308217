"""The `discrepancies` query against a plain walk over the landscape graph (no SPARQL).

The walk reads each discrepancy, orders its readings by number and cites their source
locations the way the query's header describes; rows must agree column by column, kind and
severity compared by IRI.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, Namespace

from sgam_onto.query.api import run

SGAM = Namespace("https://w3id.org/sgam-onto#")


def cited(graph, reading) -> str:
    labels = sorted(str(label) for source in graph.objects(reading, SGAM.source)
                    for label in graph.objects(source, RDFS.label))
    return ", ".join(labels)


def expected_rows(graph) -> list[dict[str, str]]:
    rows = []
    for node in graph.subjects(RDF.type, SGAM.Discrepancy):
        ordered = sorted(graph.objects(node, SGAM.reading),
                         key=lambda r: graph.value(r, SGAM.readingNumber).toPython())
        rows.append({
            "topic": str(graph.value(node, SGAM.topic)),
            "locationA": cited(graph, ordered[0]),
            "locationB": "; ".join(cited(graph, r) for r in ordered[1:]),
            "note": str(graph.value(node, SKOS.note)),
            "kind": str(graph.value(node, SGAM.discrepancyKind)),
            "severity": str(graph.value(node, SGAM.severity)),
            "_iri": str(node),
        })
    rows.sort(key=lambda row: (row["topic"], row["_iri"]))
    return [{k: v for k, v in row.items() if k != "_iri"} for row in rows]


def test_discrepancies_rows_match_a_walk_of_the_graph(landscape):
    got = [dict(row) for row in run("discrepancies", landscape)]
    expected = expected_rows(landscape.graph)
    assert len(got) == len(expected) > 50
    for mine, theirs in zip(got, expected, strict=True):
        assert mine == theirs


def test_a_discrepancy_with_three_readings_lists_them_in_order(landscape):
    rows = {row["topic"]: row for row in run("discrepancies", landscape)}
    row = rows["IEC parent of the EV joint working group with ISO/TC 22"]
    assert (row["locationA"], row["locationB"]) == ("6.6", "6.6 item 4; 4.2.3 item 26")
    assert row["kind"] == str(SGAM.NamingVariant)
    assert row["severity"] == str(SGAM.SeverityMedium)


def test_topics_are_unique_so_the_order_is_stable(landscape):
    graph = landscape.graph
    topics = [str(graph.value(d, SGAM.topic)) for d in graph.subjects(RDF.type, SGAM.Discrepancy)]
    assert len(topics) == len(set(topics))
