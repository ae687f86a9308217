"""The integrity checks (queries/checks/*-violation.rq): silent on the landscape, loud on faults.

Each fault is made on a private copy of the landscape's store by adding or removing the triples
a careless edit would, and the check meant to catch it must then report exactly that.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from sgam_onto.query import run_violation_checks
from sgam_onto.query.catalogue import Catalogue
from sgam_onto.query.runner import run_stored

ID = "https://w3id.org/sgam-onto/id/"
SGAM = "https://w3id.org/sgam-onto#"
SKOS_NOTE = ox.NamedNode("http://www.w3.org/2004/02/skos/core#editorialNote")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def integer(text: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))


def iri(text: str) -> ox.NamedNode:
    return ox.NamedNode(text if text.startswith("http") else ID + text)


def sgam(local: str) -> ox.NamedNode:
    return ox.NamedNode(SGAM + local)


@pytest.fixture
def store(landscape) -> ox.Store:
    """A private copy of the landscape's triples, free to break."""
    copy = ox.Store()
    copy.extend(landscape.store)
    return copy


def add(store: ox.Store, s: str, p: str, o: ox.NamedNode | ox.Literal) -> None:
    store.add(ox.Quad(iri(s), sgam(p), o))


def remove(store: ox.Store, s: str, p: str, o: ox.NamedNode | ox.Literal | None = None) -> None:
    for quad in list(store.quads_for_pattern(iri(s), sgam(p), o)):
        store.remove(quad)


def found(store: ox.Store, check: str) -> list[tuple[str, ...]]:
    result = run_stored(store, Catalogue().load(check))
    return [tuple(t.value for t in row) for row in result.rows]


def test_the_checks_are_there_and_need_no_parameters():
    checks = Catalogue().checks()
    assert len(checks) >= 9
    for check in checks:
        assert check.header is not None
        assert not any(p.required for p in check.header.params)


def test_the_landscape_passes_every_check(landscape):
    assert run_violation_checks(landscape.store) == []


def test_a_mark_moved_to_another_row(store):
    remove(store, "involvement/iec-tc64-hb", "row")
    add(store, "involvement/iec-tc64-hb", "row", iri("table-1-row/iec-tc65"))
    assert found(store, "involvement-row-entity-violation") == [
        (ID + "involvement/iec-tc64-hb", ID + "body/iec-tc64", ID + "table-1-row/iec-tc65",
         ID + "body/iec-tc65")]


def test_a_standard_listed_next_to_a_body_that_does_not_maintain_it(store):
    add(store, "context-entry/6-2-iec-tc95", "standard", iri("standard/iec-61850"))
    assert found(store, "context-entry-maintainer-violation") == [
        (ID + "context-entry/6-2-iec-tc95", ID + "body/iec-tc95", ID + "standard/iec-61850")]


def test_a_standard_of_a_group_listed_for_a_member_passes(store):
    add(store, "context-entry/6-3-5-iec-sc8b", "standard", iri("standard/iec-60038"))
    assert found(store, "context-entry-maintainer-violation") == []


def test_an_interaction_number_missing_repeated_or_out_of_range(store):
    remove(store, "interaction/7", "number")
    add(store, "interaction/8", "number", ox.Literal("9", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")))
    add(store, "interaction/16", "number", ox.Literal("16", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer")))
    store.add(ox.Quad(iri("interaction/16"), RDF_TYPE, sgam("Interaction")))
    add(store, "interaction/16", "source", iri("source/table-7"))
    assert sorted(found(store, "interaction-numbering-violation")) == [
        ("16", "1"), ("7", "0"), ("9", "2")]


def curated_addition(store: ox.Store, slug: str, kind: str) -> None:
    """A resource of `kind` whose only source is curated: an addition, not an SRD fact."""
    store.add(ox.Quad(iri(slug), RDF_TYPE, sgam(kind)))
    store.add(ox.Quad(iri("source/curated-test-proposal"), RDF_TYPE, sgam("CuratedSource")))
    add(store, slug, "source", iri("source/curated-test-proposal"))


def test_an_addition_is_not_counted_among_the_srd_interactions(store):
    curated_addition(store, "interaction/test-fleet-to-cso", "Interaction")
    add(store, "interaction/test-fleet-to-cso", "number", integer("9"))
    assert found(store, "interaction-numbering-violation") == []


def test_an_addition_is_not_counted_among_the_srd_items(store):
    curated_addition(store, "coordination/test-meter-data", "CoordinationItem")
    assert found(store, "coordination-numbering-violation") == []
    assert found(store, "coordination-restatement-violation") == []


def test_an_srd_item_out_of_range_or_repeated(store):
    add(store, "coordination/25", "number", integer("27"))
    add(store, "coordination/24", "number", integer("3"))
    assert sorted(found(store, "coordination-numbering-violation")) == [("27", "1"), ("3", "2")]


def test_an_item_whose_only_source_becomes_curated_leaves_its_number_free(store):
    remove(store, "coordination/26", "source")
    store.add(ox.Quad(iri("source/curated-test-proposal"), RDF_TYPE, sgam("CuratedSource")))
    add(store, "coordination/26", "source", iri("source/curated-test-proposal"))
    assert found(store, "coordination-numbering-violation") == [("26", "0")]


def test_a_coordination_item_number_missing(store):
    remove(store, "coordination/26", "number")
    assert found(store, "coordination-numbering-violation") == [("26", "0")]


def test_an_item_no_context_list_restates(store):
    for quad in list(store.quads_for_pattern(None, sgam("correspondsTo"),
                                             iri("coordination/14"))):
        store.remove(quad)
    assert found(store, "coordination-restatement-violation") == [
        (ID + "coordination/14", "14")]
    store.add(ox.Quad(iri("coordination/14"), SKOS_NOTE, ox.Literal("stated only in 4.2.3")))
    assert found(store, "coordination-restatement-violation") == []


def test_a_context_entry_linked_to_the_wrong_item(store):
    remove(store, "context-coordination/c-3-5-4", "correspondsTo")
    add(store, "context-coordination/c-3-5-4", "correspondsTo", iri("coordination/15"))
    assert found(store, "context-coordination-party-violation") == [
        (ID + "context-coordination/c-3-5-4", ID + "coordination/15")]


def test_a_context_entry_naming_a_group_of_the_item_party_passes(store):
    remove(store, "context-coordination/6-2-4", "party")
    add(store, "context-coordination/6-2-4", "party", iri("group/iec-tc8-sc8a"))
    assert found(store, "context-coordination-party-violation") == []


def test_an_item_with_a_single_body(store):
    remove(store, "coordination/21", "party", iri("body/iec-tc13"))
    assert found(store, "coordination-parties-violation") == [(ID + "coordination/21", "1")]


def test_a_group_party_counts_its_members(store):
    remove(store, "coordination/2", "party", iri("body/iec-tc95"))
    assert found(store, "coordination-parties-violation") == []


def test_a_successor_for_a_body_still_active(store):
    add(store, "body/iec-tc13", "succeededBy", iri("body/iec-tc57-wg16"))
    add(store, "body/iec-pc118", "succeededBy", iri("body/iec-pc118"))
    assert sorted(found(store, "successor-violation")) == [
        (ID + "body/iec-pc118", ID + "body/iec-pc118"),
        (ID + "body/iec-tc13", ID + "body/iec-tc57-wg16")]


def test_a_cycle_of_parent_bodies(store):
    add(store, "body/iec-tc57", "parentBody", iri("body/iec-tc57-wg17"))
    assert sorted(found(store, "parent-cycle-violation")) == [
        (ID + "body/iec-tc57",), (ID + "body/iec-tc57-wg17",)]
