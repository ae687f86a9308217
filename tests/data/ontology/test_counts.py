"""Counts and content per kind, with the numbers the SRD gives."""

from __future__ import annotations

from tests.data.ontology.conftest import select


def count(landscape, cls: str) -> int:
    query = f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a sgam:{cls} }}"
    return int(select(landscape, query)[0][0])


def test_counts_per_kind(landscape):
    assert count(landscape, "Interaction") == 15
    assert count(landscape, "InteractionStatement") == 37
    assert count(landscape, "CoordinationItem") == 26
    assert count(landscape, "ContextCoordinationEntry") == 43
    assert count(landscape, "SummaryTableRow") == 20
    assert count(landscape, "Involvement") == 47
    assert count(landscape, "UseCase") == 78
    assert count(landscape, "InterfaceContext") == 9
    assert count(landscape, "InteroperabilityLayer") == 5
    assert count(landscape, "Domain") == 5
    assert count(landscape, "Zone") == 6
    assert count(landscape, "Subdomain") == 3
    assert count(landscape, "Discrepancy") >= 20


def test_interaction_numbers_and_kinds(landscape):
    rows = select(landscape, """
        SELECT ?n ?kind WHERE { ?i a sgam:Interaction ; sgam:number ?n ; sgam:kind ?kind }""")
    kinds: dict[int, set[str]] = {}
    for n, kind in rows:
        kinds.setdefault(int(n), set()).add(kind.rsplit("#", 1)[1])
    assert sorted(kinds) == list(range(1, 16))
    assert {n for n, k in kinds.items() if "Direct" in k} == {1, 2, 3, 4, 5, 6, 10}
    assert {n for n, k in kinds.items() if "Indirect" in k} == {7, 8, 9, 10}
    assert {n for n, k in kinds.items() if "EVAdditional" in k} == {5, 11, 12, 13, 14, 15}


def test_interaction_10_keeps_both_directions(landscape):
    rows = select(landscape, """
        SELECT ?table ?from ?to WHERE {
          ?s sgam:statementOf id:interaction\\/10 ;
             sgam:fromAsWritten ?from ; sgam:toAsWritten ?to ; sgam:source/rdfs:label ?table }""")
    by_table = {t: (f, to) for t, f, to in rows}
    assert by_table["Table 5"] == ("Market places", "Grid user")
    assert by_table["Table 11"] == ("Grid user, grid operator, Service provider", "Market places")


def test_group_rows_have_their_members(landscape):
    rows = select(landscape, """
        SELECT ?group ?member WHERE { ?g a sgam:BodyGroup ; sgam:designation ?group ;
                                         sgam:member/sgam:designation ?member }""")
    members: dict[str, set[str]] = {}
    for group, member in rows:
        members.setdefault(group, set()).add(member)
    assert members["IEC TC 57 WG 13/WG 14"] == {"IEC TC 57 WG 13", "IEC TC 57 WG 14"}
    assert members["IEC TC 8/SC 8A/SC 8B"] == {"IEC TC 8", "IEC SC 8A", "IEC SC 8B"}


def test_joint_groups_name_all_parents_and_pc_118_is_disbanded(landscape):
    parents = select(landscape, """
        SELECT ?p WHERE { id:body\\/iec-tc8-tc85-jwg12 sgam:parentBody/sgam:designation ?p }""")
    assert {p for (p,) in parents} == {"IEC TC 8", "IEC TC 85", "IEC SC 77A"}
    rows = select(landscape, """
        SELECT ?end ?successor WHERE { id:body\\/iec-pc118 sgam:endYear ?end ;
                                          sgam:succeededBy/sgam:designation ?successor }""")
    assert rows == [("2018", "IEC TC 57 WG 21")]


def test_standards_with_bibliography_numbers_and_status(landscape):
    rows = dict(select(landscape, """
        SELECT ?d ?b WHERE { ?s a/rdfs:subClassOf* sgam:Standard ; sgam:designation ?d ;
                                sgam:bibliographyNumber ?b }"""))
    assert rows["IEC 61850"] == "22"
    assert rows["ISO 15118"] == "14"
    assert rows["IEC 62746"] == "30"
    status = dict(select(landscape, """
        SELECT ?d ?st WHERE { ?s sgam:designation ?d ; sgam:standardStatus/skos:prefLabel ?st }"""))
    assert status == {"IEC 63110": "coming", "IEC 62991": "CD stage",
                      "IEC SRD 63200": "under development", "IEC 62361-102": "planned"}
