"""The placement rules as data: complete, sourced, in our own words, naming real CIM classes."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from sgam_onto import paths
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_file
from tests.data.alignments.pinned import SEED, VOCAB, require_shared
from tests.data.alignments.test_records import _shingles

SGAM = "https://w3id.org/sgam-onto#"
CIM100 = "http://iec.ch/TC57/CIM100#"
CIM16 = "http://iec.ch/TC57/2013/CIM-schema-cim16#"
RULES = paths.ontology_dir() / "alignments" / "cim-plane-rules.ttl"
# IEC CIM classes (IEC 61970/61968 UML) that CGMES 3.0 leaves out but distribution models
# such as CIMHub's use: feeders, transformer tanks, reclosers, sectionalisers, protection.
IEC_CIM_ONLY = {"CurrentRelay", "Feeder", "ProtectionEquipment", "Recloser", "Sectionaliser",
                "SynchrocheckRelay", "TransformerTank"}


def term(name: str) -> URIRef:
    return URIRef(SGAM + name)


@pytest.fixture(scope="module")
def graph():
    return graph_from_quads(parse_file(RULES).quads)


def rules(graph) -> list[URIRef]:
    found = sorted(graph.subjects(RDF.type, term("CimPlacementRule")))
    assert len(found) >= 10
    return found


def test_every_rule_gives_zone_domain_actor_sources_and_why(graph):
    for rule in rules(graph):
        values = {name: set(graph.objects(rule, term(name))) for name in (
            "ruleZone", "ruleDomain", "domainAtOrAboveThreshold", "domainBelowThreshold",
            "ruleActor", "actorAtOrAboveThreshold", "actorBelowThreshold", "source",
            "justification", "ruleClass")}
        assert len(values["ruleZone"]) == 1, rule
        fixed = bool(values["ruleDomain"])
        by_voltage = bool(values["domainAtOrAboveThreshold"] and values["domainBelowThreshold"])
        assert fixed != by_voltage, f"{rule}: a fixed domain or one on each side of the threshold"
        assert values["ruleActor"] or (values["actorAtOrAboveThreshold"]
                                         and values["actorBelowThreshold"]), rule
        assert all(str(s).startswith("https://w3id.org/sgam-onto/id/source/")
                   for s in values["source"]) and values["source"], rule
        (why,) = values["justification"]
        assert isinstance(why, Literal) and why.language == "en" and len(why) > 80
        assert values["ruleClass"], rule


def test_rule_classes_are_declared_by_cgmes_or_the_iec_cim(graph):
    require_shared()
    rdfs = ox.Store()
    for path in sorted((VOCAB / "cgmes-3.0").glob("*CGMES*.rdf")):
        with path.open("rb") as fh:
            rdfs.bulk_load(fh, ox.RdfFormat.RDF_XML, base_iri=CIM100)
    declared = {q.subject.value for q in rdfs.quads_for_pattern(
        None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(RDFS.Class)))}
    named = {str(c) for c in graph.objects(None, term("ruleClass"))}
    cim100 = {c[len(CIM100):] for c in named if c.startswith(CIM100)}
    cim16 = {c[len(CIM16):] for c in named if c.startswith(CIM16)}
    assert named == {CIM100 + c for c in cim100} | {CIM16 + c for c in cim16}
    assert {c for c in cim100 if CIM100 + c not in declared} == IEC_CIM_ONLY
    assert cim16 <= cim100, "a 2.4.15 class is placed like its CIM100 namesake"


def test_one_default_threshold_with_its_source(graph):
    (threshold,) = graph.subjects(RDF.type, term("VoltageThreshold"))
    assert float(graph.value(threshold, term("kilovolts"))) == 110.0
    source = graph.value(threshold, term("source"))
    assert (source, RDF.type, term("CuratedSource")) in graph
    assert "110 kV" in str(graph.value(source, URIRef("http://purl.org/dc/terms/description")))


def test_justifications_are_in_our_own_words(graph):
    require_shared()
    srd: set[tuple[str, ...]] = set()
    for path in sorted(Path(SEED).glob("*.txt")):
        srd |= _shingles(path.read_text(encoding="utf-8", errors="replace"))
    copied = {str(s): sorted(_shingles(str(o)) & srd)[:1]
              for s, o in graph.subject_objects(term("justification"))}
    assert {k: v for k, v in copied.items() if v} == {}
