"""The domain ontology and the SRD document layer are separate modules.

Expectations come from the files themselves, read by Oxigraph: which terms each module declares,
and what the domain file mentions. A second document layer must be able to sit beside srd.ttl
without the domain changing, so the domain may not name any term of a document layer.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from sgam_onto import paths

ONTOLOGY = Path(__file__).resolve().parents[3] / "ontology"
SGAM = "https://w3id.org/sgam-onto#"
DOMAIN = "https://w3id.org/sgam-onto"
SRD = "https://w3id.org/sgam-onto/srd"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DEFINED_BY = "http://www.w3.org/2000/01/rdf-schema#isDefinedBy"
IMPORTS = "http://www.w3.org/2002/07/owl#imports"


def triples(name: str) -> list[ox.Triple]:
    with (ONTOLOGY / name).open("rb") as f:
        return list(ox.parse(f, format=ox.RdfFormat.TURTLE))


def declared(name: str) -> set[str]:
    return {
        t.subject.value
        for t in triples(name)
        if t.predicate.value == RDF_TYPE and t.subject.value.startswith(SGAM)
    }


def test_the_document_layer_holds_the_srd_layout_terms() -> None:
    layer = declared("srd.ttl")
    for term in ("SummaryTableRow", "Involvement", "InteractionStatement", "SourceLocation",
                 "Footnote", "table1Column", "table1Header", "columnKey", "rowLabel",
                 "fromAsWritten", "toAsWritten", "bidirectionalAsWritten", "entityAsWritten"):
        assert SGAM + term in layer
    assert not layer & declared("sgam.ttl")


def test_the_domain_never_mentions_a_document_layer_term() -> None:
    layer = declared("srd.ttl")
    mentioned = {
        term.value
        for t in triples("sgam.ttl")
        for term in (t.subject, t.predicate, t.object)
        if isinstance(term, ox.NamedNode)
    }
    assert mentioned & layer == set()
    assert SRD not in mentioned


def test_every_term_names_the_module_that_defines_it() -> None:
    for name, module in (("sgam.ttl", DOMAIN), ("srd.ttl", SRD)):
        defined_by = {
            t.subject.value: t.object.value
            for t in triples(name)
            if t.predicate.value == DEFINED_BY
        }
        assert {term: defined_by.get(term) for term in declared(name)} == {
            term: module for term in declared(name)
        }


def test_the_document_layer_imports_the_domain_and_nothing_else() -> None:
    imports = [(t.subject.value, t.object.value) for t in triples("srd.ttl")
               if t.predicate.value == IMPORTS]
    assert imports == [(SRD, DOMAIN)]
    assert not [t for t in triples("sgam.ttl") if t.predicate.value == IMPORTS]


def test_the_landscape_loads_every_module(monkeypatch) -> None:
    monkeypatch.delenv(paths.ROOT_ENV, raising=False)
    files = paths.landscape_files()
    assert ONTOLOGY / "sgam.ttl" in files and ONTOLOGY / "srd.ttl" in files
    assert paths.module_files() == [ONTOLOGY / "sgam.ttl", ONTOLOGY / "srd.ttl"]


def test_a_further_document_layer_is_picked_up_beside_the_others(tmp_path, monkeypatch) -> None:
    onto = tmp_path / "ontology"
    onto.mkdir()
    for name in ("sgam.ttl", "srd.ttl", "national-annex.ttl"):
        (onto / name).write_text("")
    monkeypatch.setenv(paths.ROOT_ENV, str(tmp_path))
    assert paths.module_files() == [onto / "sgam.ttl", onto / "national-annex.ttl",
                                    onto / "srd.ttl"]


def test_the_loaded_landscape_is_one_ontology_holding_the_imported_module(tmp_path) -> None:
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF, RDFS

    from sgam_onto.landscape import load_landscape

    graph = load_landscape(files=paths.module_files()).graph
    assert list(graph.subjects(RDF.type, OWL.Ontology)) == [URIRef(DOMAIN)]
    assert list(graph.objects(URIRef(SRD), OWL.imports)) == []
    assert graph.value(URIRef(SRD), RDFS.label) is not None  # its annotations are kept
    # an import of something not loaded is left as it is (and never followed)
    other = tmp_path / "extension.ttl"
    other.write_text("<https://example.org/ext> <http://www.w3.org/2002/07/owl#imports> "
                     "<https://example.org/elsewhere> .\n")
    graph = load_landscape(files=[*paths.module_files(), other]).graph
    assert list(graph.objects(None, OWL.imports)) == [URIRef("https://example.org/elsewhere")]
