"""Golden results of the catalogue queries: where they live, how they are run and compared.

Each catalogue query has `tests/golden/<name>.csv` (a query without parameters) or one file per
parameter set, `tests/golden/<name>--<set>.csv`, whose parameters are recorded under the file's
stem in `tests/golden/params.json`. Files hold SPARQL 1.1 CSV results: IRIs bare, literals as
their lexical form, unbound as empty. Rows are compared as data, in order where the query's
header says `order: ordered`.

Regenerate after a deliberate change, then check the diff against the SRD before keeping it:

    .venv/bin/python -m tests.data.queries.golden [NAME_OR_STEM ...]
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from sgam_onto.query.catalogue import Catalogue
from sgam_onto.query.formats import to_csv
from sgam_onto.query.runner import run_stored
from sgam_onto.query.stored import StoredQuery

GOLDEN_DIR = Path(__file__).resolve().parents[2] / "golden"
PARAMS_FILE = GOLDEN_DIR / "params.json"

# Queries whose golden files other test modules own (and run on other data): the drawing
# queries (tests/plot) and the CIM alignment queries (tests/data/alignments, landscape + CIM data).
OWNED_ELSEWHERE_PREFIXES = ("plane-", "cim-")
OWNED_ELSEWHERE = frozenset({"coordination-edges"})

Rows = list[list[str]]


@dataclass(frozen=True)
class GoldenRun:
    """One golden file: the query it answers and the parameters it was run with."""

    stem: str
    query: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        return GOLDEN_DIR / f"{self.stem}.csv"


def load_params() -> dict[str, dict]:
    return json.loads(PARAMS_FILE.read_text(encoding="utf-8"))


def owned_here(name: str) -> bool:
    """Whether this module runs and regenerates the golden files of catalogue query `name`."""
    return name not in OWNED_ELSEWHERE and not name.startswith(OWNED_ELSEWHERE_PREFIXES)


def golden_runs(catalogue: Catalogue | None = None) -> list[GoldenRun]:
    """Every golden file expected: unparameterised queries by name, the rest from params.json."""
    cat = catalogue or Catalogue()
    runs = []
    for query in cat.queries():
        if not owned_here(query.name):
            continue
        if not (query.header and any(p.required for p in query.header.params)):
            runs.append(GoldenRun(query.name, query.name))
    for stem, spec in sorted(load_params().items()):
        runs.append(GoldenRun(stem, spec["query"], dict(spec["params"])))
    return runs


def parse_csv(text: str) -> tuple[list[str], Rows]:
    """Header and rows of a SPARQL CSV result (RFC 4180)."""
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records:
        raise ValueError("empty CSV: a golden file has at least a header")
    return records[0], records[1:]


def result_csv(store: ox.Store, query: StoredQuery, params: dict[str, str]) -> str:
    return to_csv(run_stored(store, query, params))


def read_golden(run: GoldenRun) -> tuple[list[str], Rows]:
    return parse_csv(run.path.read_text(encoding="utf-8"))


def same_rows(expected: Rows, actual: Rows, ordered: bool) -> bool:
    if ordered:
        return expected == actual
    return sorted(map(tuple, expected)) == sorted(map(tuple, actual))


def regenerate(store: ox.Store, names: Sequence[str] = ()) -> list[Path]:
    """Write the golden files (all, or those whose stem or query is named); returns them."""
    cat = Catalogue()
    written = []
    for run in golden_runs(cat):
        if names and run.stem not in names and run.query not in names:
            continue
        text = result_csv(store, cat.load(run.query), run.params)
        run.path.write_bytes(text.encode("utf-8"))
        written.append(run.path)
    return written


def main(argv: Sequence[str]) -> int:
    from sgam_onto.landscape import load_landscape

    for path in regenerate(load_landscape().store, argv):
        print(path.relative_to(GOLDEN_DIR.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
