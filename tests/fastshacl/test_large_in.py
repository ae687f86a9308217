"""sh:in with thousands of members: the same results as pyshacl, membership by term identity
(a literal equal in value but written otherwise is not a member), a check whose size does not
grow with the list, and a result message that names the count instead of every member."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from sgam_onto.fastshacl.compiler import Compiler
from sgam_onto.fastshacl.model import ShapesGraph
from sgam_onto.fastshacl.terms import Encoder
from sgam_onto.validate.pyshacl_fixes import as_specified
from tests.fastshacl.compare import both

EX = "http://example.org/"
MEMBERS = 3000


def shapes_with_in(count: int) -> tuple[Graph, BNode]:
    g = Graph()
    shape, prop, head = URIRef(EX + "S"), BNode(), BNode()
    members = [Literal(f"m{i}") for i in range(count - 4)] + [
        Literal("1", datatype=XSD.integer), Literal("a", lang="en"), URIRef(EX + "member"),
        Literal("2020-01-01", datatype=XSD.date)]
    Collection(g, head, members)
    g.add((shape, RDF.type, SH.NodeShape))
    g.add((shape, SH.targetClass, URIRef(EX + "C")))
    g.add((shape, SH.property, prop))
    g.add((prop, SH.path, URIRef(EX + "p")))
    g.add((prop, SH["in"], head))
    return g, prop


def data() -> Graph:
    g = Graph()
    values = [  # as the project's loader makes them: lexical forms kept (normalize=False)
        Literal("m0"), Literal(f"m{MEMBERS - 5}"), Literal("outside"),
        Literal("1", datatype=XSD.integer), Literal("01", datatype=XSD.integer, normalize=False),
        Literal("1.0", datatype=XSD.decimal),
        Literal("a", lang="en"), Literal("a", lang="fr"), Literal("a"), URIRef(EX + "member"),
        URIRef(EX + "Member"), Literal("2020-01-01", datatype=XSD.date),
        Literal("2020-01-01Z", datatype=XSD.date, normalize=False),
    ]
    for i, value in enumerate(values):
        node = URIRef(f"{EX}n{i}")
        g.add((node, RDF.type, URIRef(EX + "C")))
        g.add((node, URIRef(EX + "p"), value))
    return g


def test_a_long_sh_in_gives_the_same_results_as_pyshacl() -> None:
    shapes, _prop = shapes_with_in(MEMBERS)
    fast, reference = both(data(), shapes)
    assert fast == reference
    outside = sorted(str(key[-1]) for key in reference)
    # members by identity: value-equal literals written otherwise are outside the list
    assert outside == sorted(
        ["outside", "01", "1.0", "a", "a", "http://example.org/Member", "2020-01-01Z"])


def test_the_membership_check_does_not_grow_with_the_list() -> None:
    sizes = []
    for count in (10, MEMBERS):
        shapes, prop = shapes_with_in(count)
        compiler = Compiler(ShapesGraph(as_specified(shapes)), ox.Store(), Encoder())
        (check,) = compiler.compile(prop).value_checks
        sizes.append(len(check.ok("?v")))
    assert sizes[0] == sizes[1] < 300


def test_the_shapes_graph_given_is_not_changed() -> None:
    shapes, _prop = shapes_with_in(MEMBERS)
    before = set(shapes)
    both(data(), shapes)
    assert set(shapes) == before
