"""The mapping records and the plain triples agree, follow the naming rule and load on request.

A mapping is written twice, as a sgam:Mapping record (for its justification and export) and
as the plain triple (SKOS, RDFS, sgam:representedBy or sgam:relatedClass, for SPARQL and
reasoners); these tests hold the two together as data, independently of the SHACL shapes.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from sgam_onto import paths
from sgam_onto.export.mappings import MappingRecord
from sgam_onto.landscape import Landscape, load_landscape
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_file
from tests.data.alignments.pinned import ID, PINNED_FILES, SEED, pinned, require_shared

SGAM = "https://w3id.org/sgam-onto#"
ENTSOE_ROLE_CODE = URIRef(SGAM + "EntsoeRoleCode")
SKOS_MAPPINGS = {SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch,
                 SKOS.relatedMatch}
# an individual of the landscape to a class of another vocabulary
CLASS_LINKS = {URIRef(SGAM + "representedBy"), URIRef(SGAM + "relatedClass")}
VOCABULARY_KEYS = {
    "cgmes-3-0": "cgmes",
    "tc57cim-1-1-0": "cim",
    "entsoe-nc-2-3": "nc",
    "entsoe-role-type-list-91": "entsoe",
    "saref-core-3-1-1": "saref",
    "saref4ener-1-1-2": "s4ener",
    "saref4grid-1-0-0": "s4grid",
    "oeo-2-12-0": "oeo",
    "w3c-org-0-8": "org",
    "w3c-prov-o-2013": "prov",
    "dcmi-terms": "dcterms",
}


def _file_graph(path):
    return graph_from_quads(parse_file(path).quads)


def _triple(record: MappingRecord) -> tuple:
    obj = URIRef(record.object) if record.object else Literal(record.notation,
                                                             datatype=ENTSOE_ROLE_CODE)
    return URIRef(record.subject), URIRef(record.predicate), obj


def test_records_and_plain_triples_are_the_same_set(records, aligned: Landscape):
    graph = aligned.graph
    from_records = {_triple(r) for r in records}
    asserted = {
        (s, p, o) for p in SKOS_MAPPINGS | CLASS_LINKS for s, o in graph.subject_objects(p)
    }
    asserted |= {
        (s, SKOS.notation, o) for s, o in graph.subject_objects(SKOS.notation)
        if isinstance(o, Literal) and o.datatype == ENTSOE_ROLE_CODE
    }
    axioms = {t for t in from_records if t[1] in (RDFS.subClassOf, RDFS.subPropertyOf)}
    assert all(t in graph for t in axioms)
    assert from_records - axioms == asserted
    assert len(records) == len(from_records), "one record per mapping"


def test_mapping_iris_follow_the_naming_rule(records):
    """mapping/<subject>--<vocabulary key>-<target>, so the IRI survives a change of relation."""
    for record in records:
        if record.subject.startswith(ID + "actor/"):
            subject = record.subject[len(ID + "actor/"):]
        else:
            local = record.subject[len(SGAM):]
            subject = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", local).lower()
        target = record.notation or re.split(r"[#/]", record.object or "")[-1]
        key = VOCABULARY_KEYS[record.vocabulary.rsplit("/", 1)[1]]
        slug = re.sub(r"[^a-z0-9]+", "-", target.lower()).strip("-")
        assert record.iri == f"{ID}mapping/{subject}--{key}-{slug}"


def test_each_alignment_file_keeps_to_its_own_vocabularies():
    """A module holds the records of the vocabularies it describes, and nothing else."""
    vocab_type = URIRef(SGAM + "TargetVocabulary")
    for path in paths.alignment_files():
        graph = _file_graph(path)
        own = set(graph.subjects(RDF.type, vocab_type))
        used = set(graph.objects(None, URIRef(SGAM + "targetVocabulary")))
        assert used <= own, path.name


def test_alignments_load_only_when_asked_and_import_nothing(aligned: Landscape):
    core = load_landscape()
    mapping = URIRef(SGAM + "Mapping")
    assert not any(core.graph.subjects(RDF.type, mapping))
    assert any(aligned.graph.subjects(RDF.type, mapping))
    assert set(core.files) < set(aligned.files)
    for path in paths.alignment_files():
        assert not any(q.predicate.value == str(OWL.imports) for q in parse_file(path).quads)


def test_external_terms_appear_only_as_declared_targets(records, aligned: Landscape):
    """Nothing of the IEC CIM or other targets is copied in beyond the mapped terms."""
    ours = ("https://w3id.org/sgam-onto", "http://www.w3.org/2004/02/skos/core#",
            "http://purl.org/dc/terms/", "http://purl.org/vocab/vann/",
            "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#")
    external_subjects = {
        str(s) for path in paths.alignment_files()
        for s in _file_graph(path).subjects()
        if isinstance(s, URIRef) and not str(s).startswith(ours)
    }
    mapped = {r.object for r in records if r.object}
    assert external_subjects <= mapped
    declared = _file_graph(paths.ontology_dir() / "alignments" / "target-declarations.ttl")
    assert {p for p in declared.predicates()} == {RDF.type, RDFS.label, RDFS.isDefinedBy}


def _shingles(text: str, size: int = 12) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def test_justifications_are_in_our_own_words(records, aligned: Landscape):
    """No run of 12 words is copied from the SRD or from the targets' own definitions."""
    require_shared()
    ours = {r.iri: r.justification for r in records}
    for node in aligned.graph.subjects(RDF.type, URIRef(SGAM + "TermVariant")):
        ours[str(node)] = str(aligned.graph.value(node, URIRef(SGAM + "justification")))
    sources: set[tuple[str, ...]] = set()
    for path in sorted(SEED.glob("*.txt")):
        sources |= _shingles(path.read_text(encoding="utf-8", errors="replace"))
    for slug in PINNED_FILES:
        vocab = pinned(slug)
        for record in records:
            for text in vocab.texts.get(record.object or "", []):
                sources |= _shingles(text)
    copied = {iri: sorted(_shingles(text) & sources)[:1] for iri, text in ours.items()}
    assert {iri: runs for iri, runs in copied.items() if runs} == {}
