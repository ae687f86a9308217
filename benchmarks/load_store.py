"""Load and query times of the stores: embedded pyoxigraph, Oxigraph server, Virtuoso.

Not a test: run it by hand and read the table it prints.

    .venv/bin/python benchmarks/load_store.py [--triples 1000000] [--repeat 3]

For each store: the time to replace the landscape's named graph, and the slowest catalogue query
(best of --repeat runs, with the sample parameters the store tests use). Then the embedded store's
load time for a generated file of --triples triples through `sgam-onto load --store`: into a new
store, then again, replacing the graph it loaded.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the server helpers live with the tests

import pyoxigraph as ox  # noqa: E402

from sgam_onto.errors import SgamError  # noqa: E402
from sgam_onto.landscape import load_landscape  # noqa: E402
from sgam_onto.query.catalogue import Catalogue  # noqa: E402
from sgam_onto.query.runner import run_stored  # noqa: E402
from sgam_onto.stores import embedded  # noqa: E402
from sgam_onto.stores.credentials import Credentials  # noqa: E402
from sgam_onto.stores.remote import RemoteStore, replace_graph  # noqa: E402
from tests.stores.catalogue_rows import sample_params  # noqa: E402
from tests.stores.servers import (  # noqa: E402
    OxigraphServer,
    VirtuosoServer,
    virtuoso_executable,
)

GRAPH = "https://w3id.org/sgam-onto/benchmark"
SGAM = "https://w3id.org/sgam-onto#"
ID = "https://w3id.org/sgam-onto/id/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_INT = "http://www.w3.org/2001/XMLSchema#integer"
XSD_BOOL = "http://www.w3.org/2001/XMLSchema#boolean"


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def slowest_query(store: object, repeat: int) -> tuple[str, float]:
    """The slowest catalogue query on ``store``; queries the store rejects are reported."""
    worst = ("", 0.0)
    for query in Catalogue().queries():
        params = sample_params(query)
        try:
            seconds = best(lambda q=query, p=params: run_stored(store, q, p), repeat)
        except SgamError as err:
            print(f"  {query.name} failed: {err}", file=sys.stderr)
            continue
        worst = max(worst, (query.name, seconds), key=lambda x: x[1])
    return worst


def n_triples(graph: object) -> bytes:
    triples = (ox.Triple(q.subject, q.predicate, q.object)
               for q in embedded.graph_to_quads(graph, ox.DefaultGraph()))
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def synthetic(path: Path, target: int) -> int:
    """Landscape-shaped N-Triples: bodies, standards, contexts, involvements, coordination."""
    lines: list[str] = []
    n = 0
    i = 0
    contexts = [f"<{ID}context/c{k}>" for k in range(7)]
    with path.open("w", encoding="utf-8") as out:
        while n < target:
            body, std = f"<{ID}body/b{i}>", f"<{ID}standard/s{i}>"
            inv, item = f"<{ID}involvement/i{i}>", f"<{ID}coordination/c{i}>"
            parent = f"<{ID}body/b{i // 10}>"
            ctx = contexts[i % 7]
            lines += [
                f"{body} <{RDF_TYPE}> <{SGAM}TechnicalCommittee> .",
                f'{body} <{RDFS_LABEL}> "IEC TC {i}"@en .',
                f"{body} <{SGAM}parentBody> {parent} .",
                f"{std} <{RDF_TYPE}> <{SGAM}Standard> .",
                f'{std} <{RDFS_LABEL}> "IEC {60000 + i}" .',
                f"{std} <{SGAM}maintainedBy> {body} .",
                f"{inv} <{RDF_TYPE}> <{SGAM}Involvement> .",
                f"{inv} <{SGAM}entity> {body} .",
                f"{inv} <{SGAM}context> {ctx} .",
                f'{inv} <{SGAM}mark> "X" .',
                f"{item} <{RDF_TYPE}> <{SGAM}CoordinationItem> .",
                f'{item} <{SGAM}number> "{i}"^^<{XSD_INT}> .',
                f"{item} <{SGAM}party> {body} .",
                f"{item} <{SGAM}party> {parent} .",
                f'{item} <{SGAM}highImportance> "{str(i % 3 == 0).lower()}"^^<{XSD_BOOL}> .',
                f'{item} <{RDFS_LABEL}> "coordination on topic {i}"@en .',
            ]
            n += 16
            i += 1
            if len(lines) > 100_000:
                out.write("\n".join(lines) + "\n")
                lines = []
        out.write("\n".join(lines) + "\n")
    return n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    landscape = load_landscape()
    body = n_triples(landscape.graph)
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        load = best(lambda: embedded.replace_graph(work / "embedded", GRAPH, landscape.graph),
                    args.repeat)
        store = embedded.open_store(work / "embedded", read_only=True)
        name, q = slowest_query(embedded.GraphView(store, GRAPH), args.repeat)
        rows.append(("embedded (on disk)", f"{load:.3f} s", f"{q * 1000:.1f} ms ({name})"))
        name, q = slowest_query(landscape.store, args.repeat)
        rows.append(("embedded (in memory)", "-", f"{q * 1000:.1f} ms ({name})"))

        servers: list[type] = [OxigraphServer]
        if virtuoso_executable():
            servers.append(VirtuosoServer)
        for cls in servers:
            server = cls(work / cls.layout).start()
            try:
                creds = Credentials(server.user, server.password) if server.user else None
                load = best(lambda s=server, c=creds: replace_graph(
                    s.endpoint, GRAPH, body, credentials=c), args.repeat)
                remote = RemoteStore(server.endpoint, GRAPH, creds)
                name, q = slowest_query(remote, args.repeat)
                rows.append((f"{cls.layout} server", f"{load:.3f} s",
                             f"{q * 1000:.1f} ms ({name})"))
            finally:
                server.stop()

        generated = work / "generated.nt"
        count = synthetic(generated, args.triples)
        from sgam_onto.cli import main as cli

        started = time.perf_counter()
        cli(["load", "--store", str(work / "big"), "--graph", GRAPH, str(generated)])
        first = time.perf_counter() - started
        started = time.perf_counter()
        cli(["load", "--store", str(work / "big"), "--graph", GRAPH, str(generated)])
        again = time.perf_counter() - started
        rows.append((f"embedded, {count} generated triples", f"{first:.1f} s (`load`, new store)",
                     f"{again:.1f} s (`load` again, replacing it)"))

    width = max(len(r[0]) for r in rows)
    print(f"landscape: {len(landscape.graph)} triples; best of {args.repeat}")
    print(f"{'store':<{width}}  {'load':<22}  slowest catalogue query")
    for store_name, load_time, query_time in rows:
        print(f"{store_name:<{width}}  {load_time:<22}  {query_time}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
