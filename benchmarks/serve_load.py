"""Load `sgam-onto serve` for a bounded time and report latency, errors and memory (not a test).

    python benchmarks/serve_load.py [--seconds 30] [--clients 16] [--timeout 5] [--workers 2]

The site is published once into a temporary folder, then `sgam-onto serve --port 0 --site DIR`
runs as a child process on 127.0.0.1 (loopback only). Concurrent clients (threads, one
keep-alive connection each, redirects not followed automatically) send a random mix of
resource IRIs (HTML, Turtle or JSON-LD by Accept: the 303 is recorded, then its target is
fetched), static pages, and the stored catalogue queries that need no parameter (POST form,
results as SPARQL JSON). One more client keeps sending a cross join that no engine finishes in
time, which the server's time limit must stop with 503. The server's resident memory (and that
of its query workers) is sampled every second. Prints the summary and writes it as the
`## serve under load` section of benchmarks/RESULTS.md (other sections are kept).
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import random
import re
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "RESULTS.md"
SECTION = "## serve under load"
# COUNT makes the engine evaluate the whole join: a plain SELECT * is cut off by the row cap
# after its first rows and answers 200 quickly.
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ACCEPT = {
    "html": "text/html",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
}
STATIC = (
    "index.html",
    "ontology.html",
    "queries.html",
    "downloads.html",
    "style.css",
    "void.ttl",
    "ontology.ttl",
)


@dataclass(frozen=True)
class Sample:
    """One request: what kind it was, the status (0: connection error) and seconds taken."""

    kind: str
    status: int
    seconds: float
    started: float
    new_connection: bool = False


# ---------------------------------------------------------------- workload


def resource_paths(site: Path) -> list[str]:
    """`/id/KIND/SLUG` for every resource the site has an HTML page for."""
    found = []
    for page in sorted((site / "id").glob("*/*.html")):
        if page.stem != "index":  # listing pages: HTML only, no RDF document
            found.append(f"/id/{page.parent.name}/{page.stem}")
    return found


def static_paths(site: Path) -> list[str]:
    """Plain files of the site: its top pages and a few resource documents."""
    paths = [f"/{name}" for name in STATIC if (site / name).is_file()]
    docs = sorted((site / "id").glob("*/*.ttl"))[:20]
    paths += ["/" + p.relative_to(site).as_posix() for p in docs]
    return paths


def parameterless_queries() -> dict[str, str]:
    """Catalogue queries with no required parameter, by name."""
    from sgam_onto.query.stored import load_query

    chosen = {}
    for path in sorted((REPO / "queries" / "catalogue").glob("*.rq")):
        query = load_query(path)
        params = query.header.params if query.header else ()
        if not any(p.required for p in params):
            chosen[query.name] = query.text
    return chosen


class Client:
    """One keep-alive HTTP/1.1 connection to the server; reconnects after an error."""

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.conn: http.client.HTTPConnection | None = None
        self.fresh = False  # whether the last request opened the connection

    def request(
        self, method: str, path: str, headers: dict[str, str], body: bytes | None = None
    ) -> tuple[int, str | None, float]:
        """(status, Location header, seconds); status 0 when the connection failed."""
        started = time.perf_counter()
        try:
            self.fresh = self.conn is None
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            response.read()
            status, location = response.status, response.getheader("Location")
            if response.will_close:
                self.close()
        except (OSError, http.client.HTTPException):
            self.close()
            return 0, None, time.perf_counter() - started
        return status, location, time.perf_counter() - started

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def normal_client(
    client: Client,
    rng: random.Random,
    resources: list[str],
    statics: list[str],
    queries: dict[str, str],
    stop: threading.Event,
    out: list[Sample],
) -> None:
    """Random mix: 50 % resource IRIs (303 then the document), 20 % static, 30 % SPARQL."""
    names = sorted(queries)
    while not stop.is_set():
        roll = rng.random()
        t0 = time.monotonic()
        if roll < 0.5:
            fmt = rng.choice(sorted(ACCEPT))
            path = rng.choice(resources)
            headers = {"Accept": ACCEPT[fmt]}
            status, location, secs = client.request("GET", path, headers)
            out.append(Sample(f"iri {fmt} (303)", status, secs, t0, client.fresh))
            if status == 303 and location:
                target = urlsplit(urljoin(path, location)).path
                status, _, secs = client.request("GET", target, headers)
                out.append(Sample(f"document {fmt}", status, secs, time.monotonic(), client.fresh))
        elif roll < 0.7:
            status, _, secs = client.request("GET", rng.choice(statics), {})
            out.append(Sample("static", status, secs, t0, client.fresh))
        else:
            body = urlencode({"query": queries[rng.choice(names)]}).encode()
            headers = {
                "Accept": "application/sparql-results+json",
                "Content-Type": "application/x-www-form-urlencoded",
            }
            status, _, secs = client.request("POST", "/sparql", headers, body)
            out.append(Sample("sparql catalogue", status, secs, t0, client.fresh))


def expensive_client(client: Client, stop: threading.Event, out: list[Sample]) -> None:
    """Keeps sending the cross join; each must end with 503 from the time limit."""
    body = urlencode({"query": EXPENSIVE}).encode()
    headers = {
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    while not stop.is_set():
        t0 = time.monotonic()
        status, _, secs = client.request("POST", "/sparql", headers, body)
        out.append(Sample("sparql expensive", status, secs, t0))


# ---------------------------------------------------------------- server


def rss_kib(pid: int) -> int:
    """VmRSS of `pid` in KiB (0 if it is gone)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    m = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
    return int(m.group(1)) if m else 0


def children(pid: int) -> list[int]:
    """Direct child processes of `pid` (the query workers)."""
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
    return kids


def sample_memory(pid: int, stop: threading.Event, out: list[tuple[float, int, int]]) -> None:
    """Every second: (time, server RSS, server + workers RSS) in KiB."""
    while not stop.is_set():
        own = rss_kib(pid)
        out.append((time.monotonic(), own, own + sum(rss_kib(k) for k in children(pid))))
        stop.wait(1.0)


def start_server(site: Path, timeout: float, workers: int, log) -> tuple[subprocess.Popen, str]:
    """Start `sgam-onto serve` on a free loopback port; its URL once it has printed it."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sgam_onto",
            "serve",
            "--port",
            "0",
            "--site",
            str(site),
            "--timeout",
            str(timeout),
            "--workers",
            str(workers),
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=log,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    deadline = time.monotonic() + 120
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            line = proc.stdout.readline().strip()
            if line.startswith("http://"):
                return proc, line
            if not line and proc.poll() is not None:
                break
    stop_server(proc)
    raise SystemExit("the server did not start (see its log above)")


def wait_until_answering(host: str, port: int) -> None:
    client = Client(host, port, 5.0)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if client.request("GET", "/index.html", {})[0] == 200:
            client.close()
            return
        time.sleep(0.2)
    raise SystemExit("the server did not answer within 30 s")


def stop_server(proc: subprocess.Popen) -> str:
    """SIGTERM, then kill after 10 s; how it ended."""
    if proc.poll() is not None:
        return f"already exited ({proc.returncode})"
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
        return f"stopped by SIGTERM (exit {proc.returncode})"
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)
        return "killed after SIGTERM was ignored for 10 s"


# ---------------------------------------------------------------- report


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of `values` (which must not be empty)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def machine() -> str:
    model = "unknown CPU"
    try:
        m = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        model = m.group(1).strip() if m else model
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"- CPU: {model}, {os.cpu_count()} cores; Python {platform.python_version()} "
        f"({platform.system()} {platform.release()})\n"
        f"- load average when the run started: {load} (shared machine; absolute times vary)"
    )


def report(
    samples: list[Sample],
    memory: list[tuple[float, int, int]],
    args: argparse.Namespace,
    elapsed: float,
    info: dict[str, str],
) -> str:
    normal = [s for s in samples if s.kind != "sparql expensive"]
    expensive = [s for s in samples if s.kind == "sparql expensive"]
    by_kind: dict[str, list[Sample]] = defaultdict(list)
    for s in samples:
        by_kind[s.kind].append(s)
    lines = [
        SECTION,
        "",
        f"Written by `benchmarks/serve_load.py --seconds {args.seconds:g} --clients "
        f"{args.clients} --timeout {args.timeout:g} --workers {args.workers}`: "
        f"`sgam-onto serve` on 127.0.0.1 with a prebuilt site ({info['resources']} resource "
        f"IRIs, {info['queries']} catalogue queries without a required parameter), "
        f"{args.clients} keep-alive clients plus one client sending "
        f"`{EXPENSIVE}` over and over. Latency is client-side, from sending the request to "
        "reading the whole body.",
        "",
        machine(),
        "",
        "| kind | requests | statuses | p50 | p95 | p99 | max |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in sorted(by_kind):
        rows = by_kind[kind]
        secs = [s.seconds for s in rows]
        statuses = ", ".join(
            f"{'error' if k == 0 else k}: {v}"
            for k, v in sorted(Counter(s.status for s in rows).items())
        )
        lines.append(
            f"| {kind} | {len(rows)} | {statuses} | {ms(percentile(secs, 50))} | "
            f"{ms(percentile(secs, 95))} | {ms(percentile(secs, 99))} | {ms(max(secs))} |"
        )
    five = sum(1 for s in normal if s.status >= 500)
    failed = sum(1 for s in normal if s.status == 0)
    slow = [s for s in normal if s.seconds > 0.9]
    all_statuses = ", ".join(
        f"{'error' if k == 0 else k}: {v}"
        for k, v in sorted(Counter(s.status for s in samples).items())
    )
    lines += [
        "",
        f"- duration {elapsed:.1f} s; {len(samples)} requests, {len(normal)} normal; "
        f"throughput {len(normal) / elapsed:.0f} normal requests/s "
        f"({len(samples) / elapsed:.0f}/s in all)",
        f"- statuses, all requests: {all_statuses}",
        f"- 5xx among normal requests: {five} (must be 0); connection errors: {failed}",
        f"- normal requests over 0.9 s: {len(slow)}, of which {sum(s.new_connection for s in slow)}"
        f" opened their connection ({sum(s.new_connection for s in normal)} connections opened)",
    ]
    timed_out = [s.seconds for s in expensive if s.status == 503]
    other = Counter(s.status for s in expensive if s.status != 503)
    if timed_out:
        lines.append(
            f"- expensive cross join: {len(expensive)} sent, {len(timed_out)} stopped with 503 "
            f"after a median {percentile(timed_out, 50):.2f} s (min {min(timed_out):.2f} s, max "
            f"{max(timed_out):.2f} s; time limit {args.timeout:g} s)"
            + (f"; other outcomes: {dict(other)}" if other else "")
        )
    else:
        lines.append(
            f"- expensive cross join: {len(expensive)} sent, none stopped with 503: {dict(other)}"
        )
    if memory:
        own = [m[1] for m in memory]
        total = [m[2] for m in memory]
        lines.append(
            f"- server RSS (VmRSS, {len(memory)} samples at 1 s): start {own[0] / 1024:.1f} MiB, "
            f"max {max(own) / 1024:.1f} MiB, end {own[-1] / 1024:.1f} MiB; with its query "
            f"workers: start {total[0] / 1024:.1f}, max {max(total) / 1024:.1f}, end "
            f"{total[-1] / 1024:.1f} MiB"
        )
        half = own[len(own) // 2]
        late = (own[-1] - half) / half if half else 0.0
        lines.append(
            f"- memory {'stable' if abs(late) < 0.05 else 'not stable'} over the second half: "
            f"server RSS {half / 1024:.1f} MiB at half-time, {own[-1] / 1024:.1f} MiB at the end "
            f"({late:+.1%}; stable means within 5 %)"
        )
    lines.append(f"- server {info['stopped']}")
    return "\n".join(lines) + "\n"


def write_section(text: str, path: Path, heading: str = SECTION) -> None:
    """Replace (or append) the section under ``heading``, keeping every other section."""
    from sgam_onto.io.atomic import atomic_write

    old = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmark results\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(old):
        new = pattern.sub(lambda _: text + "\n", old, count=1).rstrip("\n") + "\n"
    else:
        new = old.rstrip("\n") + "\n\n" + text
    atomic_write(path, new.encode("utf-8"))


# ---------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0, help="load duration (default 30)")
    parser.add_argument("--clients", type=int, default=16, help="normal clients (default 16)")
    parser.add_argument(
        "--timeout", type=float, default=5.0, help="server query time limit, s (default 5)"
    )
    parser.add_argument("--workers", type=int, default=2, help="query workers (default 2)")
    parser.add_argument("--seed", type=int, default=63268)
    parser.add_argument("--results", type=Path, default=RESULTS, help="markdown file to update")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if not (0 < args.seconds <= 600 and 1 <= args.clients <= 64):
        parser.error("--seconds must be in (0, 600] and --clients in [1, 64]")

    with tempfile.TemporaryDirectory(prefix="sgam-onto-load-") as tmp:
        site = Path(tmp) / "site"
        subprocess.run(
            [sys.executable, "-m", "sgam_onto", "publish", "--out", str(site)],
            cwd=REPO,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        resources, statics = resource_paths(site), static_paths(site)
        queries = parameterless_queries()
        with open(Path(tmp) / "server.log", "w+") as log:
            proc, url = start_server(site, args.timeout, args.workers, log)
            stopped = "not stopped"
            try:
                host, port = urlsplit(url).hostname or "127.0.0.1", urlsplit(url).port or 80
                wait_until_answering(host, port)
                stop = threading.Event()
                memory: list[tuple[float, int, int]] = []
                outs: list[list[Sample]] = [[] for _ in range(args.clients + 1)]
                threads = [threading.Thread(target=sample_memory, args=(proc.pid, stop, memory))]
                for i in range(args.clients):
                    rng = random.Random(args.seed + i)
                    client = Client(host, port, args.timeout + 60)
                    threads.append(
                        threading.Thread(
                            target=normal_client,
                            args=(client, rng, resources, statics, queries, stop, outs[i]),
                        )
                    )
                threads.append(
                    threading.Thread(
                        target=expensive_client,
                        args=(Client(host, port, args.timeout + 60), stop, outs[-1]),
                    )
                )
                started = time.monotonic()
                for t in threads:
                    t.start()
                time.sleep(args.seconds)
                stop.set()
                elapsed = time.monotonic() - started
                for t in threads:
                    t.join(args.timeout + 70)
            finally:
                stopped = stop_server(proc)
            if proc.returncode not in (0, None):
                log.seek(0)
                sys.stderr.write(log.read()[-4000:])
    samples = [s for out in outs for s in out]
    info = {"resources": str(len(resources)), "queries": str(len(queries)), "stopped": stopped}
    text = report(samples, memory, args, elapsed, info)
    print(text, end="")
    if not args.no_write:
        write_section(text, args.results)
    normal_5xx = sum(1 for s in samples if s.kind != "sparql expensive" and s.status >= 500)
    return 1 if normal_5xx else 0


if __name__ == "__main__":
    sys.exit(main())
