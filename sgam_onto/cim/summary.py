"""A CIM network model on the SGAM plane, cell by cell, from the stored query cim-model-summary.

The query answers in long form (one row per cell, actor and item); `model_summary` gathers the
rows into cells, in the query's order, so that every output format shows the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from sgam_onto.query.api import run_stored_rows
from sgam_onto.query.catalogue import Catalogue

SUMMARY_QUERY = "cim-model-summary"
KINDS = ("interaction", "standard", "body")


@dataclass
class Cell:
    """One SGAM cell of the model: its equipment count and what the landscape says about it."""

    domain: str
    zone: str
    equipment: int = 0
    actors: dict[str, str] = field(default_factory=dict)  # IRI -> label
    items: dict[str, dict[str, str]] = field(default_factory=lambda: {k: {} for k in KINDS})

    def as_dict(self) -> dict[str, Any]:
        return {
            "domain": self.domain,
            "zone": self.zone,
            "equipment": self.equipment,
            "actors": [{"iri": i, "label": lab} for i, lab in self.actors.items()],
            **{
                f"{kind}s" if kind != "body" else "bodies": [
                    {"iri": i, "label": lab} for i, lab in self.items[kind].items()
                ]
                for kind in KINDS
            },
        }


def cells_from_rows(rows: Iterable[Mapping[str, Any]]) -> list[Cell]:
    """Gather the long-form rows of cim-model-summary into cells, keeping the rows' order."""
    cells: dict[tuple[str, str], Cell] = {}
    counted: set[tuple[str, str, str]] = set()
    for row in rows:
        key = (row["domain"], row["zone"])
        cell = cells.setdefault(key, Cell(*key))
        if (*key, row["actor"]) not in counted:  # the count is per actor, repeated on its rows
            counted.add((*key, row["actor"]))
            cell.equipment += int(row["equipment"])
        if row["kind"] == "actor":
            cell.actors[row["item"]] = row["label"]
        else:
            cell.items[row["kind"]].setdefault(row["item"], row["label"])
    for cell in cells.values():
        for kind in KINDS:
            cell.items[kind] = dict(sorted(cell.items[kind].items(), key=_natural))
    return list(cells.values())


def _natural(item: tuple[str, str]) -> tuple:
    """Interaction 10 after 9: order labels by their leading number, then as text."""
    head = item[1].split(":", 1)[0]
    return (int(head), item[1]) if head.isdigit() else (10**9, item[1])


def model_summary(store: ox.Store, threshold_kv: int | None = None) -> list[Cell]:
    """Run cim-model-summary on a store holding the landscape, alignments and a CIM model;
    the cells in the order of the plane: domains as plane-axes gives them, zones bottom up."""
    params = {} if threshold_kv is None else {"thresholdKv": threshold_kv}
    catalogue = Catalogue()
    cells = cells_from_rows(run_stored_rows(catalogue.load(SUMMARY_QUERY), store, params))
    axes = run_stored_rows(catalogue.load("plane-axes"), store)
    rank = {row["concept"]: i for i, row in enumerate(axes)}
    return sorted(cells, key=lambda c: (rank.get(c.domain, len(rank)), rank.get(c.zone, 0)))
