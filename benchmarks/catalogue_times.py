"""How long each catalogue query and integrity check takes on the embedded store.

Not a test: run it by hand and read the table it prints.

    .venv/bin/python benchmarks/catalogue_times.py [--repeat 5] [--scaled FILE.nt]

Every catalogue query runs with each parameter set recorded for its golden results
(tests/golden/params.json), or with none; every `queries/checks/*-violation.rq` runs too. The
time per run is the median of --repeat runs after one warm-up, on the landscape as the CLI loads
it; with --scaled, on a store holding a generated landscape-shaped file instead (see
benchmarks/generate.py), to see how the queries grow with the data.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARAMS = ROOT / "tests" / "golden" / "params.json"


def runs(catalogue) -> list[tuple[str, object, dict[str, str]]]:
    """(label, query, params) for every query and parameter set, and every check."""
    sets: dict[str, list[tuple[str, dict[str, str]]]] = {}
    for stem, spec in json.loads(PARAMS.read_text(encoding="utf-8")).items():
        sets.setdefault(spec["query"], []).append((stem, spec["params"]))
    found = []
    for query in catalogue.queries():
        needs = query.header is not None and any(p.required for p in query.header.params)
        if needs:
            found += [(stem, query, params) for stem, params in sets.get(query.name, [])]
        else:
            found.append((query.name, query, {}))
    found += [(f"checks/{q.name}", q, {}) for q in catalogue.checks()]
    return found


def timed(store, query, params: dict[str, str], repeat: int) -> tuple[float, int]:
    """Median seconds and row count; a query stopped by the time limit counts as infinite."""
    from sgam_onto.query.runner import run_stored
    from sgam_onto.settings import QueryLimitError

    try:
        rows = len(run_stored(store, query, params).rows)  # warm-up
    except QueryLimitError:
        return float("inf"), -1
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run_stored(store, query, params)
        times.append(time.perf_counter() - started)
    return statistics.median(times), rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (median)")
    parser.add_argument("--scaled", type=Path, help="an N-Triples file to query instead")
    parser.add_argument("--top", type=int, default=10, help="how many of the slowest to list")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    import pyoxigraph as ox

    from sgam_onto.landscape import load_landscape
    from sgam_onto.query.catalogue import Catalogue

    if args.scaled:
        store = ox.Store()
        store.bulk_load(path=str(args.scaled), format=ox.RdfFormat.N_TRIPLES)
        what = f"{args.scaled.name} ({len(store)} triples)"
    else:
        land = load_landscape()
        store = land.store
        what = f"the landscape ({len(land)} triples)"

    measured = []
    for label, query, params in runs(Catalogue()):
        seconds, rows = timed(store, query, params, args.repeat)
        measured.append((seconds, label, rows))
    measured.sort(reverse=True)
    total = sum(s for s, _, _ in measured)
    print(f"{len(measured)} runs on {what}, median of {args.repeat}; total {total * 1000:.1f} ms")
    print(f"{'ms':>9}  {'rows':>6}  query")
    for seconds, label, rows in measured[: args.top]:
        print(f"{seconds * 1000:9.2f}  {rows:6d}  {label}")
    slowest = measured[0]
    print(f"slowest: {slowest[1]} in {slowest[0] * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
