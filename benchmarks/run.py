"""Benchmarks at scale; writes benchmarks/RESULTS.md. Not part of the unit tests.

    .venv/bin/python benchmarks/run.py [--scales 10k,100k,1M] [--repeat 3]
                                      [--pyshacl-max 100k] [--pyshacl-budget 900] [--big 10M]

Every measurement runs in a child process of its own (``--child TASK``), so that its peak
memory is that child's (``os.wait4``); times are medians of ``--repeat`` runs. Measured:

* load: the embedded store's plain bulk load (pyoxigraph), Oxigraph's own bulk loader
  (``oxigraph load``) and the fast validation path's load (parse, keep lexical forms);
* validate: the fast path and pyshacl (up to ``--pyshacl-max`` triples, each run within
  ``--pyshacl-budget`` seconds; "not run" beyond), and whether both give the same results;
* every catalogue query (``queries/catalogue/*.rq`` with the sample parameters of the store
  tests) on the landscape + the largest generated file, embedded; on the landscape with rdflib's
  engine (baseline, within a time budget); and on an Oxigraph server on 127.0.0.1;
* ``sgam-onto check`` end to end on the SRD landscape.

``--big 10M`` adds one fast-path run on 10M triples (long: run it in the background).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
RESULTS = ROOT / "benchmarks" / "RESULTS.md"
BIN = Path(sys.executable).parent


# ---------------------------------------------------------------- child tasks (one measurement)

def _child(task: str, args: list[str]) -> dict:
    import pyoxigraph as ox

    started = time.perf_counter()
    if task == "load":
        store = ox.Store()
        store.bulk_load(path=args[0], format=ox.RdfFormat.N_TRIPLES)
        return {"seconds": time.perf_counter() - started, "triples": len(store)}
    if task == "fast":
        from sgam_onto.fastshacl import FastData, validate
        from sgam_onto.validate.shapes import load_shapes

        shapes = load_shapes()
        started = time.perf_counter()
        data = FastData.from_files([args[0]])
        loaded = time.perf_counter()
        outcome = validate(data, shapes)
        done = time.perf_counter()
        out = {"seconds": done - started, "load": loaded - started, "validate": done - loaded,
               "results": len(outcome.results), "fallback": len(outcome.fallback)}
        if len(args) > 1:
            _write_keys(Path(args[1]), outcome.results)
        return out
    if task == "pyshacl":
        from sgam_onto.fastshacl.reference import pyshacl_results
        from sgam_onto.rdf.convert import graph_from_quads
        from sgam_onto.rdf.parse import parse_file
        from sgam_onto.validate.shapes import load_shapes

        shapes = load_shapes()
        started = time.perf_counter()
        graph = graph_from_quads(parse_file(args[0]).quads)
        loaded = time.perf_counter()
        results = pyshacl_results(graph, shapes)
        done = time.perf_counter()
        if len(args) > 1:
            _write_keys(Path(args[1]), results)
        return {"seconds": done - started, "load": loaded - started, "validate": done - loaded,
                "results": len(results)}
    if task == "catalogue":
        return _catalogue(args[0], args[1:], int(os.environ.get("BENCH_REPEAT", "3")))
    if task == "check":
        subprocess.run([str(BIN / "sgam-onto"), "check"], check=False, capture_output=True)
        return {"seconds": time.perf_counter() - started}
    raise SystemExit(f"unknown task {task}")


def _write_keys(path: Path, results: list) -> None:
    keys = sorted(json.dumps([str(x) for x in (*r.key, r.value)]) for r in results)
    path.write_text("\n".join(keys), encoding="utf-8")


def _catalogue(engine: str, files: list[str], repeat: int) -> dict:
    """Each catalogue query's median time on ``engine``: embedded, rdflib or a server URL."""
    from sgam_onto.query.catalogue import Catalogue
    from sgam_onto.query.runner import bind_stored, run_stored
    from tests.stores.catalogue_rows import sample_params

    if engine == "embedded":
        import pyoxigraph as ox

        from sgam_onto.landscape import load_landscape
        from sgam_onto.rdf.convert import store_from_graph

        store = store_from_graph(load_landscape().graph)
        for path in files:
            store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES)

        def run(query: object, params: dict) -> object:
            return run_stored(store, query, params)  # type: ignore[arg-type]
    elif engine == "rdflib":
        from sgam_onto.fastshacl.terms import to_rdflib
        from sgam_onto.landscape import load_landscape

        graph = load_landscape().graph

        def run(query: object, params: dict) -> object:
            bindings = {k: to_rdflib(v) for k, v in bind_stored(query, params).items()}  # type: ignore[arg-type]
            with _deadline(RDFLIB_QUERY_SECONDS):
                return list(graph.query(query.text, initBindings=bindings))  # type: ignore[attr-defined]
    else:
        from sgam_onto.stores.layouts import resolve_endpoint
        from sgam_onto.stores.remote import RemoteStore

        remote = RemoteStore(resolve_endpoint(engine, "oxigraph"), None)

        def run(query: object, params: dict) -> object:
            return run_stored(remote, query, params)  # type: ignore[arg-type]

    times: dict[str, float | str] = {}
    for query in Catalogue().queries():
        params = sample_params(query)
        try:
            times[query.name] = _median(lambda q=query, p=params: run(q, p), repeat)
        except Exception as err:  # a query a store rejects is reported, not fatal
            times[query.name] = f"failed: {str(err).splitlines()[0][:80]}"
        print(json.dumps({query.name: times[query.name]}), file=sys.stderr, flush=True)
    return {"queries": times}


RDFLIB_QUERY_SECONDS = 20  # per query on rdflib's engine, which some queries keep busy for hours


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Stop pure-Python work after ``seconds`` (SIGALRM), so one query cannot use the budget."""
    def stop(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _median(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


# ---------------------------------------------------------------- the parent: runs and reports

def measure(task: str, *args: str, repeat: int = 1, budget: float | None = None) -> dict:
    """Median of ``repeat`` child runs of ``task``; peak memory is the largest child's."""
    runs, peak = [], 0
    for _ in range(repeat):
        child = subprocess.Popen(
            [sys.executable, "-W", "ignore", __file__, "--child", task, *args],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT,
            env={**os.environ, "BENCH_REPEAT": str(repeat)},
        )
        try:
            out, _ = child.communicate(timeout=budget)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            return {"status": f"not finished within {budget:g} s"}
        peak = max(peak, _USAGE.get(child.pid, 0))
        if child.returncode:
            return {"status": f"failed (exit {child.returncode})"}
        runs.append(json.loads(out.decode().strip().splitlines()[-1]))
    result = dict(runs[len(runs) // 2])
    for key in ("seconds", "load", "validate"):
        if key in runs[0]:
            result[key] = statistics.median(r[key] for r in runs)
    result["peak_mb"] = peak / 1024
    return result


_USAGE: dict[int, int] = {}  # child pid -> its peak resident memory (KiB)


def _popen_wait_with_usage() -> None:
    """Make Popen reap children with wait4, so each child's own peak memory is known."""
    original = subprocess.Popen._try_wait  # type: ignore[attr-defined]

    def try_wait(self: subprocess.Popen, wait_flags: int) -> tuple[int, int]:
        try:
            pid, status, usage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return original(self, wait_flags)
        if pid:
            _USAGE[pid] = usage.ru_maxrss
        return pid, status

    subprocess.Popen._try_wait = try_wait  # type: ignore[attr-defined]


def oxigraph_load(path: Path, repeat: int) -> dict:
    """Oxigraph's own bulk loader into a fresh on-disk store, median wall time."""
    exe = shutil.which("oxigraph", path=str(BIN))
    if exe is None:
        return {"status": "oxigraph executable missing"}
    runs, peak = [], 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            child = subprocess.Popen([exe, "load", "--location", tmp, "--file", str(path)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            child.wait()
            runs.append(time.perf_counter() - started)
            peak = max(peak, _USAGE.get(child.pid, 0))
    return {"seconds": statistics.median(runs), "peak_mb": peak / 1024}


def server_catalogue(path: Path, work: Path, repeat: int) -> dict:
    """The catalogue on ``oxigraph serve`` (127.0.0.1) holding the landscape and ``path``."""
    from sgam_onto.landscape import load_landscape
    from tests.stores.servers import OxigraphServer, oxigraph_executable

    exe = oxigraph_executable()
    if exe is None:
        return {"status": "oxigraph executable missing"}
    landscape = work / "landscape.nt"
    _landscape_nt(load_landscape().graph, landscape)
    server = OxigraphServer(work / "server")
    for file in (landscape, path):
        subprocess.run([exe, "load", "--location", str(server.directory / "data"),
                        "--file", str(file)], check=True, capture_output=True)
    server.start()
    try:
        return measure("catalogue", server.base_url, repeat=1)
    finally:
        server.stop()


def _landscape_nt(graph: object, path: Path) -> None:
    import pyoxigraph as ox

    from sgam_onto.fastshacl.terms import from_rdflib

    triples = [ox.Triple(from_rdflib(s), from_rdflib(p), from_rdflib(o))  # type: ignore[arg-type]
               for s, p, o in graph]  # type: ignore[attr-defined]
    path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))


def machine() -> list[str]:
    import pyoxigraph
    import pyshacl
    import rdflib

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               platform.processor())
    memory = next((int(line.split()[1]) // 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    return [
        f"- CPU: {cpu}, {os.cpu_count()} cores; memory {memory / 1024:.1f} GiB",
        f"- Python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, "
        f"rdflib {rdflib.__version__}, pyshacl {pyshacl.__version__}",
        f"- load average when the run started: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        " (the machine is shared; absolute times vary with it, ratios less)",
    ]


def _section(path: Path, heading: str) -> str:
    """The section of ``path`` under ``heading`` (up to the next ``## ``), or ""."""
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")
    start = text.find(f"\n{heading}\n")
    if start < 0:
        return ""
    end = text.find("\n## ", start + 1)
    return text[start + 1:] if end < 0 else text[start + 1:end + 1]


def _count(text: str) -> int:
    from generate import _count as parse

    return parse(text)


def _label(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 else f"{n // 1000}k"


def _s(result: dict, key: str = "seconds") -> str:
    if "status" in result:
        return result["status"]
    return f"{result[key]:.2f} s" if key in result else "-"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10k,100k,1M")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pyshacl-max", default="100k")
    parser.add_argument("--pyshacl-budget", type=float, default=900.0)
    parser.add_argument("--rdflib-budget", type=float, default=900.0)
    parser.add_argument("--big", default="", help="also one fast-path run at this size")
    parser.add_argument("--work", type=Path, default=None, help="keep generated files here")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child[0], args.child[1:])))
        return 0
    _popen_wait_with_usage()
    import generate

    scales = [_count(s) for s in args.scales.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="sgam-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    lines = ["# Benchmark results", "", "Written by `benchmarks/run.py` (`make bench`).", "",
             "## Machine", "", *machine(), ""]
    rows, targets = [], []
    files: dict[int, Path] = {}
    for n in scales:
        path = work / f"scaled-{_label(n)}.nt"
        if not path.exists():
            generate.write(path, n, seed=1, violations=0.01)
        files[n] = path
        load = measure("load", str(path), repeat=args.repeat)
        ox_load = oxigraph_load(path, args.repeat)
        fast_keys, ref_keys = work / f"fast-{n}.keys", work / f"ref-{n}.keys"
        fast = measure("fast", str(path), str(fast_keys), repeat=args.repeat)
        if n <= _count(args.pyshacl_max):
            ref = measure("pyshacl", str(path), str(ref_keys), repeat=1,
                          budget=args.pyshacl_budget)
        else:
            ref = {"status": "not run (above --pyshacl-max)"}
        same = "-"
        if "status" not in ref and "status" not in fast:
            same = "yes" if fast_keys.read_text() == ref_keys.read_text() else "NO"
        ratio = (f"{ref['seconds'] / fast['seconds']:.1f}×"
                 if "status" not in ref and "status" not in fast else "-")
        rows.append((n, load, ox_load, fast, ref, same, ratio))
        print(f"{_label(n)}: load {_s(load)}, oxigraph load {_s(ox_load)}, fast {_s(fast)}, "
              f"pyshacl {_s(ref)}, same {same}", file=sys.stderr)
    lines += ["## Load and validate", "",
              "| triples | embedded load | `oxigraph load` | fast: load + validate (peak) "
              "| pyshacl: parse + validate (peak) | same results | speed-up |",
              "|---|---|---|---|---|---|---|"]
    for n, load, ox_load, fast, ref, same, ratio in rows:
        fast_text = (fast.get("status") or f"{fast['load']:.2f} + {fast['validate']:.2f} = "
                     f"{fast['seconds']:.2f} s ({fast['peak_mb']:.0f} MB, "
                     f"{fast['results']} results)")
        ref_text = (ref.get("status") or f"{ref['load']:.2f} + {ref['validate']:.2f} = "
                    f"{ref['seconds']:.2f} s ({ref['peak_mb']:.0f} MB)")
        lines.append(f"| {_label(n)} | {_s(load)} ({load.get('peak_mb', 0):.0f} MB) | "
                     f"{_s(ox_load)} | {fast_text} | {ref_text} | {same} | {ratio} |")
    lines.append("")
    largest = max(scales)
    biggest = rows[-1]
    if args.big:
        n = _count(args.big)
        path = work / f"scaled-{_label(n)}.nt"
        if not path.exists():
            generate.write(path, n, seed=1, violations=0.01)
        big = measure("fast", str(path), repeat=1, budget=3600)
        lines += [f"Fast path on {_label(n)} triples (one run): {_s(big)}, "
                  f"peak {big.get('peak_mb', 0):.0f} MB.", ""]
        targets.append((f"validate {_label(n)} < 5 min within 8 GB",
                        "status" not in big and big["seconds"] < 300
                        and big["peak_mb"] < 8192, _s(big)))
    else:
        lines += ["10M triples: not run (it needs `--big 10M`).", ""]

    embedded = measure("catalogue", "embedded", str(files[largest]), repeat=1)
    rdflib_times = measure("catalogue", "rdflib", repeat=1, budget=args.rdflib_budget)
    server = server_catalogue(files[largest], work, args.repeat)
    check = measure("check", repeat=args.repeat)
    names = sorted(embedded.get("queries", {}))
    lines += [f"## Catalogue queries (median of {args.repeat})", "",
              f"Embedded and server: landscape + {_label(largest)} generated triples; "
              "rdflib: landscape alone.", "",
              "| query | embedded | Oxigraph server | rdflib (landscape) |", "|---|---|---|---|"]

    def cell(found: dict, name: str) -> str:
        value = found.get("queries", {}).get(name)
        if value is None:
            return found.get("status", "not run")
        return value if isinstance(value, str) else f"{value * 1000:.1f} ms"

    for name in names:
        lines.append(f"| {name} | {cell(embedded, name)} | {cell(server, name)} | "
                     f"{cell(rdflib_times, name)} |")
    lines += ["", f"Peak memory: embedded {embedded.get('peak_mb', 0):.0f} MB, "
              f"rdflib {rdflib_times.get('peak_mb', 0):.0f} MB.", "",
              f"`sgam-onto check` on the SRD landscape: {_s(check)} wall (median of "
              f"{args.repeat}, reasoner cache warm after the first run).", ""]

    n, load, ox_load, fast, ref, same, ratio = biggest
    slowest = max((v for v in embedded.get("queries", {}).values() if not isinstance(v, str)),
                  default=float("inf"))
    if "status" not in ref and "status" not in fast:
        speed = ref["seconds"] / fast["seconds"]
        targets.append((f"validate {_label(n)}: ≥40× faster than pyshacl, same results",
                        speed >= 40 and same == "yes", f"{speed:.1f}×, same results: {same}"))
    else:
        targets.append((f"validate {_label(n)}: ≥40× faster than pyshacl",
                        False, f"pyshacl {ref.get('status', '')}; see the table for smaller sizes"))
    if "status" not in fast:
        targets.append((f"validate {_label(n)} ≤ ~10 s", fast["seconds"] <= 10,
                        f"{fast['seconds']:.1f} s"))
        targets.append((f"validate {_label(n)} within 5× of the embedded load",
                        fast["seconds"] <= 5 * load["seconds"],
                        f"{fast['seconds'] / load['seconds']:.1f}× the load"))
    failed = sorted(k for k, v in embedded.get("queries", {}).items() if isinstance(v, str))
    targets.append((f"every catalogue query < 1 s embedded (landscape + {_label(largest)})",
                    slowest < 1 and not failed,
                    f"slowest that finished {slowest:.3f} s ({slowest:.1f}× the target)"
                    + (f"; failed (timeout): {', '.join(failed)}" if failed else "")))
    if "status" not in check:
        targets.append(("`sgam-onto check` on the SRD landscape < 2 s", check["seconds"] < 2,
                        f"{check['seconds']:.2f} s ({check['seconds'] / 2:.2f}× the target)"))
    if "status" not in ox_load and "status" not in load:
        targets.append(("embedded load within 2× of `oxigraph load`",
                        load["seconds"] <= 2 * ox_load["seconds"],
                        f"{load['seconds'] / ox_load['seconds']:.2f}× its time"))
    lines += ["## Targets", "", "| target | met | measured |", "|---|---|---|"]
    lines += [f"| {t} | {'met' if ok else 'not met'} | {m} |" for t, ok, m in targets]
    lines.append("")
    import commands
    from serve_load import SECTION, write_section

    from sgam_onto.io.atomic import atomic_write

    kept = _section(RESULTS, SECTION)  # written by serve_load.py; kept as it is
    kept_commands = _section(RESULTS, commands.SECTION)  # and by commands.py
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else ""
    rounds = [_section(RESULTS, h) for h in old.splitlines() if h.startswith("## Round")]
    lines += [text.rstrip("\n") + "\n" for text in rounds]  # notes of earlier rounds stay
    atomic_write(RESULTS, "\n".join(lines).encode("utf-8"))
    if kept_commands:
        write_section(kept_commands, RESULTS, commands.SECTION)
    if kept:
        write_section(kept, RESULTS)
    print(f"wrote {RESULTS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
