"""HermiT on the real landscape: consistent, and the defined classes get the right members."""

from __future__ import annotations

import pytest

from sgam_onto.reason import run_hermit
from tests.data.ontology import srd_tables
from tests.data.ontology.conftest import select

SGAM = "https://w3id.org/sgam-onto#"


@pytest.fixture(scope="module")
def verdict(landscape):
    return run_hermit(landscape.graph)


def members(verdict, name: str) -> set[str]:
    return {iri.rsplit("/", 1)[1] for iri in verdict.inferred[SGAM + name]}


def expected(landscape, query: str) -> set[str]:
    return {row[0].rsplit("/", 1)[1] for row in select(landscape, query)}


def test_landscape_is_consistent(verdict):
    assert verdict.consistent, verdict.explanation
    assert verdict.unsatisfiable == frozenset()


def test_high_importance_items_are_classified(landscape, verdict, srd_text):
    from_text = {str(n) for n, text in srd_tables.coordination_items(srd_text).items()
                 if text.startswith("High importance.")}
    assert members(verdict, "HighImportanceCoordinationItem") == from_text
    assert from_text == {"9", "10", "13", "17", "19", "20", "23"}


def test_ev_and_indirect_interactions_are_classified(landscape, verdict):
    assert members(verdict, "EVInteraction") == expected(
        landscape, "SELECT ?i WHERE { ?i a sgam:Interaction ; sgam:kind sgam:EVAdditional }")
    assert members(verdict, "EVInteraction") == {"5", "11", "12", "13", "14", "15"}
    assert members(verdict, "IndirectInteraction") == {"7", "8", "9", "10"}


def test_joint_bodies_are_classified_from_their_parents(landscape, verdict):
    two_parents = expected(landscape, """
        SELECT ?b WHERE { ?b sgam:parentBody ?p } GROUP BY ?b HAVING (COUNT(DISTINCT ?p) >= 2)""")
    assert members(verdict, "JointBody") == two_parents
    working_groups = expected(landscape, "SELECT ?b WHERE { ?b a sgam:WorkingGroup }")
    assert members(verdict, "JointWorkingGroup") == two_parents & working_groups
    assert "iec-tc69-tc57-jwg11" in members(verdict, "JointWorkingGroup")
    assert "iso-iec-jtc1" in members(verdict, "JointBody") - members(verdict, "JointWorkingGroup")


def test_disbanded_bodies_are_classified(verdict):
    assert members(verdict, "DisbandedBody") == {"iec-pc118"}
