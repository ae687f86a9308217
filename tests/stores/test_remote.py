"""Remote stores over the W3C protocols, and how they fail: a failure leaves the graph as it was."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto.errors import SgamError
from sgam_onto.query.binding import to_term
from sgam_onto.query.headers import Param
from sgam_onto.stores.credentials import Credentials
from sgam_onto.stores.http import RemoteError
from sgam_onto.stores.layouts import resolve_endpoint
from sgam_onto.stores.remote import RemoteStore, replace_graph
from tests.conftest import require_virtuoso
from tests.stores.servers import OxigraphServer, Server, VirtuosoServer, free_port

GRAPH = "https://example.org/sgam-onto/remote-test"
OTHER = "https://example.org/sgam-onto/other"


def _nt(n: int, tag: str = "v") -> bytes:
    return "".join(
        f'<https://example.org/s{i}> <https://example.org/p> "{tag}{i}" .\n' for i in range(n)
    ).encode()


def _creds(server: Server) -> Credentials | None:
    return Credentials(server.user, server.password, "test") if server.user else None


def _values(server: Server, graph: str = GRAPH) -> set[str]:
    store = RemoteStore(server.endpoint, graph, _creds(server))
    return {row["o"].value for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")}


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request: pytest.FixtureRequest) -> Server:
    return request.getfixturevalue(f"{request.param}_server")


def test_put_replaces_the_graph_and_queries_see_only_it(server: Server) -> None:
    creds = _creds(server)
    replace_graph(server.endpoint, OTHER, _nt(2, "other"), credentials=creds)
    replace_graph(server.endpoint, GRAPH, _nt(3, "old"), credentials=creds)
    replace_graph(server.endpoint, GRAPH, _nt(2, "new"), credentials=creds)
    assert _values(server) == {"new0", "new1"}  # replaced, not appended; OTHER not visible
    assert _values(server, OTHER) == {"other0", "other1"}


def test_literals_survive_the_trip(server: Server) -> None:
    data = (
        '<https://example.org/s> <https://example.org/p> "é \\"quoted\\"\\nline"@en-GB .\n'
        '<https://example.org/s> <https://example.org/p> "2020-05-01"^^'
        "<http://www.w3.org/2001/XMLSchema#date> .\n"
    ).encode()
    replace_graph(server.endpoint, GRAPH, data, credentials=_creds(server))
    store = RemoteStore(server.endpoint, GRAPH, _creds(server))
    found = {row["o"] for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")}
    assert ox.Literal('é "quoted"\nline', language="en-gb") in found
    assert ox.Literal("2020-05-01", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#date")) in found


def test_parameters_are_bound_as_terms_not_text(server: Server) -> None:
    replace_graph(server.endpoint, GRAPH, _nt(3), credentials=_creds(server))
    store = RemoteStore(server.endpoint, GRAPH, _creds(server))
    query = "SELECT ?s ?o WHERE { ?s <https://example.org/p> ?o }"
    hostile = to_term(Param("o", "string"), 'v1" } UNION { ?s ?p ?o } #\n\\u0022')
    rows = list(store.query(query, substitutions={ox.Variable("o"): hostile}))
    assert rows == []  # the whole value is one literal: it matches nothing
    rows = list(store.query(query, substitutions={ox.Variable("o"): ox.Literal("v1")}))
    assert [r["s"].value for r in rows] == ["https://example.org/s1"]


def test_labels_are_looked_up_in_the_queried_graph(oxigraph_server: Server) -> None:
    from sgam_onto.query.labels import labels_for

    data = b'<https://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> "A"@en .\n'
    replace_graph(oxigraph_server.endpoint, GRAPH, data)
    store = RemoteStore(oxigraph_server.endpoint, GRAPH)
    iri = ox.NamedNode("https://example.org/a")
    assert labels_for(store, [[iri, ox.Literal("x")]]) == {iri.value: "A"}


def test_wrong_password_is_a_clear_error_and_changes_nothing(virtuoso_server: Server) -> None:
    replace_graph(virtuoso_server.endpoint, GRAPH, _nt(2, "kept"),
                  credentials=_creds(virtuoso_server))
    wrong = Credentials("dba", "not-the-password", "$SGAM_ONTO_USER")
    with pytest.raises(RemoteError, match=r"HTTP 401 Unauthorized: wrong user or password \('dba'"):
        replace_graph(virtuoso_server.endpoint, GRAPH, _nt(5, "lost"), credentials=wrong)
    with pytest.raises(RemoteError, match=r"HTTP 401.*SGAM_ONTO_USER"):
        replace_graph(virtuoso_server.endpoint, GRAPH, _nt(5, "lost"))
    assert _values(virtuoso_server) == {"kept0", "kept1"}


def test_wrong_url_is_a_clear_error_and_changes_nothing(server: Server) -> None:
    replace_graph(server.endpoint, GRAPH, _nt(2, "kept"), credentials=_creds(server))
    wrong = resolve_endpoint(server.base_url + "/no-such-service", server.layout)
    with pytest.raises(RemoteError, match=r"HTTP (404|501)"):  # Virtuoso: 501 for any PUT
        replace_graph(wrong, GRAPH, _nt(5, "lost"), credentials=_creds(server))
    with pytest.raises(RemoteError, match=r"HTTP 404"):
        RemoteStore(wrong, GRAPH).query("ASK {}")
    nobody = resolve_endpoint(f"http://127.0.0.1:{free_port()}", server.layout)
    with pytest.raises(RemoteError, match="connection refused"):
        replace_graph(nobody, GRAPH, _nt(5, "lost"), credentials=_creds(server))
    assert _values(server) == {"kept0", "kept1"}


def test_unknown_host_and_timeout_are_one_line_errors() -> None:
    unknown = resolve_endpoint("http://no-such-host.invalid", "oxigraph")
    with pytest.raises(RemoteError, match=r"unknown host 'no-such-host\.invalid'"):
        RemoteStore(unknown, GRAPH).query("ASK {}")
    with _Silent() as url, pytest.raises(RemoteError, match=r"no answer within 0.5 s"):
        RemoteStore(resolve_endpoint(url), GRAPH, timeout=0.5).query("ASK {}")


def test_a_non_sparql_answer_is_a_clear_error(oxigraph_server: Server) -> None:
    with _HtmlServer() as url:
        with pytest.raises(RemoteError, match=r"not a SPARQL endpoint: the answer is text/html"):
            RemoteStore(resolve_endpoint(url), GRAPH).query("SELECT * WHERE { ?s ?p ?o }")
        # a GSP URL that is really a web page: the PUT "succeeds" there, nothing is stored
        replace_graph(oxigraph_server.endpoint, GRAPH, _nt(2, "kept"))
        html = resolve_endpoint(url, gsp_url=url + "/store")
        replace_graph(html, GRAPH, _nt(5, "lost"))
    assert _values(oxigraph_server) == {"kept0", "kept1"}


def test_a_bad_graph_iri_is_refused_before_sending(oxigraph_server: Server) -> None:
    with pytest.raises(SgamError, match="not a valid IRI"):
        replace_graph(oxigraph_server.endpoint, "not an iri", _nt(1))


@pytest.mark.parametrize("kind", ["oxigraph", "virtuoso"])
def test_killing_the_server_mid_load_leaves_the_graph_as_it_was(
    kind: str, tmp_path: Path
) -> None:
    if kind == "virtuoso":
        require_virtuoso()
    server = (OxigraphServer if kind == "oxigraph" else VirtuosoServer)(tmp_path / kind).start()
    try:
        creds = _creds(server)
        replace_graph(server.endpoint, GRAPH, _nt(3, "kept"), credentials=creds)
        body = _nt(50_000, "lost")
        half = len(body) // 2

        def crash_midway() -> Iterator[bytes]:
            yield body[:half]
            server.kill()
            yield body[half:]

        with pytest.raises(RemoteError, match="connection was lost"):
            replace_graph(server.endpoint, GRAPH, crash_midway(), length=len(body),
                          credentials=creds)
        server.start()
        assert _values(server) == {"kept0", "kept1", "kept2"}
    finally:
        server.stop()


class _HtmlServer:
    """A web server that answers every request with an HTML page (a wrong --endpoint)."""

    def __enter__(self) -> str:
        class Handler(http.server.BaseHTTPRequestHandler):
            def _page(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                page = b"<html><head><title>Welcome</title></head><body>Hello</body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            do_GET = do_POST = do_PUT = do_HEAD = _page

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Silent:
    """A socket that accepts connections and never answers."""

    def __enter__(self) -> str:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/sparql"

    def __exit__(self, *exc: object) -> None:
        self.sock.close()
