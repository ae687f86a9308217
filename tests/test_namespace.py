"""The generated ``sgam:`` namespace against the ontology, read independently with rdflib.

The generator reads the files with Oxigraph; here rdflib parses the same files and works out
from the triples alone which terms the ontology declares, so a term added to the ontology
without regenerating (or removed from it, or a hand edit of the module) fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, VANN

from sgam_onto import namespace, namespace_gen
from sgam_onto.namespace import SGAM

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_FILES = sorted((ROOT / "ontology").rglob("*.ttl"))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    for path in ONTOLOGY_FILES:
        graph.parse(path, format="turtle")
    return graph


def _namespace_of(graph: Graph) -> tuple[URIRef, str]:
    (ontology, ns), = ((s, str(o)) for s, o in graph.subject_objects(VANN.preferredNamespaceUri)
                       if (s, RDF.type, OWL.Ontology) in graph)
    return ontology, ns


def test_the_ontology_header_gives_the_namespace_and_ontology_iri(ontology: Graph) -> None:
    iri, ns = _namespace_of(ontology)
    assert (str(iri), ns) == (namespace.ONTOLOGY_IRI, namespace.NS)
    assert str(SGAM) == ns


def test_the_class_holds_exactly_the_declared_terms(ontology: Graph) -> None:
    ns = _namespace_of(ontology)[1]
    declared = {str(s)[len(ns):] for s in ontology.subjects(RDF.type)
                if isinstance(s, URIRef) and str(s).startswith(ns)}
    generated = set(SGAM.__annotations__) | set(SGAM._extras)
    assert declared, "no sgam: term found: the ontology was not read"
    assert sorted(generated - declared) == [], "in namespace.py but not declared"
    assert sorted(declared - generated) == [], "declared but missing: run namespace_gen"


def test_a_term_the_ontology_does_not_declare_is_refused() -> None:
    with pytest.raises(AttributeError):
        SGAM.NoSuchTerm  # noqa: B018
    assert SGAM["from"] == URIRef(namespace.NS + "from")  # a keyword, reachable by name


def test_the_shapes_namespace_is_the_one_the_shapes_declare() -> None:
    declared = set()
    for path in sorted((ROOT / "shapes").rglob("*.ttl")):
        graph = Graph().parse(path, format="turtle")
        declared |= {str(ns) for prefix, ns in graph.namespaces() if prefix == "sgamsh"}
    assert declared == {namespace.SHAPES_NS}


def test_every_instance_of_the_landscape_lives_under_the_id_base(ontology: Graph) -> None:
    """Apart from the terms and the ontology modules' own IRIs (sgam-onto, sgam-onto/srd)."""
    own = Namespace(namespace.BASE)
    modules = set(ontology.subjects(RDF.type, OWL.Ontology))
    instances = {s for s in ontology.subjects(RDF.type)
                 if isinstance(s, URIRef) and str(s).startswith(own)
                 and not str(s).startswith(namespace.NS) and s not in modules}
    assert instances
    assert sorted(str(s) for s in instances if not str(s).startswith(namespace.ID_BASE)) == []


def test_the_module_is_what_the_generator_writes_today() -> None:
    """No hand edit: the committed text is the generator's output for today's ontology."""
    assert namespace_gen.main(["--check"]) == 0
