"""A browser client on another origin queries `serve`: YASGUI (npm @zazuko/yasgui) and a
direct POST of application/sparql-query, from a page served on a second loopback port, in
headless Chromium. Both requests need CORS and are preflighted; the test reads the answers from
the page and compares them with rdflib's own evaluation of the query over the site's data."""

from __future__ import annotations

import functools
import html
import json
import os
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser
from rdflib import Graph

from tests.browser.reader import visit
from tests.publish.site_fixture import published_site
from tests.serve.server_fixture import serving

CLIENTS = Path(__file__).parent / "js"
YASGUI = CLIENTS / "node_modules" / "@zazuko" / "yasgui" / "build" / "yasgui.min.js"
QUERY = (
    "PREFIX sgam: <https://w3id.org/sgam-onto#>\n"
    "SELECT ?item ?n WHERE { ?item a sgam:CoordinationItem ; sgam:number ?n } ORDER BY ?n"
)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """The page server's log is of no interest here."""


@pytest.fixture(scope="module")
def other_origin() -> Iterator[str]:
    """The client page and YASGUI's files, on a second loopback port (another origin)."""
    if not YASGUI.is_file():
        message = "YASGUI is not installed (run scripts/install-npm.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    handler = functools.partial(_Quiet, directory=str(CLIENTS))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _expected() -> set[tuple[str, str]]:
    site = published_site()
    g = Graph().parse(site / "data" / "sgam-onto.nt", format="nt")
    for path in sorted((site / "data" / "alignments").glob("*.ttl")):
        g.parse(path, format="turtle")
    return {(str(r[0]), str(r[1])) for r in g.query(QUERY)}


def _pre(dom: str, ident: str) -> str:
    found = re.search(rf'<pre id="{ident}">(.*?)</pre>', dom, re.S)
    assert found, ident
    return html.unescape(found.group(1))


def _rows(doc: dict) -> set[tuple[str, str]]:
    return {(b["item"]["value"], b["n"]["value"]) for b in doc["results"]["bindings"]}


def test_a_client_on_another_origin_queries_the_endpoint(
    browser: Browser, other_origin: str
) -> None:
    expected = _expected()
    assert len(expected) == 26
    with serving(published_site(), "--verbose") as endpoint:  # logs each request
        assert other_origin != endpoint.url  # two ports: two origins
        page = other_origin + "cross_origin.html?" + urlencode(
            {"endpoint": endpoint.url + "sparql", "query": QUERY}
        )
        read = visit(browser, page, settle=6)
    yasgui = _pre(read.dom, "yasgui-result")
    assert not yasgui.startswith(("pending", "failed")), yasgui
    assert _rows(json.loads(yasgui)) == expected
    status, _, body = _pre(read.dom, "direct-result").partition("\n")
    assert status == "200", body
    assert _rows(json.loads(body)) == expected
    assert read.errors == []
    # The requests were preflighted (the browser may keep one answer for both: Max-Age).
    assert endpoint.stderr.count('"OPTIONS /sparql HTTP/1.1" 204') >= 1, endpoint.stderr
    assert endpoint.stderr.count('"POST /sparql HTTP/1.1" 200') == 2, endpoint.stderr
