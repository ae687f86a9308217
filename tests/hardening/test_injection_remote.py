"""Parameters sent to a remote endpoint stay values: a loopback recorder sees the exact query.

The recorder answers like a SPARQL endpoint with no matching rows and keeps every request it
receives. Each payload must arrive bound in the VALUES block, so that running the received
text on the landscape gives exactly what the embedded store gives for the same parameter.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs

import pyoxigraph as ox
import pytest

from sgam_onto.cli import main
from sgam_onto.landscape import load_landscape
from sgam_onto.query.binding import inject_values, values_block
from sgam_onto.query.catalogue import Catalogue
from sgam_onto.query.runner import run_stored

PAYLOADS = [
    'CEM" } ; DROP ALL ; SELECT * WHERE { "',
    "CEM'} UNION { ?s ?p ?o }",
    "CEM\n} # comment\nSELECT *",
    "CEM> } ; DROP ALL",
    "CEM\\u0022 } \\U00000022",
    "{{ }} <http://127.0.0.1/> ; LOAD <http://127.0.0.1/>",
    "dso",
]


class Recorder(BaseHTTPRequestHandler):
    received: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode("utf-8")
        form = parse_qs(body)
        Recorder.received.append(form["query"][0] if "query" in form else body)
        answer = json.dumps({"head": {"vars": ["abbreviation", "term", "notation", "expansion",
                                               "denotes", "source"]},
                             "results": {"bindings": []}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def recorder() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def landscape():
    return load_landscape()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_remote_query_carries_the_payload_as_one_value(recorder, landscape, payload, capsys):
    Recorder.received.clear()
    code = main(["query", "glossary-lookup", "--param", f"abbreviation={payload}",
                 "--endpoint", recorder, "--format", "json"])
    capsys.readouterr()
    assert code == 0
    assert len(Recorder.received) == 1
    sent = Recorder.received[0]
    query = Catalogue().load("glossary-lookup")
    expected = run_stored(landscape.store, query, {"abbreviation": payload}).rows
    got = list(landscape.store.query(sent))
    assert [tuple(row) for row in got] == [tuple(row) for row in expected]
    # the text received is the stored query with one VALUES row binding the payload as a
    # single literal, and nothing else changed
    block = values_block({"abbreviation": ox.Literal(payload)})
    assert block in sent
    assert sent == inject_values(query.text, {"abbreviation": ox.Literal(payload)})
    probe = ox.Store()
    values_only = f"SELECT ?abbreviation WHERE {{ {block} }}"
    assert [row[0].value for row in probe.query(values_only)] == [payload]
