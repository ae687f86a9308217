"""Independent expectations for the catalogue: each query's answer walked from the graph.

`EXPECTED[name](graph, params)` gives the rows catalogue query `name` should return on an
rdflib graph, as CSV cells, computed in plain Python from what the question means.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import Graph

from tests.data.queries.walks import bodies, contexts, coordination, interactions
from tests.data.queries.walks.graph import Row

Walk = Callable[[Graph, dict[str, str]], list[Row]]

EXPECTED: dict[str, Walk] = {
    "bidirectional-interactions": interactions.bidirectional_interactions,
    "bodies-in-context": bodies.bodies_in_context,
    "body-groups": bodies.body_groups,
    "body-hierarchy": bodies.body_hierarchy,
    "body-profile": bodies.body_profile,
    "cited-documents": contexts.cited_documents,
    "context-coordination-lists": coordination.context_coordination_lists,
    "context-standard-coverage": contexts.context_standard_coverage,
    "contexts-of-body": bodies.contexts_of_body,
    "coordination-between": coordination.coordination_between,
    "coordination-by-body": coordination.coordination_by_body,
    "coordination-by-status": coordination.coordination_by_status,
    "coordination-cross-references": coordination.coordination_cross_references,
    "coordination-edges": coordination.coordination_edges,
    "coordination-gaps": coordination.coordination_gaps,
    "coordination-high-importance": coordination.coordination_high_importance,
    "coordination-items": coordination.coordination_items,
    "coordination-missing-from-4-2-3": coordination.coordination_missing_from_4_2_3,
    "coordination-pairs": coordination.coordination_pairs,
    "coordination-ranking": coordination.coordination_ranking,
    "coordination-ranking-by-partners": coordination.coordination_ranking_by_partners,
    "coordination-status-counts": coordination.coordination_status_counts,
    "disbanded-bodies": bodies.disbanded_bodies,
    "entries-without-standards": contexts.entries_without_standards,
    "ev-bodies": contexts.ev_bodies,
    "ev-interactions": interactions.ev_interactions,
    "glossary-lookup": contexts.glossary_lookup,
    "interaction-bodies-standards": interactions.interaction_bodies_standards,
    "interaction-standard-coverage": interactions.interaction_standard_coverage,
    "interactions": interactions.numbered_interactions,
    "interactions-by-kind": interactions.interactions_by_kind,
    "interactions-crossing-domains": interactions.interactions_crossing_domains,
    "interactions-crossing-zones": interactions.interactions_crossing_zones,
    "interactions-of-actor": interactions.interactions_of_actor,
    "joint-bodies": bodies.joint_bodies,
    "plane-axes": interactions.plane_axes,
    "plane-interactions": interactions.plane_interactions,
    "plane-placements": interactions.plane_placements,
    "standards-of-body": bodies.standards_of_body,
    "standards-per-context": contexts.standards_per_context,
    "standards-with-status": contexts.standards_with_status,
    "table-1": bodies.table_1,
    "use-cases": contexts.use_cases,
    "use-cases-of-context": contexts.use_cases_of_context,
}

# Queries whose independent checks live with their owners: the module that checks each one
# against a walk of the graph or against the CIM data itself.
CHECKED_ELSEWHERE = {
    "discrepancies": "tests/data/queries/test_discrepancies.py",
    "fact-provenance": "tests/data/queries/test_fact_provenance.py",
    "cim-class-coverage": "tests/data/alignments/test_cim_walks.py",
    "cim-equipment-actors": "tests/data/alignments/test_cim_walks.py",
    "cim-equipment-interactions": "tests/data/alignments/test_cim_walks.py",
    "cim-equipment-standards": "tests/data/alignments/test_cim_walks.py",
    "cim-model-summary": "tests/data/alignments/test_cim_walks.py",
    "cim-plane-placements": "tests/cim/test_placements.py",
}


def checked_here(name: str) -> bool:
    return name not in CHECKED_ELSEWHERE
