"""How long each catalogue query and integrity check takes on the embedded store.

Not a test: run it by hand and read the table it prints.

    .venv/bin/python benchmarks/catalogue_times.py [--repeat 5] [--scaled FILE.nt] [--server]

Every catalogue query runs with each parameter set recorded for its golden results
(tests/golden/params.json), or with none; every `queries/checks/*-violation.rq` runs too. The
time per run is the median of --repeat runs after one warm-up, on the landscape as the CLI loads
it; with --scaled, on a store holding a generated landscape-shaped file instead (see
benchmarks/generate.py), to see how the queries grow with the data. With --server, the same
data is bulk loaded into an Oxigraph server's default graph (``oxigraph load``, then ``oxigraph
serve`` on 127.0.0.1, as the store tests start it) and the queries go over the protocol.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
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
    from sgam_onto.limits import QueryLimitError
    from sgam_onto.query.runner import run_stored

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


@contextlib.contextmanager
def oxigraph_server(data: Path) -> Iterator[object]:
    """A RemoteStore on an Oxigraph server holding ``data`` (N-Triples) in its default graph."""
    from sgam_onto.stores.remote import RemoteStore
    from tests.stores.servers import OxigraphServer, oxigraph_executable

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([oxigraph_executable(), "load", "--location", str(Path(tmp) / "data"),
                        "--file", str(data)], check=True, capture_output=True)
        server = OxigraphServer(Path(tmp)).start()
        try:
            yield RemoteStore(server.endpoint, None, None, timeout=60.0)
        finally:
            server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (median)")
    parser.add_argument("--scaled", type=Path, help="an N-Triples file to query instead")
    parser.add_argument("--top", type=int, default=10, help="how many of the slowest to list")
    parser.add_argument("--server", action="store_true", help="query an Oxigraph server instead")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    import pyoxigraph as ox

    from sgam_onto.query.catalogue import Catalogue
    from sgam_onto.stores.direct import load_store

    if args.scaled:
        store = ox.Store()
        store.bulk_load(path=str(args.scaled), format=ox.RdfFormat.N_TRIPLES)
        what = f"{args.scaled.name} ({len(store)} triples)"
    else:
        store = load_store()  # as `sgam-onto query` loads it
        what = f"the landscape ({len(store)} triples)"

    with contextlib.ExitStack() as stack:
        if args.server:
            data = args.scaled
            if data is None:
                data = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "land.nt"
                store.dump(str(data), format=ox.RdfFormat.N_TRIPLES,
                           from_graph=ox.DefaultGraph())
            del store
            store = stack.enter_context(oxigraph_server(data))
            what += ", on an Oxigraph server"
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
