"""What hostile or unlucky clients cannot do to `serve`: crash a worker with a deep query, hold
the server with slow connections, or fill its log with tracebacks by hanging up. Every loop
here is bounded in count and time, and all traffic stays on loopback."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sgam_onto.settings import current
from tests.serve.http import get, request, sparql_get
from tests.serve.server_fixture import Served, serving
from tests.serve.test_sparql import COUNT

HEADER_TIMEOUT = 2.0


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[Served]:
    timeouts = ("--header-timeout", str(HEADER_TIMEOUT), "--body-timeout", str(HEADER_TIMEOUT))
    with serving(site, "--workers", "1", "--max-connections", "60", *timeouts) as server:
        yield server


def _address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80


def _post(url: str, query: str) -> int:
    return request(
        "POST",
        url + "sparql",
        body=query.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    ).status


def test_queries_over_the_cli_limits_are_refused_before_parsing(served: Served) -> None:
    workers = served.children()
    assert len(workers) == 1
    most = current().max_query_chars
    padded = COUNT + " " * (most - len(COUNT) + 1)
    assert _post(served.url, padded) == 413
    assert _post(served.url, COUNT + " " * 999_900) == 413  # the 999,998-character POST
    assert _post(served.url, COUNT + " " * (most - len(COUNT))) == 200  # at the limit: runs
    deep = "SELECT * WHERE " + "{" * 5000 + "}" * 5000
    escaped = "SELECT * WHERE { " + "\\u007B" * 5000 + "\\u007D" * 5000 + " }"
    parens = "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    nots = "SELECT * WHERE { FILTER(" + "!" * 20000 + "true) }"  # no bracket, as deep
    minus = "SELECT * WHERE { FILTER(" + "- " * 20000 + "1) }"
    paths = "SELECT * WHERE { ?s " + "^" * 20000 + "<urn:p> ?o }"
    for query in [deep, escaped, parens, nots, minus, paths] * 4:  # a flood of them
        resp = request(
            "POST",
            served.url + "sparql",
            body=query.encode(),
            headers={"Content-Type": "application/sparql-query"},
        )
        assert resp.status == 400 and "nested" in resp.text
    assert sparql_get(served.url, "SELECT * WHERE " + "{" * 50 + "}" * 50, "text/csv").status == 200
    assert served.children() == workers  # no worker died and was replaced


def _trickle(url: str, count: int, seconds: float) -> list[socket.socket]:
    """`count` connections that each send a request head one byte at a time."""
    host, port = _address(url)
    socks = []
    for _ in range(count):
        s = socket.create_connection((host, port), timeout=5)
        s.sendall(b"GET / HTTP/1.1\r\n")
        socks.append(s)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for s in socks:
            with contextlib.suppress(OSError):
                s.sendall(b"X")
        time.sleep(0.25)
    return socks


def _closed_by_server(s: socket.socket) -> bool:
    s.settimeout(3)
    try:
        while True:
            data = s.recv(65536)
            if not data:
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False


def test_slow_clients_are_cut_off_and_others_are_served(served: Served) -> None:
    holder: dict[str, list[socket.socket]] = {}
    thread = threading.Thread(
        target=lambda: holder.setdefault("socks", _trickle(served.url, 50, HEADER_TIMEOUT + 1.5))
    )
    thread.start()
    try:
        time.sleep(0.5)
        for _ in range(5):  # normal requests while 50 connections trickle
            started = time.monotonic()
            assert get(served.url + "id/body/iec-tc57-wg17.ttl", timeout=5).status == 200
            assert time.monotonic() - started < 2
        thread.join(30)
        socks = holder["socks"]
        closed = [_closed_by_server(s) for s in socks]
        assert all(closed), f"{closed.count(False)} slow connections still open"
    finally:
        for s in holder.get("socks", []):
            s.close()
    assert get(served.url + "style.css").status == 200


def test_a_body_sent_too_slowly_is_cut_off(served: Served) -> None:
    host, port = _address(served.url)
    with socket.create_connection((host, port), timeout=5) as s:
        s.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 1000\r\n\r\nSELECT"
        )
        started = time.monotonic()
        deadline = started + HEADER_TIMEOUT + 3
        while time.monotonic() < deadline:  # one byte every 0.25 s: never 1,000 in time
            try:
                s.sendall(b" ")
            except OSError:
                break
            time.sleep(0.25)
        assert _closed_by_server(s)
        assert time.monotonic() - started < HEADER_TIMEOUT + 5
    assert get(served.url + "style.css").status == 200


def test_connections_over_the_limit_get_503_and_the_server_recovers(site: Path) -> None:
    options = ("--workers", "1", "--header-timeout", "3", "--max-connections", "4")
    with serving(site, *options) as srv:
        host, port = _address(srv.url)
        # More idle connections than the limit: whatever the timing, four hold every slot.
        idle = [socket.create_connection((host, port), timeout=5) for _ in range(6)]
        try:
            time.sleep(0.5)
            busy = get(srv.url + "style.css", timeout=5)
            assert busy.status == 503 and busy.header("Retry-After") == "1"
            time.sleep(4)  # the idle ones reach their header deadline and are closed
            assert get(srv.url + "style.css", timeout=5).status == 200
        finally:
            for s in idle:
                s.close()


def test_a_client_that_hangs_up_costs_one_log_line_and_no_traceback(site: Path) -> None:
    with serving(site, "--workers", "1") as srv:
        host, port = _address(srv.url)
        for _ in range(3):
            s = socket.create_connection((host, port), timeout=5)
            s.sendall(b"GET /data/sgam-onto.nt HTTP/1.1\r\nHost: x\r\n\r\n")
            s.recv(100)
            # close with a reset, as a client killed mid-download does
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.close()
        time.sleep(0.5)
        assert get(srv.url + "style.css").status == 200
    assert "Traceback" not in srv.stderr, srv.stderr[srv.stderr.find("Traceback") - 300 :]
    closed = [line for line in srv.stderr.splitlines() if "connection closed" in line]
    assert 1 <= len(closed) <= 3, srv.stderr
