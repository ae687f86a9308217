"""The commands as users run them: whole `sgam-onto` processes, timed from the outside.

Not a test: ``make bench`` runs it, and anyone can run it by hand::

    .venv/bin/python benchmarks/commands.py [--triples 1M] [--queries all] [--pyshacl]

For each generator (``generate.py``, synthetic nations; ``replicate.py``, copies of the real
landscape) a file of ``--triples`` is made, then each of these runs as its own process, with
its wall time, CPU time (user + system) and peak memory read by ``os.wait4``:

* the baseline: pyoxigraph bulk-loading the same file into an in-memory store;
* ``sgam-onto validate FILE --engine fast``, with lint and with ``--no-lint`` (and with
  ``--engine pyshacl`` under ``--pyshacl``: minutes at 1M);
* ``sgam-onto query NAME --data FILE`` for every catalogue query (or those of ``--queries``),
  with the parameters of the store tests, and beside it the same query through the API on a
  store this script bulk loaded once (``run_stored``: wall and CPU time);
* the same queries on an Oxigraph server holding the same file (``oxigraph load``, then
  ``oxigraph serve`` on 127.0.0.1): ``sgam-onto query NAME --endpoint URL --graph default`` as
  a process, and through the API (``RemoteStore``; CPU time of the server process);
* ``sgam-onto check`` on the landscape with a cold (``--no-cache``) and a warm reasoner cache.

The section ``## Commands as users run them`` of benchmarks/RESULTS.md is replaced (or added);
the others are kept. Ratios to the baseline are taken within the same run, since the machine
may be shared.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for entry in (ROOT, ROOT / "benchmarks"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
SECTION = "## Commands as users run them"
PYTHON = sys.executable
CLI = [PYTHON, "-m", "sgam_onto"]
BASELINE = ("import sys, pyoxigraph as ox; s = ox.Store(); "
            "s.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)")


def timed(argv: list[str], budget: float = 3600) -> dict:
    """Wall seconds, CPU seconds (user + system), peak MB and exit code of one process."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = started + budget
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            child.kill()
            os.wait4(child.pid, 0)
            return {"status": f"not finished within {budget:g} s"}
        time.sleep(0.02)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024, "exit": child.returncode}


def cell(result: dict, baseline: dict | None = None) -> str:
    if "status" in result:
        return result["status"]
    text = (f"{result['wall']:.2f} s (CPU {result['cpu']:.2f} s, {result['peak_mb']:.0f} MB"
            f", exit {result['exit']})")
    if baseline is not None and "status" not in baseline:
        text += (f"; {result['wall'] / baseline['wall']:.2f}× wall, "
                 f"{result['cpu'] / baseline['cpu']:.2f}× CPU of the load")
    return text


def query_runs(names: str) -> list[tuple[str, list[str], dict[str, str]]]:
    """(name, arguments after ``query``, parameters) for each chosen catalogue query."""
    from sgam_onto.query.catalogue import Catalogue
    from tests.stores.catalogue_rows import sample_params

    chosen = None if names == "all" else set(names.split(","))
    runs = []
    for query in Catalogue().queries():
        if chosen is not None and query.name not in chosen:
            continue
        params = [item for k, v in sample_params(query).items() for item in ("--param", f"{k}={v}")]
        runs.append((query.name, [query.name, *params], sample_params(query)))
    return runs


def api_cell(seconds: float, cpu: float) -> str:
    if seconds == float("inf"):
        return "stopped by the time limit"
    return f"{seconds * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms)"


def api_validate(path: Path) -> str:
    """The fast engine through its API on the landscape and ``path``: wall and CPU time."""
    from sgam_onto.validate import validate

    started, used = time.perf_counter(), time.process_time()
    outcome = validate([path], engine="fast", locate=False)
    return (f"{time.perf_counter() - started:.2f} s (CPU {time.process_time() - used:.2f} s, "
            f"{len(outcome.results)} results)")


def measure_file(path: Path, queries: list[tuple[str, list[str]]], pyshacl: bool, lint: bool,
                 validate: bool = True) -> list[str]:
    base = timed([PYTHON, "-c", BASELINE, str(path)])
    rows = [f"| pyoxigraph bulk load (baseline) | {cell(base)} |"]
    commands = [("validate, --no-lint", ["validate", str(path), "--engine", "fast", "--no-lint"])]
    if lint:
        commands.insert(0, ("validate, lint on", ["validate", str(path), "--engine", "fast"]))
    if pyshacl:
        commands.append(("validate --engine pyshacl, --no-lint",
                         ["validate", str(path), "--engine", "pyshacl", "--no-lint"]))
    if not validate:
        commands = []
    for label, argv in commands:
        rows.append(f"| `{label}` | {cell(timed([*CLI, *argv]), base)} |")
        print(rows[-1], file=sys.stderr, flush=True)
    api_row = len(rows)  # filled last: its memory would count in the children's peaks
    rows += ["", "| query | `query NAME --data` (process) | API, embedded | "
             "`query NAME --endpoint` (process) | API, Oxigraph server (server CPU) |",
             "|---|---|---|---|---|"]
    import pyoxigraph as ox
    from catalogue_times import oxigraph_server, process_cpu
    from catalogue_times import timed as api_timed

    from sgam_onto.query.catalogue import Catalogue

    catalogue = Catalogue()
    worst = None
    with oxigraph_server(path) as (remote, pid):
        endpoint = ["--endpoint", remote.endpoint.require("query"), "--graph", "default"]
        # the processes first: a child's peak memory counts this process's pages at fork
        processes = {name: (timed([*CLI, "query", *argv, "--data", str(path)]),
                            timed([*CLI, "query", *argv, *endpoint]))
                     for name, argv, _ in queries}
        embedded = ox.Store()
        embedded.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        for name, _, params in queries:
            query = catalogue.load(name)
            result, on_server = processes[name]
            api = api_timed(embedded, query, params, 1)
            api_server = api_timed(remote, query, params, 1, process_cpu(pid))
            rows.append(f"| `{name}` | {cell(result, base)} | {api_cell(*api[:2])} | "
                        f"{cell(on_server)} | {api_cell(*api_server[:2])} |")
            print(rows[-1], file=sys.stderr, flush=True)
            if "status" not in result and "status" not in base:
                over = result["cpu"] - base["cpu"]  # CPU: the wall time follows the load
                worst = max(worst or (over, name), (over, name))
    if worst is not None:
        rows += ["", f"Slowest `query --data` over the load: {worst[0]:+.2f} s CPU "
                 f"({worst[1]})."]
    if validate:
        rows.insert(api_row, "| API: `validate_files_fast` (the fast engine's whole job, in "
                    f"this process) | {api_validate(path)} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", default="1M")
    parser.add_argument("--queries", default="all", help="all, or names separated by commas")
    parser.add_argument("--pyshacl", action="store_true", help="also validate with pyshacl")
    parser.add_argument("--no-lint-run", action="store_true",
                        help="leave out validate with lint on (minutes at 1M)")
    parser.add_argument("--no-validate", action="store_true",
                        help="leave out validate (the query and check figures only)")
    parser.add_argument("--generators", default="generate,replicate",
                        help="which generators' files to measure")
    parser.add_argument("--work", type=Path, default=ROOT / ".bench")
    args = parser.parse_args(argv)
    import generate
    import replicate

    n = generate._count(args.triples)
    args.work.mkdir(parents=True, exist_ok=True)
    queries = query_runs(args.queries)
    lines = [SECTION, "",
             f"Written by `benchmarks/commands.py --triples {args.triples}`: each command is a "
             "process of its own; wall time, CPU time (user + system) and peak memory from "
             f"`os.wait4`. Load average at the start: "
             f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (shared machine: compare the "
             "ratios, which are taken within this run).", ""]
    # check first: later this process holds a large store, which a child's peak counts
    cold = timed([*CLI, "check", "--no-cache"])
    warm = timed([*CLI, "check"])
    for label, make in (("synthetic nations (generate.py)",
                         lambda p: generate.write(p, n, seed=1, violations=0.01)),
                        ("copies of the landscape (replicate.py)",
                         lambda p: replicate.write(p, n))):
        stem = "scaled" if "generate" in label else "replica"
        if ("generate" if stem == "scaled" else "replicate") not in args.generators.split(","):
            continue
        path = args.work / f"{stem}-{args.triples.lower()}.nt"
        if not path.exists():
            make(path)
        lines += [f"### {label}, {args.triples}", "", "| command | measured |", "|---|---|"]
        lines += measure_file(path, queries, args.pyshacl, not args.no_lint_run,
                              not args.no_validate)
        lines.append("")
    lines += [f"`sgam-onto check` on the landscape: cold cache {cell(cold)}; warm {cell(warm)}.",
              ""]
    from serve_load import write_section

    write_section("\n".join(lines), RESULTS, SECTION)
    print(f"wrote {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
