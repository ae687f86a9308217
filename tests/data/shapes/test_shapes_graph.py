"""The shapes themselves: valid SHACL, one fixture pair per shape, every class covered."""

from __future__ import annotations

from pathlib import Path

import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from sgam_onto.landscape import load_landscape
from sgam_onto.validate.api import validate_graph
from sgam_onto.validate.shapes import load_shapes, shapes_files
from tests.data.shapes.conftest import QA_FIXTURES, ROOT, SHAPE_FIXTURES

SGAM = "https://w3id.org/sgam-onto#"
SGAMSH = "https://w3id.org/sgam-onto/shapes#"
SHACL_SHACL = Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl"
# Constraint parameters: a shape with one of these reports results of its own.
CONSTRAINTS = {
    SH[name]
    for name in [
        "class", "datatype", "nodeKind", "minCount", "maxCount", "minInclusive", "maxInclusive",
        "minExclusive", "maxExclusive", "minLength", "maxLength", "pattern", "languageIn",
        "uniqueLang", "equals", "disjoint", "lessThan", "lessThanOrEquals", "not", "and", "or",
        "xone", "node", "qualifiedValueShape", "closed", "hasValue", "in", "sparql",
    ]
}
# shapes/alignment.ttl comes with the alignments and its own tests
NOT_HERE = {"alignment.ttl"}


def _user_files() -> list[Path]:
    return [p for p in shapes_files() if p.name not in NOT_HERE]


def _qa() -> Graph:
    return load_shapes(shapes_files([ROOT / "shapes" / "qa"]))


def _constraining(shapes: Graph) -> set[str]:
    return {
        str(s)[len(SGAMSH):]
        for s, p, _ in shapes
        if p in CONSTRAINTS and isinstance(s, URIRef) and str(s).startswith(SGAMSH)
    }


def test_shapes_conform_to_shacl_for_shacl() -> None:
    everything = Graph()
    everything += load_shapes()
    everything += _qa()
    shacl_shacl = load_shapes([SHACL_SHACL])  # the W3C shapes for shapes, shipped by pyshacl
    conforms, _, text = pyshacl.validate(
        everything, shacl_graph=shacl_shacl, inference="none", advanced=True
    )
    assert conforms, text


def test_every_shape_has_a_message_and_a_fix_hint() -> None:
    data = Graph()
    data += load_shapes()
    data += _qa()
    assert validate_graph(data, shapes=_qa()) == []


def test_every_shape_has_valid_and_invalid_fixtures_and_no_fixture_is_stale() -> None:
    user = _constraining(load_shapes(_user_files()))
    everything = _constraining(load_shapes())  # fixtures of NOT_HERE shapes may be added
    qa = _constraining(_qa())
    assert len(user) > 150
    for names, known, folder in ((user, everything, SHAPE_FIXTURES), (qa, qa, QA_FIXTURES)):
        present = {p.name for p in folder.iterdir() if p.is_dir() and p.name != "qa"}
        assert names <= present, sorted(names - present)
        assert present <= known, sorted(present - known)
        for name in present:
            files = {p.name for p in (folder / name).iterdir()}
            assert files == {"valid.ttl", "invalid.ttl", "expected.ttl"}, name


def test_every_class_of_the_ontology_is_the_target_of_a_shape() -> None:
    """Directly or through a superclass, by a shape other than the label and source shapes."""
    graph = load_landscape().graph
    shapes = load_shapes(_user_files())
    generic = {URIRef(SGAMSH + "Resource-label"), URIRef(SGAMSH + "Resource-source")}
    targeted = {o for s, o in shapes.subject_objects(SH.targetClass) if s not in generic}
    classes = {c for c in graph.subjects(RDF.type, OWL.Class) if str(c).startswith(SGAM)}
    uncovered = {
        c for c in classes if not set(graph.transitive_objects(c, RDFS.subClassOf)) & targeted
    }
    assert uncovered == set()
    assert len(classes) > 50


def test_the_qa_shapes_are_not_among_the_user_shapes() -> None:
    user = {p.resolve() for p in shapes_files()}
    assert not any("qa" in p.parts[-2:-1] for p in user)
    assert not _constraining(_qa()) & _constraining(load_shapes())
