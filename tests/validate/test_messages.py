"""A result message is for a person: pyshacl's own message for sh:in lists every member (62 KB
for 3,000); the report names the count instead, and any other long message is cut."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from sgam_onto.validate.engine import run_shapes
from sgam_onto.validate.pyshacl_fixes import MAX_MESSAGE, capped
from tests.fastshacl.test_large_in import MEMBERS, data, shapes_with_in


def test_a_value_outside_a_long_sh_in_has_a_short_message_naming_the_count() -> None:
    shapes, _prop = shapes_with_in(MEMBERS)
    results = run_shapes(data(), shapes)
    outside = [r for r in results if r.value == Literal("outside")]
    assert len(outside) == 1
    message = outside[0].message
    assert len(message) <= 200
    assert f"{MEMBERS:,} values" in message and "outside" in message
    assert "m17" not in message  # no member is listed


def test_the_turtle_report_carries_the_short_message() -> None:
    from sgam_onto.validate.results import report_graph

    shapes, _prop = shapes_with_in(MEMBERS)
    results = run_shapes(data(), shapes)
    graph: Graph = report_graph(results)
    longest = max(len(str(m)) for m in graph.objects(None, SH.resultMessage))
    assert longest <= 200


def test_short_messages_are_kept_and_long_ones_cut() -> None:
    assert capped("Value x not in list ['a']", SH.InConstraintComponent, None, None) == (
        "Value x not in list ['a']")
    long = "y" * (MAX_MESSAGE + 5000)
    cut = capped(long, URIRef("http://example.org/Other"), None, None)
    assert len(cut) == MAX_MESSAGE and cut.endswith("…")
