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
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
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


def timed(store, query, params: dict[str, str], repeat: int,
          cpu: Callable[[], float] = time.process_time) -> tuple[float, float, int]:
    """Median wall seconds, median CPU seconds (of ``cpu``'s process) and row count; a query
    stopped by the time limit counts as infinite."""
    from sgam_onto.query.runner import run_stored
    from sgam_onto.settings import QueryLimitError

    try:
        rows = len(run_stored(store, query, params).rows)  # warm-up
    except QueryLimitError:
        return float("inf"), float("inf"), -1
    times, cpus = [], []
    for _ in range(repeat):
        started, used = time.perf_counter(), cpu()
        run_stored(store, query, params)
        times.append(time.perf_counter() - started)
        cpus.append(cpu() - used)
    return statistics.median(times), statistics.median(cpus), rows


def process_cpu(pid: int) -> Callable[[], float]:
    """User + system seconds of another process so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")

    def seconds() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick

    return seconds


@contextlib.contextmanager
def oxigraph_server(data: Path) -> Iterator[tuple[object, int]]:
    """A RemoteStore on an Oxigraph server holding ``data`` (N-Triples) in its default graph,
    and the server's process id."""
    from sgam_onto.stores.remote import RemoteStore
    from tests.stores.servers import OxigraphServer, oxigraph_executable

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([oxigraph_executable(), "load", "--location", str(Path(tmp) / "data"),
                        "--file", str(data)], check=True, capture_output=True)
        server = OxigraphServer(Path(tmp)).start()
        try:
            yield RemoteStore(server.endpoint, None, None, timeout=60.0), server.process.pid
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

    cpu = time.process_time
    with contextlib.ExitStack() as stack:
        if args.server:
            data = args.scaled
            if data is None:
                data = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "land.nt"
                store.dump(str(data), format=ox.RdfFormat.N_TRIPLES,
                           from_graph=ox.DefaultGraph())
            del store
            store, pid = stack.enter_context(oxigraph_server(data))
            cpu = process_cpu(pid)
            what += ", on an Oxigraph server (CPU: the server process's)"
        measured = []
        for label, query, params in runs(Catalogue()):
            seconds, used, rows = timed(store, query, params, args.repeat, cpu)
            measured.append((seconds, used, label, rows))
    # by CPU time: on a shared machine the wall time follows the load as much as the query
    measured.sort(key=lambda m: (m[1], m[0]), reverse=True)
    total = sum(m[0] for m in measured)
    print(f"{len(measured)} runs on {what}, median of {args.repeat}; total {total * 1000:.1f} ms"
          f" wall, {sum(m[1] for m in measured) * 1000:.1f} ms CPU; load average "
          f"{os.getloadavg()[0]:.2f}")
    print(f"{'wall ms':>9}  {'CPU ms':>9}  {'rows':>6}  query")
    for seconds, used, label, rows in measured[: args.top]:
        print(f"{seconds * 1000:9.2f}  {used * 1000:9.2f}  {rows:6d}  {label}")
    over = [m for m in measured if m[1] >= 1.0]
    print(f"slowest by CPU: {measured[0][2]} in {measured[0][1] * 1000:.2f} ms CPU "
          f"({measured[0][0] * 1000:.2f} ms wall); {len(over)} runs at 1 s of CPU or more; "
          f"slowest by wall: {max(measured)[2]} in {max(measured)[0] * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
