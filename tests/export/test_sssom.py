"""The SSSOM export says what the alignment graph says, read back and compared as data."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from sgam_onto import __version__
from sgam_onto.errors import SgamError
from sgam_onto.export.mappings import MappingRecord, mapping_records, vocabulary_prefixes
from sgam_onto.export.sssom import (
    COLUMNS,
    MANUAL_CURATION,
    curie_map_for,
    parse_sssom,
    render_sssom,
    to_curie,
)
from sgam_onto.landscape import Landscape, load_landscape

SGAM = "https://w3id.org/sgam-onto#"
MAPPINGS_QUERY = """
PREFIX sgam: <https://w3id.org/sgam-onto#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?s ?sl ?p ?o ?ol ?j ?c WHERE {
  ?m a sgam:Mapping ;
     sgam:mappingSubject ?s ;
     sgam:mappingPredicate ?p ;
     sgam:mappingObject ?o ;
     sgam:justification ?j ;
     sgam:confidence ?c .
  ?s rdfs:label ?sl .
  ?o rdfs:label ?ol .
}
"""


@pytest.fixture(scope="module")
def aligned() -> Landscape:
    return load_landscape(with_alignments=True)


@pytest.fixture(scope="module")
def text(aligned: Landscape) -> str:
    graph = aligned.graph
    return render_sssom(mapping_records(graph), vocabulary_prefixes(graph), aligned.version)


def test_rows_are_the_mappings_of_the_graph(text: str, aligned: Landscape):
    doc = parse_sssom(text)
    exported = {
        (
            doc.expand(row["subject_id"]),
            row["subject_label"],
            doc.expand(row["predicate_id"]),
            doc.expand(row["object_id"]),
            row["object_label"],
            row["comment"],
            row["confidence"],
        )
        for row in doc.rows
    }
    in_graph = {
        tuple(term.value for term in solution)
        for solution in aligned.store.query(MAPPINGS_QUERY)
    }
    assert len(in_graph) > 40
    assert exported == in_graph
    assert len(doc.rows) == len(exported)
    assert {row["mapping_justification"] for row in doc.rows} == {MANUAL_CURATION}


def test_metadata_block(text: str):
    doc = parse_sssom(text)
    assert doc.metadata["mapping_set_id"].startswith("https://w3id.org/sgam-onto/")
    assert doc.metadata["mapping_set_version"] == __version__
    assert doc.metadata["license"] == "https://www.apache.org/licenses/LICENSE-2.0"
    assert "skos:notation" in doc.metadata["comment"]
    used = {row[col].split(":", 1)[0] for row in doc.rows
            for col in ("subject_id", "predicate_id", "object_id", "object_source",
                        "mapping_justification")}
    used.add(doc.metadata["subject_source"].split(":", 1)[0])
    assert used == set(doc.curie_map)
    assert doc.expand(doc.metadata["subject_source"]) == "https://w3id.org/sgam-onto"
    assert doc.curie_map["semapv"] == "https://w3id.org/semapv/vocab/"
    # CGMES equipment classes reach actors through the placement rules, not mappings
    assert "cim100" not in doc.curie_map
    assert doc.curie_map["cim"] == "https://cim.ucaiug.io/ns#"


def test_layout_is_deterministic_and_sorted(text: str, aligned: Landscape):
    graph = aligned.graph
    again = render_sssom(mapping_records(graph), vocabulary_prefixes(graph), aligned.version)
    assert again == text
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    assert tuple(lines[header].split("\t")) == COLUMNS
    doc = parse_sssom(text)
    keys = [(doc.expand(r["subject_id"]), doc.expand(r["predicate_id"]),
             doc.expand(r["object_id"])) for r in doc.rows]
    assert keys == sorted(keys)


def _record(**changes) -> MappingRecord:
    values = dict(
        iri="https://w3id.org/sgam-onto/id/mapping/meter--cim-meter",
        subject="https://w3id.org/sgam-onto/id/actor/meter",
        subject_label="meter",
        predicate="http://www.w3.org/2004/02/skos/core#exactMatch",
        object="https://cim.ucaiug.io/ns#Meter",
        object_label="Meter",
        notation=None,
        code_title="",
        justification="Both name the field device.",
        confidence="0.9",
        vocabulary="https://w3id.org/sgam-onto/id/vocabulary/tc57cim-1-1-0",
    )
    values.update(changes)
    return MappingRecord(**values)


def test_codes_are_left_out_and_unknown_namespaces_refused():
    prefixes = {"cim": "https://cim.ucaiug.io/ns#"}
    code = _record(object=None, object_label="", notation="A23", code_title="Meter operator")
    doc = parse_sssom(render_sssom([_record(), code], prefixes, "1.0"))
    assert [row["object_id"] for row in doc.rows] == ["cim:Meter"]
    with pytest.raises(SgamError, match="no prefix for its namespace"):
        render_sssom([_record(object="http://example.org/x#Meter")], prefixes, "1.0")
    with pytest.raises(SgamError, match="tab or line break"):
        render_sssom([_record(justification="two\nlines")], prefixes, "1.0")


def test_curies_take_the_longest_namespace():
    curie_map = curie_map_for([_record()], {"cim": "https://cim.ucaiug.io/ns#"})
    assert curie_map["actor"] == "https://w3id.org/sgam-onto/id/actor/"
    assert to_curie("https://w3id.org/sgam-onto/id/actor/meter", curie_map) == "actor:meter"


def test_incomplete_record_is_named():
    graph = Graph()
    node = URIRef("https://w3id.org/sgam-onto/id/mapping/broken")
    graph.add((node, RDF.type, URIRef(SGAM + "Mapping")))
    graph.add((node, RDFS.label, Literal("broken")))
    with pytest.raises(SgamError, match="mapping/broken has no sgam:mappingSubject"):
        mapping_records(graph)


def test_malformed_metadata_is_an_error():
    with pytest.raises(SgamError, match="line 1"):
        parse_sssom("#no colon here\n" + "\t".join(COLUMNS) + "\n")
