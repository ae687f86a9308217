"""Each workaround of pyshacl (``sgam_onto.validate.pyshacl_fixes``): what it does, and that
plain pyshacl still needs it."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, SH, XSD

from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_bytes
from sgam_onto.validate.pyshacl_fixes import (
    LONG_LIST,
    SHORT_LIST,
    as_specified,
    capped,
    own_copy,
    parsed_once,
)

EX = "https://example.org/"


def shapes(text: str) -> Graph:
    """Parsed as the project parses (rdflib's own parser would rewrite "1" as "true")."""
    prefixes = ("@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
                "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                f"@prefix ex: <{EX}> .\n")
    return graph_from_quads(parse_bytes((prefixes + text).encode(), ox.RdfFormat.TURTLE).quads)


def test_a_graph_that_needs_nothing_is_returned_as_it_is() -> None:
    graph = shapes("ex:S sh:path ex:p ; sh:uniqueLang true ; sh:sparql [ sh:prefixes ex:P ] .")
    assert as_specified(graph) is graph


def test_only_the_literal_true_activates_unique_lang() -> None:
    graph = shapes('ex:A sh:uniqueLang "1"^^xsd:boolean . ex:B sh:uniqueLang false . '
                   "ex:C sh:uniqueLang true .")
    before = set(graph)
    fixed = as_specified(graph)
    assert set(fixed.subject_objects(SH.uniqueLang)) == {
        (URIRef(EX + "C"), Literal("true", datatype=XSD.boolean))
    }
    assert set(graph) == before


def test_declarations_of_imported_resources_join_the_prefixes() -> None:
    graph = shapes(
        "ex:P sh:declare [ sh:prefix 'own' ; sh:namespace 'urn:own#'^^xsd:anyURI ] ; "
        "  owl:imports ex:O1 . "
        "ex:O1 owl:imports ex:O2, ex:P ; sh:declare [ sh:prefix 'one' ] . "
        "ex:O2 owl:imports ex:O1 ; sh:declare [ sh:prefix 'two' ] . "
        "ex:Unrelated sh:declare [ sh:prefix 'no' ] . "
        "ex:C sh:prefixes ex:P ."
    )
    fixed = as_specified(graph)
    prefixes = {str(fixed.value(d, SH.prefix)) for d in fixed.objects(URIRef(EX + "P"), SH.declare)}
    assert prefixes == {"own", "one", "two"}
    assert len(list(graph.objects(URIRef(EX + "P"), SH.declare))) == 1
    assert (URIRef(EX + "P"), OWL.imports, URIRef(EX + "O1")) in fixed


# Each workaround is still needed: plain pyshacl, on a small case, still shows the problem.
# When one of these tests fails, pyshacl has fixed it: remove the workaround and its test.


def plain_pyshacl(data: Graph, shapes_graph: Graph, **options: object) -> tuple[bool, Graph]:
    """pyshacl as it comes, without any workaround of ``pyshacl_fixes``."""
    import pyshacl

    conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes_graph, inference="none", **options)
    return conforms, report


def test_pyshacl_still_takes_other_true_literals_for_unique_lang() -> None:
    data = shapes('ex:a a ex:C ; ex:p "x"@en , "y"@en .')
    rule = ('ex:S sh:targetClass ex:C ; '
            'sh:property [ sh:path ex:p ; sh:uniqueLang "1"^^xsd:boolean ] .')
    conforms, _report = plain_pyshacl(data, shapes(rule))
    assert not conforms  # SHACL 4.4.5: only true activates the constraint
    assert plain_pyshacl(data, as_specified(shapes(rule)))[0]


def test_pyshacl_still_ignores_the_prefixes_of_imported_ontologies() -> None:
    import pytest

    rule = """ex:onto owl:imports ex:base .
ex:base sh:declare [ sh:prefix "zz" ; sh:namespace "https://example.org/"^^xsd:anyURI ] .
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:sparql [ sh:prefixes ex:onto ; sh:select "SELECT $this WHERE { $this zz:p ?v }" ] ."""
    data = shapes("ex:a a ex:C ; ex:p 1 .")
    with pytest.raises(Exception, match="zz"):
        plain_pyshacl(data, shapes(rule))
    assert not plain_pyshacl(data, as_specified(shapes(rule)))[0]  # the query runs


def test_pyshacl_still_copies_an_in_list_into_the_report_node_by_node() -> None:
    from rdflib.namespace import RDF

    members = " ".join(f"ex:m{i}" for i in range(LONG_LIST + 6))
    rule = f"ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:in ( {members} ) ] ."
    data = shapes("ex:a a ex:C ; ex:p ex:other .")
    _conforms, report = plain_pyshacl(data, shapes(rule))
    assert len(set(report.triples((None, RDF.first, None)))) == LONG_LIST + 6
    _conforms, report = plain_pyshacl(data, as_specified(shapes(rule)))
    assert not set(report.triples((None, RDF.first, None)))


def test_pyshacl_still_lists_every_member_of_an_in_list_in_its_message() -> None:
    members = " ".join(f"ex:m{i}" for i in range(SHORT_LIST + 5))
    rule = f"ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:in ( {members} ) ] ."
    graph = shapes(rule)
    _conforms, report = plain_pyshacl(shapes("ex:a a ex:C ; ex:p ex:other ."), graph)
    [message] = [str(m) for m in report.objects(None, SH.resultMessage)]
    assert all(f"<{EX}m{i}>" in message for i in range(SHORT_LIST + 5))
    [shape] = set(report.objects(None, SH.sourceShape))
    shortened = capped(message, SH.InConstraintComponent, shape, graph)
    assert shortened.endswith(f"is not one of the {SHORT_LIST + 5} values sh:in allows")


NESTED = """ex:S a sh:NodeShape ; sh:targetClass ex:C ;
    sh:property [ sh:path ex:p ; sh:node ex:T ] .
ex:T a sh:NodeShape ; sh:property [ sh:path ex:q ; sh:minCount 1 ] ."""


def test_pyshacl_still_skips_nested_shapes_on_values_that_are_not_focus_nodes() -> None:
    from sgam_onto.validate.engine import run_shapes

    data = shapes("ex:a a ex:C ; ex:p ex:b .")
    a = URIRef(EX + "a")
    assert not plain_pyshacl(data, shapes(NESTED))[0]
    assert plain_pyshacl(data, shapes(NESTED), focus_nodes=[a])[0]  # the violation is lost
    assert [r.focus for r in run_shapes(data, shapes(NESTED), focus_nodes=[a])] == [a]


def test_pyshacl_still_adds_to_the_shapes_graph_it_is_given() -> None:
    rule = shapes("ex:S a sh:NodeShape ; sh:targetClass ex:C ; "
                  "sh:property [ sh:path ex:p ; sh:minCount 1 ] .")
    before = set(rule)
    plain_pyshacl(shapes("ex:a a ex:C ."), rule)
    assert set(rule) != before
    copy = own_copy(rule)
    assert set(copy) == set(rule) and copy is not rule


def test_pyshacl_still_hands_rdflib_the_query_text_once_per_focus_node() -> None:
    data = shapes("ex:a a ex:C ; ex:p 1 . ex:b a ex:C ; ex:p 2 . ex:c a ex:C ; ex:p 3 .")
    rule = shapes('ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select '
                  '"SELECT $this WHERE { $this <https://example.org/p> ?v }" ] .')
    seen: list[type] = []
    original = data.query

    def query(text, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(type(text))
        return original(text, *args, **kwargs)

    data.query = query  # type: ignore[method-assign]
    plain_pyshacl(data, rule, inplace=True)
    assert seen == [str, str, str]  # parsed by rdflib three times
    seen.clear()
    with parsed_once(data):
        plain_pyshacl(data, rule, inplace=True)
    assert seen and str not in seen
