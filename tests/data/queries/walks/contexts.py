"""Expected answers about interface contexts, their lists, use cases, documents and terms."""

from __future__ import annotations

from rdflib import RDF, SKOS, Graph, URIRef

from tests.data.queries.walks.graph import (
    ID,
    SGAM,
    Row,
    broader_or_self,
    english,
    instances,
    rows,
    subclasses_of,
    value,
    values,
)

SRD = URIRef(ID + "standard/iec-srd-63268-2020")


def entries(g: Graph) -> list:
    return instances(g, SGAM.ContextEntry)


def standards_per_context(g: Graph, params: dict[str, str]) -> list[Row]:
    found = []
    for e in entries(g):
        context = value(g, e, SGAM.context)
        head = (context, english(g, context), english(g, value(g, e, SGAM.source)),
                value(g, e, SGAM.rowNumber), value(g, e, SGAM.entityAsWritten))
        named = values(g, e, SGAM.standard)
        found += [(*head, s, value(g, s, SGAM.designation)) for s in named] or [(*head, None, None)]
    return rows(found)


def entries_without_standards(g: Graph, params: dict[str, str]) -> list[Row]:
    found = []
    for e in entries(g):
        if values(g, e, SGAM.standard):
            continue
        context = value(g, e, SGAM.context)
        found.append((context, english(g, context), english(g, value(g, e, SGAM.source)),
                      value(g, e, SGAM.rowNumber), value(g, e, SGAM.entityAsWritten),
                      english(g, e, SKOS.note)))
    return rows(found)


def context_standard_coverage(g: Graph, params: dict[str, str]) -> list[Row]:
    """Per interface context, its lists' entries (its cases' included) and what they name."""
    found = []
    for context in instances(g, SGAM.InterfaceContext):
        mine = [e for e in entries(g)
                if any(context in broader_or_self(g, c) for c in values(g, e, SGAM.context))]
        bare = [e for e in mine if not values(g, e, SGAM.standard)]
        entities = {x for e in mine for x in values(g, e, SGAM.entity)}
        standards = {s for e in mine for s in values(g, e, SGAM.standard)}
        found.append((context, english(g, context), len(mine), len(bare), len(entities),
                      len(standards)))
    return rows(found)


def ev_bodies(g: Graph, params: dict[str, str]) -> list[Row]:
    ev = URIRef(ID + "context/ev")
    found = []
    for e in entries(g):
        if (e, SGAM.context, ev) not in g:
            continue
        for entity in values(g, e, SGAM.entity):
            head = (value(g, e, SGAM.rowNumber), entity, english(g, entity),
                    value(g, e, SGAM.entityAsWritten))
            named = values(g, e, SGAM.standard)
            found += [(*head, s, value(g, s, SGAM.designation),
                       english(g, value(g, s, SGAM.standardStatus))) for s in named]
            if not named:
                found.append((*head, None, None, ""))
    return rows(found)


def use_case_row(g: Graph, uc, context_cell) -> tuple:
    return (context_cell, english(g, value(g, uc, SGAM.businessProcess)), english(g, uc),
            english(g, value(g, uc, SGAM.source)))


def use_cases(g: Graph, params: dict[str, str]) -> list[Row]:
    return rows(use_case_row(g, uc, english(g, value(g, uc, SGAM.context)))
                for uc in instances(g, SGAM.UseCase))


def use_cases_of_context(g: Graph, params: dict[str, str]) -> list[Row]:
    """Use cases listed for the context or for a context it is a case of."""
    context = URIRef(params["context"])
    reach = broader_or_self(g, context)
    return rows(use_case_row(g, uc, context) for uc in instances(g, SGAM.UseCase)
                if set(values(g, uc, SGAM.context)) & reach)


def glossary_lookup(g: Graph, params: dict[str, str]) -> list[Row]:
    asked = params["abbreviation"]
    found = []
    for term in instances(g, SGAM.Term):
        for notation in values(g, term, SKOS.notation):
            if str(notation).lower() != asked.lower():
                continue
            denoted = values(g, term, SGAM.denotes) or [None]
            found += [(asked, term, notation, english(g, term, SKOS.prefLabel), d,
                       english(g, value(g, term, SGAM.source))) for d in denoted]
    return rows(found)


def cited_documents(g: Graph, params: dict[str, str]) -> list[Row]:
    """Every document but the SRD itself, each once, with its bibliography number and type."""
    kinds = subclasses_of(g, SGAM.Document)
    docs = {d for d, _, c in g.triples((None, RDF.type, None)) if c in kinds} - {SRD}
    found = []
    for d in docs:
        for designation in values(g, d, SGAM.designation):
            found.append((d, designation, value(g, d, SGAM.bibliographyNumber),
                          english(g, value(g, d, SGAM.documentType)) or None))
    return rows(found)


def standards_with_status(g: Graph, params: dict[str, str]) -> list[Row]:
    found = []
    for standard, status in g.subject_objects(SGAM.standardStatus):
        if value(g, status, SGAM.order) is None:
            continue
        for designation in values(g, standard, SGAM.designation):
            maintainers = values(g, standard, SGAM.maintainedBy) or [None]
            found += [(standard, designation, english(g, status), m) for m in maintainers]
    return rows(found)


