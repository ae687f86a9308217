"""Deterministic Turtle: exact literals, round trips, the same bytes in every process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_bytes, parse_file
from sgam_onto.rdf.turtle import serialize_turtle

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = {"ex": EX, "xsd": XSD}


def _read(text: str) -> Graph:
    return graph_from_quads(parse_bytes(text, ox.RdfFormat.TURTLE, "out.ttl").quads)


def _fixture(fixtures: Path) -> tuple[Graph, dict[str, str]]:
    parsed = parse_file(fixtures / "literals.ttl")
    return graph_from_quads(parsed.quads), parsed.prefixes


def test_exact_literal_forms_survive(fixtures: Path) -> None:
    graph, prefixes = _fixture(fixtures)
    text = serialize_turtle(graph, prefixes)
    for written in ("01 ,", "+12 ;", "-0 ,", "1.50 ;", '"5."^^xsd:decimal', "1.0E3 ,",
                    '"INF"^^xsd:double', '"1"^^xsd:boolean', '"colour"@en-GB',
                    '"color"@en-US', '"2020-05-01"^^xsd:date'):
        assert written in text, written
    again = _read(text)
    integers = {str(o) for o in again.objects(URIRef(EX + "thing"), URIRef(EX + "integer"))}
    assert integers == {"01", "+12", "-0"}


def test_round_trip_is_isomorphic_and_idempotent(fixtures: Path) -> None:
    graph, prefixes = _fixture(fixtures)
    first = serialize_turtle(graph, prefixes)
    again = _read(first)
    assert isomorphic(graph, again)
    assert serialize_turtle(again, prefixes) == first


def test_layout(fixtures: Path) -> None:
    graph, prefixes = _fixture(fixtures)
    text = serialize_turtle(graph, prefixes)
    assert text.startswith("@prefix ex: <http://example.org/> .\n@prefix xsd: <")
    assert "ex:thing\n    ex:boolean\n        \"1\"^^xsd:boolean ,\n        true ;\n" in text
    # referenced once: inline; an RDF list: a collection; shared: a label
    assert "ex:nested [\n        ex:inner [\n            ex:deepest \"yes\" ;\n" in text
    assert 'ex:list (\n        1\n        "two"\n        ex:three\n        [\n' in text
    assert "    ex:shared _:b0 ;\n" in text
    assert text.endswith('_:b0\n    ex:value "shared node" ;\n.\n')


def test_ontology_header_comes_first_and_type_is_written_a() -> None:
    text = (
        "@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix ex: <http://example.org/> .\n"
        "ex:a a owl:Class . ex:z a owl:Ontology ; ex:b ex:c ."
    )
    parsed = parse_bytes(text, ox.RdfFormat.TURTLE)
    out = serialize_turtle(graph_from_quads(parsed.quads), parsed.prefixes)
    assert out.index("ex:z\n    a owl:Ontology ;\n    ex:b ex:c ;\n.") < out.index("ex:a\n")


@pytest.mark.parametrize(
    "value",
    [
        'ends with a quote"',
        'three """ quotes',
        'quote then newline"\n',
        "back\\slash\nand newline",
        "carriage\r\nreturn",
        "control \x01 char",
        "tab\tin line",
        "\n",
        "",
        "'''single'''\n",
        "# not a comment\n# either",
    ],
)
def test_string_escaping_round_trips(value: str) -> None:
    graph = Graph()
    graph.add((URIRef(EX + "s"), URIRef(EX + "p"), Literal(value)))
    graph.add((URIRef(EX + "s"), URIRef(EX + "q"), Literal(value, lang="en")))
    text = serialize_turtle(graph, PREFIXES)
    assert isomorphic(_read(text), graph), text


@pytest.mark.parametrize(
    ("iri", "written"),
    [
        (EX + "plain", "ex:plain"),
        (EX, "ex:"),
        (EX + "6", "ex:6"),
        (EX + "a-b.c", "ex:a-b.c"),
        (EX + "a%20b", "ex:a%20b"),
        (EX + "ends.", "<http://example.org/ends.>"),
        (EX + "with/slash", "<http://example.org/with/slash>"),
        (EX + "with#hash", "<http://example.org/with#hash>"),
        (EX + "-dash", "<http://example.org/-dash>"),
        ("http://elsewhere.org/x", "<http://elsewhere.org/x>"),
    ],
)
def test_prefixed_names_only_where_safe(iri: str, written: str) -> None:
    graph = Graph()
    graph.add((URIRef(EX + "s"), URIRef(EX + "p"), URIRef(iri)))
    text = serialize_turtle(graph, PREFIXES)
    assert f"ex:p {written} ;" in text
    assert isomorphic(_read(text), graph)


def test_longest_namespace_wins() -> None:
    graph = Graph()
    graph.add((URIRef(EX + "id/body/tc57"), URIRef(EX + "p"), Literal("x")))
    text = serialize_turtle(graph, {**PREFIXES, "body": EX + "id/body/"})
    assert "\nbody:tc57\n" in text


def test_bare_numbers_only_for_valid_turtle_tokens() -> None:
    graph = Graph()
    cases = {"integer": ["007", "x1"], "decimal": [".5", "5."], "double": ["1e5", "NaN"],
             "boolean": ["false", "0"]}
    for kind, values in cases.items():
        for value in values:
            lit = Literal(value, datatype=URIRef(XSD + kind), normalize=False)
            graph.add((URIRef(EX + "s"), URIRef(EX + kind), lit))
    text = serialize_turtle(graph, PREFIXES)
    for bare in ("007", ".5", "1e5", "false"):
        assert f"\n        {bare}" in text or f" {bare} ;" in text
    for quoted in ('"x1"^^xsd:integer', '"5."^^xsd:decimal', '"NaN"^^xsd:double',
                   '"0"^^xsd:boolean'):
        assert quoted in text
    assert isomorphic(_read(text), graph)


def test_blank_node_cycles_and_unreferenced_blank_nodes() -> None:
    text = (
        "@prefix ex: <http://example.org/> .\n"
        "_:x ex:next _:y . _:y ex:next _:x . [] ex:alone 1 . [] ex:alone 2 .\n"
        "_:z ex:self _:z ."
    )
    graph = _read(text)
    out = serialize_turtle(graph, PREFIXES)
    assert "[]\n    ex:alone 1 ;\n." in out
    assert isomorphic(_read(out), graph)
    assert serialize_turtle(_read(out), PREFIXES) == out


def test_list_with_extra_triples_is_not_a_collection() -> None:
    text = (
        "@prefix ex: <http://example.org/> .\n"
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
        "ex:s ex:p _:l . _:l rdf:first 1 ; rdf:rest rdf:nil ; ex:extra 2 ."
    )
    graph = _read(text)
    out = serialize_turtle(graph, {**PREFIXES, "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#"})
    assert "(" not in out
    assert isomorphic(_read(out), graph)


def test_long_lists_one_member_per_line_and_no_recursion_limit() -> None:
    members = [URIRef(f"{EX}m{i}") for i in range(3000)]
    graph = _read(f"<{EX}s> <{EX}p> ( {' '.join(m.n3() for m in members)} ) .")
    out = serialize_turtle(graph, PREFIXES)
    assert "ex:p (\n        ex:m0\n        ex:m1\n" in out
    again = _read(out)
    head = again.value(URIRef(EX + "s"), URIRef(EX + "p"))
    assert list(Collection(again, head)) == members
    assert len(again) == len(graph)
    short = serialize_turtle(_read("<http://e/s> <http://e/p> ( 1 2 3 ) ."), {"e": "http://e/"})
    assert "e:p ( 1 2 3 ) ;" in short


def test_objects_are_ordered_independently_of_blank_node_ids() -> None:
    graph = Graph()
    for i in (3, 1, 2):
        node = BNode()
        graph.add((URIRef(EX + "s"), URIRef(EX + "p"), node))
        graph.add((node, URIRef(EX + "n"), Literal(i)))
    text = serialize_turtle(graph, PREFIXES)
    assert text.index("ex:n 1") < text.index("ex:n 2") < text.index("ex:n 3")


def test_header_and_subject_comments() -> None:
    graph = Graph()
    graph.add((URIRef(EX + "s"), URIRef(EX + "p"), Literal(1)))
    text = serialize_turtle(
        graph, PREFIXES, header="# top\n#\n# more", comments={URIRef(EX + "s"): "# about s"}
    )
    assert text.startswith("# top\n#\n# more\n\n@prefix ex:")
    assert "\n\n# about s\nex:s\n    ex:p 1 ;\n.\n" in text


def test_empty_graph_without_prefixes_is_empty_text() -> None:
    assert serialize_turtle(Graph()) == ""


_DETERMINISM_SCRIPT = """
import sys
from pathlib import Path
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_file
from sgam_onto.rdf.turtle import serialize_turtle
parsed = parse_file(Path(sys.argv[1]))
sys.stdout.buffer.write(serialize_turtle(graph_from_quads(parsed.quads), parsed.prefixes).encode())
"""


def test_same_bytes_in_every_process(fixtures: Path, tmp_path: Path) -> None:
    source = tmp_path / "many-bnodes.ttl"
    extra = "\n".join(
        f"ex:s{i % 3} ex:p [ ex:n {i % 4} ; ex:m [ ex:k {i} ] ] , ( {i} [ ex:q {i % 2} ] ) ."
        for i in range(30)
    )
    source.write_text((fixtures / "literals.ttl").read_text() + "\n" + extra + "\n")
    outputs = {
        subprocess.run(
            [sys.executable, "-c", _DETERMINISM_SCRIPT, str(source)],
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("0", "1", "42", "random")
    }
    assert len(outputs) == 1
    assert len(next(iter(outputs))) > 1000
