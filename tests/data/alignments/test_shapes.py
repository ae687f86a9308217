"""The alignment shapes accept the packaged alignments and report each fixture error as data.

Each invalid fixture breaks known rules; the report is compared, as a set of (focus node,
path, constraint component, source shape), with what the rules say it must contain.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from sgam_onto import paths
from sgam_onto.landscape import Landscape, load_landscape

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ID = "https://w3id.org/sgam-onto/id/"
SGAM = "https://w3id.org/sgam-onto#"
SHAPES = "https://w3id.org/sgam-onto/shapes#"
NS = {
    "sgam": SGAM,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "vann": "http://purl.org/vocab/vann/",
    "dcterms": "http://purl.org/dc/terms/",
}
# helper shapes that only serve sh:xone, and node shapes that only group property shapes
NO_OWN_CONSTRAINT = {"Mapping-termTarget", "Mapping-codeTarget", "TermVariant",
                     "TargetVocabulary"}

Result = tuple[str, str | None, str, str]


def _iri(short: str | None) -> str | None:
    if short is None:
        return None
    prefix, _, local = short.partition(":")
    return NS[prefix] + local if prefix in NS and local else ID + short


def _expected(*rows: tuple[str, str | None, str, str]) -> set[Result]:
    return {
        (_iri(focus), _iri(path), str(SH) + component, SHAPES + shape)
        for focus, path, component, shape in rows
    }


def _shapes() -> Graph:
    return Graph().parse(paths.shapes_dir() / "alignment.ttl")


def _results(data: Graph, shapes: Graph | None = None) -> set[Result]:
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes or _shapes(), advanced=True)
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        found.add((
            str(report.value(result, SH.focusNode)),
            None if path is None else str(path),
            str(report.value(result, SH.sourceConstraintComponent)),
            str(report.value(result, SH.sourceShape)),
        ))
    return found


def _fixture(name: str) -> Graph:
    onto = paths.ontology_dir()
    files = [*paths.module_files(), onto / "alignments" / "mapping-vocabulary.ttl",
             FIXTURES / "common.ttl", FIXTURES / name]
    return load_landscape(files=files).graph


EXPECTED: dict[str, set[Result]] = {
    "valid.ttl": set(),
    "invalid-record.ttl": _expected(
        ("mapping/confidence-too-high", "sgam:confidence", "MaxInclusiveConstraintComponent",
         "Mapping-confidence"),
        ("mapping/no-justification", "sgam:justification", "MinCountConstraintComponent",
         "Mapping-justification"),
        ("mapping/no-vocabulary", "sgam:targetVocabulary", "MinCountConstraintComponent",
         "Mapping-targetVocabulary"),
        ("mapping/not-a-mapping-relation", "sgam:mappingPredicate", "InConstraintComponent",
         "Mapping-mappingPredicate"),
        ("mapping/not-a-mapping-relation", None, "XoneConstraintComponent", "Mapping"),
        ("mapping/short-justification", "sgam:justification", "MinLengthConstraintComponent",
         "Mapping-justification"),
        ("mapping/undeclared-subject", "sgam:mappingSubject", "OrConstraintComponent",
         "Mapping-mappingSubject"),
        ("mapping/untyped-code", "sgam:mappingNotation", "DatatypeConstraintComponent",
         "Mapping-mappingNotation"),
    ),
    "invalid-targets.ttl": _expected(
        ("mapping/individual-subclass", None, "OrConstraintComponent", "Mapping-classAxiom"),
        ("mapping/mixed-property-kinds", None, "OrConstraintComponent",
         "Mapping-propertyAxiom"),
        ("mapping/term-and-code", None, "XoneConstraintComponent", "Mapping"),
        ("mapping/unknown-namespace", "sgam:mappingObject", "PatternConstraintComponent",
         "Mapping-mappingObject"),
        ("mapping/unknown-namespace", "sgam:mappingObject", "SPARQLConstraintComponent",
         "Mapping-vocabularyNamespace"),
        ("mapping/wrong-cim-namespace", "sgam:mappingObject", "SPARQLConstraintComponent",
         "Mapping-vocabularyNamespace"),
    ),
    "invalid-relations.ttl": _expected(
        ("mapping/skos-to-class", None, "SPARQLConstraintComponent",
         "Mapping-skosBetweenIndividuals"),
        ("mapping/represented-by-individual", "sgam:mappingObject",
         "SPARQLConstraintComponent", "Mapping-classTarget"),
        ("mapping/related-class-individual", "sgam:mappingObject",
         "SPARQLConstraintComponent", "Mapping-classTarget"),
        ("mapping/class-represented-by", "sgam:mappingSubject", "SPARQLConstraintComponent",
         "Mapping-classTarget"),
    ),
    "invalid-assertions.ttl": _expected(
        ("actor/aggregator", "sgam:representedBy", "SPARQLConstraintComponent",
         "Resource-mappingRecord"),
        ("actor/aggregator", "skos:closeMatch", "SPARQLConstraintComponent",
         "Resource-mappingRecord"),
        ("actor/aggregator", "skos:notation", "SPARQLConstraintComponent",
         "Resource-mappingRecord"),
        ("mapping/meter--cim-meter", None, "SPARQLConstraintComponent", "Mapping-asserted"),
    ),
    "invalid-variants.ttl": _expected(
        ("term-variant/incomplete", "sgam:canonicalTerm", "NodeKindConstraintComponent",
         "TermVariant-canonicalTerm"),
        ("term-variant/incomplete", "sgam:canonicalTerm", "PatternConstraintComponent",
         "TermVariant-canonicalTerm"),
        ("term-variant/incomplete", "sgam:justification", "MinCountConstraintComponent",
         "TermVariant-justification"),
        ("term-variant/incomplete", "sgam:targetVocabulary", "MinCountConstraintComponent",
         "TermVariant-targetVocabulary"),
        ("term-variant/other-namespace", "sgam:variantTerm", "SPARQLConstraintComponent",
         "Mapping-vocabularyNamespace"),
        ("term-variant/same-spelling", "sgam:variantTerm", "DisjointConstraintComponent",
         "TermVariant-variantTerm"),
        ("term-variant/unattested", "sgam:attestedIn", "MinCountConstraintComponent",
         "TermVariant-attestedIn"),
    ),
    "invalid-vocabularies.ttl": _expected(
        ("vocabulary/literal-source", "dcterms:source", "NodeKindConstraintComponent",
         "TargetVocabulary-source"),
        ("vocabulary/two-releases", "owl:versionInfo", "MaxCountConstraintComponent",
         "TargetVocabulary-versionInfo"),
        ("vocabulary/unknown-namespace", "vann:preferredNamespaceUri", "InConstraintComponent",
         "TargetVocabulary-preferredNamespaceUri"),
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_report(name: str):
    assert _results(_fixture(name)) == EXPECTED[name]


def test_every_alignment_shape_has_an_invalid_case():
    shapes = _shapes()
    declared = {
        str(s)[len(SHAPES):] for kind in (SH.NodeShape, SH.PropertyShape)
        for s in shapes.subjects(RDF.type, kind) if str(s).startswith(SHAPES)
    }
    reported = {shape[len(SHAPES):] for rows in EXPECTED.values() for *_, shape in rows}
    assert declared - NO_OWN_CONSTRAINT == reported


def test_packaged_alignments_conform(aligned: Landscape):
    assert _results(aligned.graph) == set()


def test_other_shipped_shapes_object_at_most_to_the_typed_role_codes(aligned: Landscape):
    """The alignments meet every shipped shape, except the plain-string rule for notations.

    ``sgamsh:Any-notation`` (shapes/labels.ttl) wants every skos:notation to be a plain
    string, the SRD's abbreviations; the ENTSO-E role codes are typed sgam:EntsoeRoleCode on
    purpose (SKOS's way to tell notation systems apart). Until that shape accepts the
    datatype, its reports on those codes are the only ones allowed here.
    """
    shapes = Graph()
    for path in sorted(paths.shapes_dir().glob("*.ttl")):
        shapes.parse(path)
    coded = {
        str(s) for s, o in aligned.graph.subject_objects(URIRef(NS["skos"] + "notation"))
        if getattr(o, "datatype", None) == URIRef(SGAM + "EntsoeRoleCode")
    }
    allowed = {
        (actor, NS["skos"] + "notation", str(SH) + "DatatypeConstraintComponent",
         SHAPES + "Any-notation")
        for actor in coded
    }
    assert _results(aligned.graph, shapes) <= allowed
