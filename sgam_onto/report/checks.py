"""The integrity checks of queries/checks/ as one verdict, worded for the `check` summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:
    from sgam_onto.query.catalogue import Catalogue

MAX_ROWS_SHOWN = 10


@dataclass(frozen=True)
class CheckOutcome:
    """`ok` when every check returned no rows; `details` are the lines to print otherwise."""

    ok: bool
    summary: str
    details: list[str] = field(default_factory=list)
    failed: tuple[str, ...] = ()


def run_checks(store: ox.Store, catalogue: Catalogue | None = None) -> CheckOutcome:
    """Run every `*-violation.rq`; each row found becomes a detail line under its file."""
    from sgam_onto.query.catalogue import Catalogue
    from sgam_onto.query.formats import term_csv
    from sgam_onto.query.runner import run_violation_checks

    cat = catalogue or Catalogue()
    checks = {q.name: q for q in cat.checks()}
    failures = run_violation_checks(store, cat)
    if not failures:
        return CheckOutcome(True, f"{len(checks)} query checks, no violation")
    details = []
    for name, result in failures:
        query = checks[name]
        details.append(f"{query.path}:1: {len(result.rows)} violation(s): {query.summary}")
        for row in result.rows[:MAX_ROWS_SHOWN]:
            cells = ", ".join(
                f"{var}={term_csv(term)}" for var, term in zip(result.variables, row, strict=True)
            )
            details.append(f"  {cells}")
        if len(result.rows) > MAX_ROWS_SHOWN:
            details.append(f"  ... and {len(result.rows) - MAX_ROWS_SHOWN} more")
    names = tuple(name for name, _ in failures)
    summary = f"{len(failures)} of {len(checks)} query checks found violations"
    return CheckOutcome(False, summary, details, names)
