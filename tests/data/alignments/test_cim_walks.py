"""The cim-* queries of the alignments against plain graph walks of the same questions.

Each expectation is worked out in Python over the rdflib graph (landscape, alignments and CIM
data together), from what the question means: a CIM resource reaches an actor when a mapping
record of that actor names its class (or the class a recorded spelling variant stands for),
a value the resource holds, or the role code it carries. The golden files of
test_cim_queries stay as snapshots; these rows come from a different computation.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from sgam_onto.landscape import Landscape
from tests.data.alignments.test_cim_queries import AGGREGATION_ROLE, METER_M101, run_csv

SGAM = Namespace("https://w3id.org/sgam-onto#")
CIM = Namespace("https://cim.ucaiug.io/ns#")
CIM100 = Namespace("http://iec.ch/TC57/CIM100#")
CIM16 = "http://iec.ch/TC57/2013/CIM-schema-cim16#"
EQUIPMENT_NAMESPACES = (str(CIM100), str(CIM))


def _cell(node) -> str:
    if node is None:
        return ""
    if isinstance(node, Literal) and node.datatype == URIRef(
        "http://www.w3.org/2001/XMLSchema#boolean"
    ):
        return "true" if node.toPython() else "false"
    return str(node)


def _query_rows(land: Landscape, name: str, params: dict[str, str] | None = None) -> Counter:
    table = list(csv.reader(io.StringIO(run_csv(land.store, name, params or {}))))
    return Counter(map(tuple, table[1:]))


def _actors(g: Graph) -> set[URIRef]:
    classes = set(g.transitive_subjects(RDFS.subClassOf, SGAM.Actor))
    return {a for c in classes for a in g.subjects(RDF.type, c)}


def _variants(g: Graph) -> dict[URIRef, set[URIRef]]:
    found: dict[URIRef, set[URIRef]] = {}
    for record in g.subjects(RDF.type, SGAM.TermVariant):
        for variant in g.objects(record, SGAM.variantTerm):
            found.setdefault(variant, set()).update(g.objects(record, SGAM.canonicalTerm))
    return found


def _name(g: Graph, resource: URIRef) -> str:
    names = [*g.objects(resource, CIM100["IdentifiedObject.name"]),
             *g.objects(resource, CIM["IdentifiedObject.name"])]
    return sorted(map(str, names))[0] if names else ""


def _matches(g: Graph) -> Iterator[tuple[URIRef, object, object, URIRef, URIRef, object, bool]]:
    """(resource, held, mapped, actor, relation, confidence, via a variant) for every way a
    CIM resource reaches an actor's mapping record: ``held`` is what the resource carries (its
    class, a value, a role code), ``mapped`` what the record names (the class a variant stands
    for, or the notation of a role code)."""
    actors, variants = _actors(g), _variants(g)
    records = [r for r in g.subjects(RDF.type, SGAM.Mapping)
               if g.value(r, SGAM.mappingSubject) in actors]
    for resource, cls in g.subject_objects(RDF.type):
        if not str(cls).startswith(EQUIPMENT_NAMESPACES):
            continue
        held = {o for p, o in g.predicate_objects(resource) if p != RDF.type}
        written = list(g.objects(resource, CIM["MarketRole.type"]))
        for record in records:
            actor = g.value(record, SGAM.mappingSubject)
            relation = g.value(record, SGAM.mappingPredicate)
            confidence = g.value(record, SGAM.confidence)
            for target in g.objects(record, SGAM.mappingObject):
                if target == cls:
                    yield resource, cls, target, actor, relation, confidence, False
                if target in variants.get(cls, ()):
                    yield resource, cls, target, actor, relation, confidence, True
                if target in held:
                    yield resource, target, target, actor, relation, confidence, False
            for code in g.objects(record, SGAM.mappingNotation):
                for value in written:
                    if str(value) == str(code):
                        yield resource, value, code, actor, relation, confidence, False


def equipment_actors(g: Graph) -> Counter:
    return Counter({
        (str(res), _name(g, res), str(held), str(actor), str(rel), _cell(conf),
         "true" if variant else "false")
        for res, held, _mapped, actor, rel, conf, variant in _matches(g)
    })


def _specialised(g: Graph, actor: URIRef) -> set[URIRef]:
    """The actor and every actor it specialises, at any depth."""
    return set(g.transitive_objects(actor, SGAM.specializes))


def equipment_interactions(g: Graph) -> Counter:
    rows = set()
    for res, _held, _mapped, actor, rel, _conf, _variant in _matches(g):
        for via in _specialised(g, actor):
            for side, prop in (("from", SGAM["from"]), ("to", SGAM.to)):
                for interaction in g.subjects(prop, via):
                    if (interaction, RDF.type, SGAM.Interaction) not in g:
                        continue
                    for number in g.objects(interaction, SGAM.number):
                        rows.add((str(res), _name(g, res), str(actor), str(rel), str(via),
                                  str(number), side, str(interaction)))
    return Counter(rows)


def _is_standard(g: Graph, node) -> bool:
    kinds = set(g.transitive_subjects(RDFS.subClassOf, SGAM.Standard))
    return any(c in kinds for c in g.objects(node, RDF.type))


def equipment_standards(g: Graph, equipment: str) -> Counter:
    """Standards that define the mapped term, and the context entries of every interaction
    the actor (or an actor it specialises) takes part in."""
    rows = set()
    for res, _held, mapped, actor, rel, _conf, _variant in _matches(g):
        if str(res) != equipment:
            continue
        for standard in g.objects(mapped, RDFS.isDefinedBy):
            if _is_standard(g, standard):
                for entity in list(g.objects(standard, SGAM.maintainedBy)) or [None]:
                    rows.add((str(res), str(actor), str(rel), "definition", "", "",
                              str(standard), _cell(entity)))
        for via in _specialised(g, actor):
            for interaction in {*g.subjects(SGAM["from"], via), *g.subjects(SGAM.to, via)}:
                if (interaction, RDF.type, SGAM.Interaction) not in g:
                    continue
                for number in g.objects(interaction, SGAM.number):
                    for covering in g.subjects(SGAM.coversInteraction, interaction):
                        for context in g.transitive_subjects(SGAM.broaderContext, covering):
                            for entry in g.subjects(SGAM.context, context):
                                if (entry, RDF.type, SGAM.ContextEntry) not in g:
                                    continue
                                standards = list(g.objects(entry, SGAM.standard)) or [None]
                                for entity in g.objects(entry, SGAM.entity):
                                    for standard in standards:
                                        rows.add((str(res), str(actor), str(rel),
                                                  "interaction", str(number), str(context),
                                                  _cell(standard), str(entity)))
    return Counter(rows)


def class_coverage(g: Graph) -> Counter:
    namespaces = (str(CIM100), CIM16, str(CIM))
    instances: dict[URIRef, set] = {}
    for resource, cls in g.subject_objects(RDF.type):
        if str(cls).startswith(namespaces):
            instances.setdefault(cls, set()).add(resource)
    targets = set(g.objects(None, SGAM.mappingObject)) | set(g.objects(None, SGAM.ruleClass))
    variants = _variants(g)
    rows = set()
    for cls, members in instances.items():
        declared = variants.get(cls) or {None}
        for canonical in declared:
            mapped = cls in targets or (canonical is not None and canonical in targets)
            rows.add((str(cls), str(len(members)), "true" if mapped else "false",
                      _cell(canonical)))
    return Counter(rows)


@pytest.mark.parametrize("fixture", ["metering", "feeder"])
def test_equipment_actors_agree_with_a_walk(fixture: str, request) -> None:
    land = request.getfixturevalue(fixture)
    assert _query_rows(land, "cim-equipment-actors") == equipment_actors(land.graph)


def test_equipment_interactions_agree_with_a_walk(feeder) -> None:
    assert _query_rows(feeder, "cim-equipment-interactions") == equipment_interactions(
        feeder.graph)


@pytest.mark.parametrize("equipment", [METER_M101, AGGREGATION_ROLE])
def test_equipment_standards_agree_with_a_walk(metering, equipment: str) -> None:
    got = _query_rows(metering, "cim-equipment-standards", {"equipment": equipment})
    assert got == equipment_standards(metering.graph, equipment)


@pytest.mark.parametrize("fixture", ["metering", "feeder"])
def test_class_coverage_agrees_with_a_walk(fixture: str, request) -> None:
    land = request.getfixturevalue(fixture)
    assert _query_rows(land, "cim-class-coverage") == class_coverage(land.graph)


def model_summary(g: Graph, placements: list[dict[str, str]]) -> Counter:
    """cim-model-summary worked out from the placements: per cell and actor, the number of
    pieces of equipment, the actor, its interactions (through the actors it specialises), and
    the standards and bodies the clause lists give for contexts covering those interactions."""
    equipment: dict[tuple[str, str, str], set[str]] = {}
    for row in placements:
        if row["domain"] and row["zone"] and row["actor"]:
            key = (row["domain"], row["zone"], row["actor"])
            equipment.setdefault(key, set()).add(row["equipment"])
    rows = set()
    for (domain, zone, actor), members in equipment.items():
        count = str(len(members))
        items = {("actor", actor)}
        for via in _specialised(g, URIRef(actor)):
            for interaction in {*g.subjects(SGAM["from"], via), *g.subjects(SGAM.to, via)}:
                if (interaction, RDF.type, SGAM.Interaction) not in g:
                    continue
                items.add(("interaction", str(interaction)))
                for covering in g.subjects(SGAM.coversInteraction, interaction):
                    for context in g.transitive_subjects(SGAM.broaderContext, covering):
                        for entry in g.subjects(SGAM.context, context):
                            if (entry, RDF.type, SGAM.ContextEntry) not in g:
                                continue
                            items |= {("standard", str(s)) for s in g.objects(entry, SGAM.standard)}
                            items |= {("body", str(b)) for b in g.objects(entry, SGAM.entity)}
        rows |= {(domain, zone, actor, count, kind, item) for kind, item in items}
    return Counter(rows)


def test_model_summary_agrees_with_the_placements_and_a_walk(feeder) -> None:
    placements = list(csv.DictReader(io.StringIO(run_csv(feeder.store, "cim-plane-placements",
                                                         {}))))
    table = list(csv.DictReader(io.StringIO(run_csv(feeder.store, "cim-model-summary", {}))))
    got = Counter((r["domain"], r["zone"], r["actor"], r["equipment"], r["kind"], r["item"])
                  for r in table)
    assert got == model_summary(feeder.graph, placements)
