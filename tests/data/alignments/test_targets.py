"""Every target of the alignments exists, offline, in the pinned release of its vocabulary.

The common failure in the field is a mapping to an IRI that the target never declared (such
as a CGMES-namespace Meter) or a CIM class spelt in the wrong CIM namespace; these tests read
each pinned copy and fail on any such target, on declarations that disagree with the copy,
and on spelling variants that are not what they claim to be.
"""

from __future__ import annotations

import re

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from sgam_onto.export.mappings import MappingRecord
from sgam_onto.landscape import Landscape
from sgam_onto.rdf.parse import parse_file
from tests.data.alignments.pinned import (
    ID,
    IEEE13,
    PINNED_FILES,
    RDF_TYPE,
    UNPINNED,
    pinned,
    require_shared,
    slug_of,
)

SGAM = "https://w3id.org/sgam-onto#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
CIM100 = "http://iec.ch/TC57/CIM100#"
CIM = "https://cim.ucaiug.io/ns#"
NC_SLUG = "entsoe-nc-2-3"
CLASS_LINKS = {SGAM + "representedBy", SGAM + "relatedClass"}
DECLARATIONS = "target-declarations.ttl"

# The codes and titles of the ENTSO-E code list StandardRoleTypeList (ET0005), version 91 of
# 2023-12-14, that the alignments use; checked by hand against that list (no IRIs exist).
ROLE_CODES = {
    "A08": "Balance responsible party",
    "A12": "Energy supplier",
    "A18": "Grid operator",
    "A20": "Party connected to grid",
    "A52": "Resource aggregator",
}


def _term_records(records: list[MappingRecord]) -> list[MappingRecord]:
    return [r for r in records if r.is_term_mapping]


def test_every_target_is_declared_by_its_pinned_vocabulary(records, aligned: Landscape):
    require_shared()
    problems = []
    for record in _term_records(records):
        slug = slug_of(record.vocabulary)
        if slug in UNPINNED:
            continue
        kinds = pinned(slug).kind(record.object)
        if not kinds:
            problems.append(f"{record.object} is not declared by {slug}")
            continue
        wanted = {_expected_kind(record, aligned)}
        if not kinds & wanted:
            problems.append(f"{record.object} is a {kinds} in {slug}, expected {wanted}: "
                            f"{record.predicate} does not fit {record.iri}")
    assert problems == []


def _subject_kind(record: MappingRecord, aligned: Landscape) -> str:
    """What our side of a mapping is: a class, a property or an individual (an actor)."""
    types = set(aligned.graph.objects(URIRef(record.subject), RDF.type))
    if OWL.Class in types:
        return "class"
    if types & {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}:
        return "property"
    return "individual"


def _expected_kind(record: MappingRecord, aligned: Landscape) -> str:
    """The kind the target must have for the record's relation to be well-formed.

    rdfs:subClassOf and rdfs:subPropertyOf join terms of one kind; a SKOS match says two
    terms are interchangeable, so it joins terms of one kind too (an actor and an enumeration
    literal); sgam:representedBy and sgam:relatedClass point from an individual to a class.
    """
    if record.predicate == str(RDFS.subClassOf) or record.predicate in CLASS_LINKS:
        return "class"
    if record.predicate == str(RDFS.subPropertyOf):
        return "property"
    assert record.predicate.startswith(SKOS), record.predicate
    return _subject_kind(record, aligned)


def test_individuals_point_to_classes_only_with_their_own_relation(records, aligned: Landscape):
    """Every actor-to-class link is sgam:representedBy or sgam:relatedClass, never SKOS."""
    require_shared()
    seen: dict[tuple[str, str], int] = {}
    for record in _term_records(records):
        slug = slug_of(record.vocabulary)
        if slug in UNPINNED:
            continue
        (kind,) = pinned(slug).kind(record.object)
        key = (_subject_kind(record, aligned), kind)
        seen[key] = seen.get(key, 0) + 1
        if key == ("individual", "class"):
            assert record.predicate in CLASS_LINKS, record.iri
        if record.predicate in CLASS_LINKS:
            assert key == ("individual", "class"), record.iri
    # the alignments do link actors both to enumeration literals and to classes
    assert seen.get(("individual", "class"), 0) > 0
    assert seen.get(("individual", "individual"), 0) > 0


def test_an_exact_match_names_no_difference(records):
    """An exactMatch whose justification says where the terms differ is not exact."""
    differences = re.compile(r"\b(but|adds?|differ\w*|only|narrower|broader|whereas|unlike|"
                             r"not|also|without)\b", re.IGNORECASE)
    exact = [r for r in records if r.predicate == SKOS + "exactMatch"]
    assert exact, "expected exact matches"
    for record in exact:
        assert not differences.search(record.justification), record.iri


def test_dcterms_targets_are_terms_of_the_closed_namespace(records):
    targets = [r.object for r in _term_records(records) if slug_of(r.vocabulary) == "dcmi-terms"]
    assert targets, "expected DCTERMS mappings"
    for iri in targets:
        assert iri.startswith(str(DCTERMS))
        getattr(DCTERMS, iri[len(str(DCTERMS)):])  # rdflib's DCTERMS raises on unknown terms


def test_every_record_names_a_known_vocabulary(records):
    known = {*UNPINNED, *PINNED_FILES}
    assert {slug_of(r.vocabulary) for r in records} <= known


def test_declarations_cover_exactly_the_mapped_targets(records, aligned: Landscape):
    from sgam_onto import paths

    declared_file = paths.ontology_dir() / "alignments" / DECLARATIONS
    subjects = {q.subject.value for q in parse_file(declared_file).quads}
    mapped = {r.object for r in _term_records(records)}
    assert subjects == mapped


def test_declarations_agree_with_the_pinned_releases(records, aligned: Landscape):
    require_shared()
    graph = aligned.graph
    expected_kind = {
        "class": OWL.Class,
        "individual": OWL.NamedIndividual,
    }
    problems = []
    for record in _term_records(records):
        target = URIRef(record.object)
        declared = set(graph.objects(target, RDF.type))
        labels = [lab for lab in graph.objects(target, RDFS.label) if isinstance(lab, Literal)]
        if len(labels) != 1 or labels[0].language != "en":
            problems.append(f"{target}: one @en label expected, found {labels}")
        slug = slug_of(record.vocabulary)
        if slug == "dcmi-terms":
            if not declared & {OWL.ObjectProperty, OWL.DatatypeProperty}:
                problems.append(f"{target}: a DCTERMS property must be declared as one")
            continue
        vocab = pinned(slug)
        (kind,) = vocab.kind(record.object)
        if declared != {expected_kind[kind]}:
            problems.append(f"{target}: declared {declared}, the release has a {kind}")
        if labels and str(labels[0]) != vocab.english_label(record.object):
            problems.append(f"{target}: label {labels[0]!r} is not the release's")
    assert problems == []


def test_cim_terms_name_the_standard_whose_package_declares_them(records, aligned: Landscape):
    require_shared()
    problems = []
    for record in _term_records(records):
        if not record.object.startswith((CIM100, CIM)):
            continue
        defined = set(aligned.graph.objects(URIRef(record.object), RDFS.isDefinedBy))
        if record.object.startswith(CIM100):
            expected = "iec-61970"  # CGMES profiles the IEC 61970 CIM
        else:
            vocab = pinned(slug_of(record.vocabulary))
            (kind,) = vocab.kind(record.object)
            owner = record.object if kind == "class" else next(iter(vocab.types[record.object]))
            (package,) = vocab.defined_by[owner]
            expected = "iec-" + package.split("TC57CIM.IEC", 1)[1][:5]
        if defined != {URIRef(f"{ID}standard/{expected}")}:
            problems.append(f"{record.object}: rdfs:isDefinedBy {defined}, expected {expected}")
    assert problems == []


def test_no_cim_class_is_referred_to_in_both_cim_namespaces(records, aligned: Landscape):
    def local_names(namespace: str) -> set[str]:
        found = {r.object[len(namespace):] for r in _term_records(records)
                 if r.object.startswith(namespace)}
        for node in aligned.graph.objects(None, URIRef(SGAM + "canonicalTerm")):
            if str(node).startswith(namespace):
                found.add(str(node)[len(namespace):])
        return found

    cgmes, full = local_names(CIM100), local_names(CIM)
    assert cgmes and full
    assert {n.casefold() for n in cgmes} & {n.casefold() for n in full} == set()


def test_full_cim_targets_belong_to_metering_customer_or_market_packages(records):
    """CGMES classes are mapped in CIM100; only IEC 61968/62325 terms go to cim.ucaiug.io."""
    require_shared()
    vocab = pinned("tc57cim-1-1-0")
    for record in _term_records(records):
        if record.object.startswith(CIM):
            (kind,) = vocab.kind(record.object)
            owner = record.object if kind == "class" else next(iter(vocab.types[record.object]))
            (package,) = vocab.defined_by[owner]
            assert package.startswith((CIM + "TC57CIM.IEC61968", CIM + "TC57CIM.IEC62325")), (
                record.object,
                package,
            )


def test_term_variants_are_real_undeclared_spellings_of_declared_terms(aligned: Landscape):
    require_shared()
    graph = aligned.graph
    variants = list(graph.subjects(RDF.type, URIRef(SGAM + "TermVariant")))
    assert variants, "expected the CIMHub PhotovoltaicUnit variant"
    types_in_ieee13 = {
        q.object.value for q in parse_file(IEEE13).quads if q.predicate.value == RDF_TYPE
    }
    for record in variants:
        variant = str(graph.value(record, URIRef(SGAM + "variantTerm")))
        canonical = str(graph.value(record, URIRef(SGAM + "canonicalTerm")))
        vocab = pinned(slug_of(str(graph.value(record, URIRef(SGAM + "targetVocabulary")))))
        assert vocab.kind(canonical), f"{canonical} must be declared"
        assert not vocab.kind(variant), f"{variant} is declared, so it is no variant"
        assert variant.casefold() == canonical.casefold(), "a variant differs in spelling only"
        assert variant in types_in_ieee13, "the variant is attested in the real data"
        assert canonical not in types_in_ieee13


def test_role_codes_are_those_of_the_code_list_and_only_where_no_iri_exists(records):
    codes = [r for r in records if not r.is_term_mapping]
    assert {(r.notation, r.code_title) for r in codes} == set(ROLE_CODES.items())
    assert all(r.predicate == SKOS + "notation" for r in codes)
    exact_nc = {
        r.subject for r in _term_records(records)
        if slug_of(r.vocabulary) == NC_SLUG and r.predicate == SKOS + "exactMatch"
    }
    assert {r.subject for r in codes} & exact_nc == set()
    assert all(r.subject.startswith(ID + "actor/") for r in codes)
