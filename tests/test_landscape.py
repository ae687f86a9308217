"""Loading the landscape: one graph from every file, the version stamped, a store on demand."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF

from sgam_onto import __version__
from sgam_onto.errors import LoadError
from sgam_onto.landscape import ONTOLOGY_IRI, counts, load_landscape

BODY = "https://w3id.org/sgam-onto/id/body/"
SGAM = "https://w3id.org/sgam-onto#"


def test_loads_every_file_into_one_graph(landscape_root: Path) -> None:
    land = load_landscape()
    assert [f.name for f in land.files] == ["bodies.ttl", "status.ttl", "sgam.ttl"]
    assert (URIRef(BODY + "iec-tc57"), RDF.type, URIRef(SGAM + "Body")) in land.graph
    assert land.prefixes["body"] == BODY
    assert len(land) == len(land.graph) == 50


def test_version_is_stamped_from_the_package(landscape_root: Path) -> None:
    graph = load_landscape().graph
    assert graph.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef(
        f"https://w3id.org/sgam-onto/{__version__}"
    )
    assert graph.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal(__version__)


def test_a_version_in_the_files_is_replaced(tmp_path: Path, fixtures: Path) -> None:
    stale = tmp_path / "stale.ttl"
    stale.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        '<https://w3id.org/sgam-onto> owl:versionInfo "0.0.1" .\n'
    )
    graph = load_landscape(files=[stale], version="9.9.9").graph
    assert list(graph.objects(ONTOLOGY_IRI, OWL.versionInfo)) == [Literal("9.9.9")]


def test_literal_forms_are_kept(landscape_root: Path) -> None:
    graph = load_landscape().graph
    number = graph.value(URIRef("https://w3id.org/sgam-onto/id/standard/iec-61850"),
                         URIRef(SGAM + "number"))
    assert str(number) == "01"


def test_alignments_only_when_asked(landscape_root: Path) -> None:
    aligned = (URIRef(SGAM + "Body"), OWL.equivalentClass,
               URIRef("http://www.w3.org/ns/org#OrganizationalUnit"))
    assert aligned not in load_landscape().graph
    assert aligned in load_landscape(with_alignments=True).graph


def test_extra_files_are_added(landscape_root: Path, fixtures: Path) -> None:
    land = load_landscape([fixtures / "inconsistent.ttl"])
    assert land.files[-1] == fixtures / "inconsistent.ttl"
    assert (URIRef(BODY + "iec-tc8"), RDF.type, URIRef(SGAM + "Standard")) in land.graph


def test_explicit_file_list(fixtures: Path) -> None:
    land = load_landscape(files=[fixtures / "literals.ttl"])
    assert land.files == [fixtures / "literals.ttl"]
    assert len(land) == 32 + 2  # the two version triples


def test_syntax_error_stops_the_load(landscape_root: Path, fixtures: Path) -> None:
    with pytest.raises(LoadError) as caught:
        load_landscape([fixtures / "syntax-error.ttl"])
    assert (caught.value.line, caught.value.column) == (4, 16)


def test_missing_schema_file_is_a_load_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SGAM_ONTO_ROOT", str(tmp_path))
    with pytest.raises(LoadError, match=r"sgam\.ttl: no such file"):
        load_landscape()


def test_store_holds_the_same_triples(landscape_root: Path) -> None:
    land = load_landscape()
    assert land._store is None  # built on first use only
    store = land.store
    assert store is land.store
    # "01"^^xsd:integer is the only literal the store canonicalises here, to "1"
    assert len(store) == len(land.graph)
    rows = list(store.query(
        "SELECT ?b WHERE { ?b <https://w3id.org/sgam-onto#maintains> ?s } ORDER BY ?b"
    ))
    assert [r["b"].value for r in rows] == [BODY + "iec-tc13", BODY + "iec-tc57"]


def test_counts_by_label_of_the_declared_classes(landscape_root: Path) -> None:
    assert counts(load_landscape().graph) == {
        "body": 3,
        "disbanded body": 0,
        "maintaining body": 0,
        "standard": 1,
    }


def test_counts_fall_back_to_local_names_and_split_equal_labels(tmp_path: Path) -> None:
    data = tmp_path / "c.ttl"
    data.write_text(
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix sgam: <https://w3id.org/sgam-onto#> .\n"
        "sgam:Zeta a owl:Class . sgam:A a owl:Class ; rdfs:label \"same\"@en .\n"
        "sgam:B a owl:Class ; rdfs:label \"same\"@en . <http://other/C> a owl:Class .\n"
        "<http://x/1> a sgam:Zeta . <http://x/2> a sgam:Zeta , sgam:A .\n"
    )
    assert counts(load_landscape(files=[data]).graph) == {
        "same (A)": 1,
        "same (B)": 0,
        "Zeta": 2,
    }
