"""The recorded discrepancies against the SRD's text and against the rest of the landscape.

Every reading's words must be found in the text, in one of the places the reading cites; the
contradictions named when the records were asked for must be there with the right kind; and
where the landscape follows one reading, the domain layer must agree with it.
"""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import RDF, RDFS, SKOS, Namespace, URIRef

from tests.data.ontology import srd_places, srd_tables

SGAM = Namespace("https://w3id.org/sgam-onto#")
ID = "https://w3id.org/sgam-onto/id/"
DISCREPANCY = ID + "discrepancy/"


def flat(text: str) -> str:
    return " ".join(text.split())


def readings(graph) -> list[URIRef]:
    return sorted(graph.subjects(RDF.type, SGAM.Reading))


def places(graph, reading) -> list[str]:
    return sorted(str(label) for source in graph.objects(reading, SGAM.source)
                  for label in graph.objects(source, RDFS.label))


def discrepancy(graph, slug: str) -> URIRef:
    node = URIRef(DISCREPANCY + slug)
    assert (node, RDF.type, SGAM.Discrepancy) in graph, slug
    return node


def readings_of(graph, node) -> list[URIRef]:
    return sorted(graph.objects(node, SGAM.reading),
                  key=lambda r: graph.value(r, SGAM.readingNumber).toPython())


def test_every_reading_with_words_was_read_in_the_srd(landscape, srd_text):
    """The words occur in the text and in one of the places the reading cites."""
    graph = landscape.graph
    whole = flat(srd_text)
    checked, misplaced = 0, []
    for reading in readings(graph):
        written = graph.value(reading, SGAM.asWritten)
        if written is None:
            continue
        words = flat(str(written))
        assert words in whole, (str(reading), words)
        cited = places(graph, reading)
        assert cited, str(reading)
        if not any(words in flat(srd_places.place(srd_text, label)) for label in cited):
            misplaced.append((str(reading), words, cited))
        checked += 1
    assert misplaced == []
    assert checked > 100


def test_a_reading_has_words_unless_it_is_silent(landscape):
    graph = landscape.graph
    for reading in readings(graph):
        silent = (reading, RDF.type, SGAM.SilentReading) in graph
        assert silent == (graph.value(reading, SGAM.asWritten) is None), str(reading)


def test_the_place_finder_reads_the_places_it_is_given(srd_text):
    """The helper cuts the right text: a clause, an item, a table note, a footnote."""
    item = srd_places.place(srd_text, "6.6 item 4")
    assert item.startswith("- 4) Coordination between IEC TC 64")
    assert "link 13" in srd_places.place(srd_text, "Table 7 note 1")
    assert "JWG 17 work" in srd_places.place(srd_text, "Table 1 footnote b")
    assert "SECPs" in srd_places.place(srd_text, "B.3.3.5 footnote 3")
    b33 = srd_places.place(srd_text, "B.3.3")
    assert "B.3.3.5 Mapping IEC entities" in b33 and "B.3.4 Mapping" not in b33
    assert "IEC TC 95" not in srd_places.place(srd_text, "Table 1")
    with pytest.raises(srd_places.UnknownPlace):
        srd_places.place(srd_text, "Clause nowhere")


def test_readings_are_numbered_from_one_and_the_followed_one_is_their_own(landscape):
    graph = landscape.graph
    for node in graph.subjects(RDF.type, SGAM.Discrepancy):
        own = list(graph.objects(node, SGAM.reading))
        numbers = sorted(graph.value(r, SGAM.readingNumber).toPython() for r in own)
        assert numbers == list(range(1, len(own) + 1)), str(node)
        assert len(own) >= 2, str(node)
        followed = graph.value(node, SGAM.modelFollows)
        assert followed is None or followed in own, str(node)


def test_every_reading_belongs_to_exactly_one_discrepancy(landscape):
    graph = landscape.graph
    owners = Counter(r for _, r in graph.subject_objects(SGAM.reading))
    assert {r: n for r, n in owners.items() if n != 1} == {}
    assert set(owners) == set(readings(graph))


def test_kinds_and_severities_come_from_their_schemes(landscape):
    graph = landscape.graph
    for node in graph.subjects(RDF.type, SGAM.Discrepancy):
        kinds = list(graph.objects(node, SGAM.discrepancyKind))
        severities = list(graph.objects(node, SGAM.severity))
        assert len(kinds) == 1 and len(severities) == 1, str(node)
        assert (kinds[0], SKOS.inScheme, SGAM.DiscrepancyKinds) in graph, str(node)
        assert (severities[0], SKOS.inScheme, SGAM.Severities) in graph, str(node)
    used = {graph.value(n, SGAM.discrepancyKind)
            for n in graph.subjects(RDF.type, SGAM.Discrepancy)}
    assert used == {SGAM.Inconsistency, SGAM.NamingVariant, SGAM.WordingVariant,
                    SGAM.WrongCrossReference, SGAM.ExtractionGap, SGAM.Observation}


# The contradictions named when the records were asked for, each checked in the text first.

def test_interaction_5_is_defined_twice_with_different_actors(landscape, srd_text):
    table_5 = srd_tables.interaction_table(srd_text, "Table 5 –")
    table_7 = srd_tables.interaction_table(srd_text, "Table 7 –")
    assert table_5[5][2:4] != table_7[5][2:4]  # From and To differ
    graph = landscape.graph
    node = discrepancy(graph, "interaction-5-actors")
    assert graph.value(node, SGAM.discrepancyKind) == SGAM.Inconsistency
    assert URIRef(ID + "interaction/5") in set(graph.objects(node, SGAM.about))
    written = {str(graph.value(r, SGAM.asWritten)): places(graph, r)
               for r in readings_of(graph, node)}
    assert "Table 5" in written[table_5[5][2]] and "Table 7" in written[table_7[5][2]]


def test_table_5_does_not_hold_the_ten_types_5_4_4_sends_the_reader_to(landscape, srd_text):
    assert sorted(srd_tables.interaction_table(srd_text, "Table 5 –")) == [1, 2, 3, 4, 5, 6, 10]
    assert "10 types of interaction" in flat(srd_places.place(srd_text, "5.4.4"))
    graph = landscape.graph
    node = discrepancy(graph, "table-5-interaction-count")
    assert graph.value(node, SGAM.discrepancyKind) == SGAM.WrongCrossReference
    first = readings_of(graph, node)[0]
    assert places(graph, first) == ["5.4.4"]
    assert "Table 5" in str(graph.value(first, SGAM.asWritten))


def test_c_3_3_sends_the_reader_to_annex_g_for_the_metering_standards(landscape, srd_text):
    assert "Details are provided in Annex G" in flat(srd_places.place(srd_text, "C.3.3"))
    contents = flat(srd_places.place(srd_text, "Contents"))
    assert "Annex F (informative) Smart metering main standard" in contents
    graph = landscape.graph
    node = discrepancy(graph, "metering-standards-annex")
    assert graph.value(node, SGAM.discrepancyKind) == SGAM.WrongCrossReference
    assert places(graph, readings_of(graph, node)[0]) == ["C.3.3"]


def test_the_six_zones_rest_on_the_text_not_on_table_4(landscape, srd_text):
    table_4 = srd_places.place(srd_text, "Table 4").split("\n")
    first_cells = [line.split("\t")[0] for line in table_4 if "\t" in line and line[0].isupper()]
    assert first_cells == ["Zone", "Process", "Field", "Station", "Operation", "Enterprise"]
    graph = landscape.graph
    assert len(set(graph.subjects(SKOS.inScheme, SGAM.Zones))) == 6
    node = discrepancy(graph, "market-zone")
    assert SGAM.MarketZone in set(graph.objects(node, SGAM.about))
    followed = graph.value(node, SGAM.modelFollows)
    assert "market" in str(graph.value(followed, SGAM.asWritten))
    assert "Table 4" not in places(graph, followed)


def test_interaction_10_shortcut_follows_the_reading_the_record_names(landscape):
    """The sgam:from/sgam:to shortcut agrees with the statement of the followed reading's table."""
    graph = landscape.graph
    for slug, number in (("interaction-10-direction", 10), ("interaction-5-actors", 5)):
        node = discrepancy(graph, slug)
        followed = graph.value(node, SGAM.modelFollows)
        assert followed is not None, slug
        interaction = URIRef(f"{ID}interaction/{number}")
        table = places(graph, followed)[0]  # e.g. "Table 5"
        statement = URIRef(f"{ID}statement/{table.lower().replace(' ', '-')}-{number}")
        assert graph.value(statement, SGAM.statementOf) == interaction
        assert graph.value(interaction, SGAM["from"]) == graph.value(statement, SGAM["from"])
        assert graph.value(interaction, SGAM.to) == graph.value(statement, SGAM.to)
        assert str(graph.value(followed, SGAM.asWritten)) == str(
            graph.value(statement, SGAM.fromAsWritten))


def test_the_microgrid_column_marks_bodies_6_3_5_does_not_name(landscape, srd_text):
    column = srd_tables.TABLE_1_COLUMNS.index("microgrid")
    marked = {row[0] for row in srd_tables.table_1(srd_text) if row[1 + column]}
    listed = flat(srd_places.place(srd_text, "6.3.5"))
    unnamed = {label for label in marked if label + " " not in listed}
    assert {"IEC TC 8/SC 8A", "IEC TC 88", "IEC TC 120"} <= unnamed
    graph = landscape.graph
    node = discrepancy(graph, "microgrid-column")
    assert graph.value(node, SGAM.discrepancyKind) == SGAM.Observation
    about = set(graph.objects(node, SGAM.about))
    assert {URIRef(ID + "context/multi-owner-microgrid"), URIRef(ID + "body/iec-tc88"),
            URIRef(ID + "body/iec-tc120"), URIRef(ID + "group/iec-tc8-sc8a")} <= about
    silent = [r for r in readings_of(graph, node) if (r, RDF.type, SGAM.SilentReading) in graph]
    assert [places(graph, r) for r in silent] == [["6.3.5"]]


@pytest.mark.parametrize(("slug", "kind"), [
    ("ev-jwg-1-designation", SGAM.NamingVariant),
    ("ami-expansion", SGAM.WordingVariant),
    ("annex-a-cross-reference", SGAM.WrongCrossReference),
    ("table-1-tc-100", SGAM.ExtractionGap),
    ("link-13-note", SGAM.WrongCrossReference),
    ("industry-figure-b-9-note", SGAM.Observation),
])
def test_each_kind_of_contradiction_named_is_recorded_as_that_kind(landscape, slug, kind):
    graph = landscape.graph
    assert graph.value(discrepancy(graph, slug), SGAM.discrepancyKind) == kind


def test_the_ev_joint_working_group_keeps_all_three_designations(landscape, srd_text):
    graph = landscape.graph
    node = discrepancy(graph, "ev-jwg-1-designation")
    written = [str(graph.value(r, SGAM.asWritten)) for r in readings_of(graph, node)]
    assert written == ["IEC TC 68–ISO/TC 22 JWG 1", "IEC TC 68/ISO TC 22 JWG 1",
                       "IEC TC 69–ISO/TC 22 JWG 1"]
    followed = graph.value(node, SGAM.modelFollows)
    body = URIRef(ID + "body/iec-tc69-iso-tc22-jwg1")
    assert str(graph.value(followed, SGAM.asWritten)) == str(graph.value(body, SGAM.designation))


def _named(graph, entities) -> set:
    """The entities with the members of the groups among them (a group row names its members)."""
    return set(entities) | {m for e in entities for m in graph.objects(e, SGAM.member)}


def test_every_disagreement_of_table_1_with_the_clause_lists_is_recorded(landscape):
    """Where a Table 1 column and the lists for its context name different bodies, a
    discrepancy is about both the context and the body."""
    graph = landscape.graph
    marked: dict = {}
    for cell in graph.subjects(RDF.type, SGAM.Involvement):
        marked.setdefault(graph.value(cell, SGAM.context), set()).add(
            graph.value(cell, SGAM.entity))
    listed: dict = {}
    for entry in graph.subjects(RDF.type, SGAM.ContextEntry):
        listed.setdefault(graph.value(entry, SGAM.context), set()).update(
            graph.objects(entry, SGAM.entity))
    about = [set(graph.objects(d, SGAM.about)) for d in graph.subjects(RDF.type, SGAM.Discrepancy)]
    unrecorded = []
    for context, in_table in marked.items():
        in_lists = listed.get(context, set())
        for entity, other_side in [(e, in_lists) for e in in_table] + [
                (e, in_table) for e in in_lists]:
            if _named(graph, {entity}) & _named(graph, other_side):
                continue
            if not any(context in a and _named(graph, {entity}) & a for a in about):
                unrecorded.append((str(context), str(entity)))
    assert unrecorded == []


def test_every_interaction_the_tables_state_differently_has_its_discrepancy(landscape):
    """Where two tables give one interaction different titles or From/To cells, a discrepancy
    is about the interaction, and each title variant is among its readings' words."""
    graph = landscape.graph
    statements: dict = {}
    for statement in graph.subjects(RDF.type, SGAM.InteractionStatement):
        statements.setdefault(graph.value(statement, SGAM.statementOf), []).append(statement)
    words: dict = {}
    for node in graph.subjects(RDF.type, SGAM.Discrepancy):
        written = {str(w) for r in graph.objects(node, SGAM.reading)
                   for w in graph.objects(r, SGAM.asWritten)}
        for concerned in graph.objects(node, SGAM.about):
            words.setdefault(concerned, set()).update(written)
    differing = 0
    for interaction, stated in statements.items():
        for column in (SGAM.title, SGAM.fromAsWritten, SGAM.toAsWritten):
            values = {str(graph.value(s, column)) for s in stated}
            if len(values) < 2:
                continue
            differing += 1
            assert interaction in words, (str(interaction), str(column))
            if column == SGAM.title:
                for value in values:
                    assert any(w in value for w in words[interaction]), (str(interaction), value)
    assert differing >= 10
