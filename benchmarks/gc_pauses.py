"""The longest garbage-collection pause while querying a landscape held in memory.

Not a test: ``benchmarks/run.py`` calls it, and anyone can run it by hand::

    .venv/bin/python benchmarks/gc_pauses.py --data replica-1m.nt [--no-freeze] [--rounds 3]
        [--path graph|store|serve]

The landscape and the file are loaded one of three ways, then every catalogue query without a
required parameter runs ``--rounds`` times. ``graph`` (the default): as ``load_landscape``
loads them, the rdflib graph kept alive as in a long-running process, queried on its store.
``store``: straight into a store as ``query --data`` and ``check`` load them
(``sgam_onto.stores.direct.load_store``). ``serve``: the way a query worker of ``sgam-onto
serve`` holds its data (the files bulk loaded into a store, no rdflib graph), each query
answered by the worker's own function as JSON results. Each collection is timed through
``gc.callbacks``; printed as JSON: the longest pause while querying, and how many full
collections ran. ``--no-freeze`` undoes the freeze after loading, to see what it saves.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


class PauseMeter:
    """Times every collection from its start callback to its stop callback: wall time, and
    the CPU time of the collecting thread (on a shared machine the wall time of a pause
    includes the time the thread waited for a core)."""

    def __init__(self) -> None:
        self.pauses: list[tuple[float, int]] = []
        self.cpu: list[float] = []
        self._started = self._cpu = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started, self._cpu = time.perf_counter(), time.thread_time()
        else:
            self.pauses.append((time.perf_counter() - self._started, info["generation"]))
            self.cpu.append(time.thread_time() - self._cpu)

    def __enter__(self) -> PauseMeter:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)

    def summary(self) -> dict:
        longest = max(self.pauses, default=(0.0, 0))
        return {"collections": len(self.pauses),
                "full_collections": sum(1 for _, g in self.pauses if g == 2),
                "longest_ms": round(longest[0] * 1000, 1), "longest_generation": longest[1],
                "total_ms": round(sum(p for p, _ in self.pauses) * 1000, 1),
                "longest_cpu_ms": round(max(self.cpu, default=0.0) * 1000, 1),
                "tracked_objects": len(gc.get_objects())}


def load(path: str, data: list[Path]) -> tuple[object, int]:
    """The store queries run on, and how many triples it holds, loaded the way ``path`` says."""
    import pyoxigraph as ox

    if path == "graph":
        from sgam_onto.landscape import load_landscape

        land = load_landscape(data)
        return land.store, len(land)
    from sgam_onto.stores.direct import load_store

    store = load_store(data)
    if path == "serve":  # the worker's store: what publish dumps, bulk loaded by the worker
        dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        del store
        store = ox.Store()
        store.bulk_load(input=dumped, format=ox.RdfFormat.N_TRIPLES)
    return store, len(store)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append", default=[],
                        help="a file loaded beside the landscape (repeatable)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of the whole catalogue")
    parser.add_argument("--no-freeze", action="store_true", help="unfreeze after loading")
    parser.add_argument("--path", choices=("graph", "store", "serve"), default="graph",
                        help="how the data is loaded and queried (see above)")
    args = parser.parse_args(argv)

    from sgam_onto.query.catalogue import Catalogue
    from sgam_onto.query.runner import run_stored

    started = time.perf_counter()
    store, triples = load(args.path, args.data)
    loaded = time.perf_counter() - started
    if args.no_freeze:
        gc.unfreeze()
    queries = [q for q in Catalogue().queries()
               if q.header is None or not any(p.required for p in q.header.params)]
    started = time.perf_counter()
    with PauseMeter() as meter:
        for _ in range(args.rounds):
            for query in queries:
                if args.path == "serve":
                    from sgam_onto.serve.worker import _answer

                    _answer(store, query.text, "json", 10_000)
                else:
                    run_stored(store, query, {})
    record = {"path": args.path, "triples": triples, "load_seconds": round(loaded, 2),
              "frozen": gc.get_freeze_count(), "queries": len(queries) * args.rounds,
              "query_seconds": round(time.perf_counter() - started, 2), **meter.summary()}
    print(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
