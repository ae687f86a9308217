"""The endpoint's protocol details: the service description, the `format` parameter values
clients send, well-formed XML whatever a literal holds, CORS and preflights on every kind of
answer, the CSP on pages, and what bad request lines get."""

from __future__ import annotations

import json
import socket
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from tests.serve.http import get, request, sparql_get, sparql_post_form
from tests.serve.test_sparql import COUNT, RESULTS, _triples

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
CONSTRUCT = (
    "PREFIX sgam: <https://w3id.org/sgam-onto#>\n"
    "CONSTRUCT { ?i sgam:number ?n } WHERE { ?i a sgam:CoordinationItem ; sgam:number ?n }"
)


@pytest.mark.parametrize(
    ("accept", "syntax"),
    [
        ("text/turtle", "turtle"),
        ("application/rdf+xml", "xml"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_get_without_a_query_describes_the_service(
    base_url: str, site, accept: str, syntax: str  # type: ignore[no-untyped-def]
) -> None:
    resp = request("GET", base_url + "sparql", headers={"Accept": accept})
    assert resp.status == 200 and resp.header("Content-Type").startswith(accept)
    g = Graph().parse(data=resp.body, format=syntax)
    endpoint = URIRef(base_url + "sparql")
    assert (endpoint, RDF.type, SD.Service) in g
    assert (endpoint, SD.endpoint, endpoint) in g
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in g
    formats = set(g.objects(endpoint, SD.resultFormat))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                 "SPARQL_Results_TSV", "Turtle", "RDF_XML", "N-Triples", "JSON-LD"):
        assert FORMATS[name] in formats, name
    dataset = g.value(endpoint, SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in g
    graph = g.value(dataset, SD.defaultGraph)
    assert int(g.value(graph, VOID.triples)) == _triples(site)


def test_browsers_still_get_the_query_page(base_url: str) -> None:
    resp = request("GET", base_url + "sparql")
    assert resp.status == 200 and resp.header("Content-Type").startswith("text/html")
    assert "<form" in resp.text


@pytest.mark.parametrize(
    ("query", "values", "media"),
    [
        (COUNT, ["json"], "application/sparql-results+json"),
        (COUNT, ["xml"], "application/sparql-results+xml"),
        (COUNT, ["csv"], "text/csv"),
        (COUNT, ["tsv", "text/tab-separated-values"], "text/tab-separated-values"),
        (COUNT, ["application/sparql-results+json"], "application/sparql-results+json"),
        (COUNT, ["json-ld"], "application/sparql-results+json"),  # does not fit: Accept decides
        (COUNT, ["n3"], "application/sparql-results+json"),
        (COUNT, ["nonsense"], "application/sparql-results+json"),
        (CONSTRUCT, ["xml"], "application/rdf+xml"),
        (CONSTRUCT, ["rdf+xml", "application/rdf+xml"], "application/rdf+xml"),
        (CONSTRUCT, ["json-ld", "application/ld+json"], "application/ld+json"),
        (CONSTRUCT, ["n3"], "text/turtle"),
        (CONSTRUCT, ["turtle"], "text/turtle"),
        (CONSTRUCT, ["json"], "application/ld+json"),
        (CONSTRUCT, ["csv"], "text/turtle"),  # does not fit: Accept (*/*) decides
    ],
)
def test_format_parameters_are_honoured_or_ignored_never_refused(
    base_url: str, query: str, values: list[str], media: str
) -> None:
    for param in ("format", "output", "results"):
        fields = [("query", query)] + [(param, v) for v in values]
        from urllib.parse import urlencode

        resp = get(base_url + "sparql?" + urlencode(fields), "*/*")
        assert resp.status == 200, (param, values, resp.text)
        assert resp.header("Content-Type").startswith(media), (param, values)


CONTROL = 'SELECT ?x WHERE { BIND("a\\u0001b\\u0008c\\u001Fd\\tok" AS ?x) }'


def test_xml_results_are_well_formed_with_control_characters(base_url: str) -> None:
    resp = sparql_get(base_url, CONTROL, "application/sparql-results+xml")
    root = ET.fromstring(resp.body)  # raises on a character XML 1.0 forbids
    value = next(root.iter(f"{RESULTS}literal")).text
    assert value == "a\ufffdb\ufffdc\ufffdd\tok"
    as_json = json.loads(sparql_get(base_url, CONTROL, "application/sparql-results+json").body)
    assert as_json["results"]["bindings"][0]["x"]["value"] == "a\x01b\x08c\x1fd\tok"


def test_rdf_xml_answers_are_well_formed_with_control_characters(base_url: str) -> None:
    query = 'CONSTRUCT { <urn:x:s> <urn:x:p> ?x } WHERE { BIND("a\\u0001b" AS ?x) }'
    resp = sparql_get(base_url, query, "application/rdf+xml")
    g = Graph().parse(data=resp.body, format="xml")
    assert [str(o) for o in g.objects()] == ["a\ufffdb"]


def _origin_check(resp) -> None:  # type: ignore[no-untyped-def]
    assert resp.header("Access-Control-Allow-Origin") == "*", resp.status


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "", 200),
        ("GET", "id/body/iec-tc57-wg17", 303),
        ("GET", "id/body/iec-tc57-wg17.ttl", 200),
        ("GET", "nope", 404),
        ("GET", "id/%ff%fe", 400),
        ("GET", "sparql?query=SELECT+nonsense", 400),
        ("PUT", "style.css", 405),
        ("BREW", "", 501),
    ],
)
def test_cors_on_every_answer(base_url: str, method: str, path: str, status: int) -> None:
    resp = request(method, base_url + path, headers={"Origin": "http://127.0.0.1:9"})
    assert resp.status == status
    _origin_check(resp)


def test_cors_on_refusals_and_timeouts(base_url: str) -> None:
    _origin_check(sparql_get(base_url, "CLEAR DEFAULT"))
    _origin_check(sparql_get(base_url, COUNT, "image/png"))


def test_preflight_allows_a_direct_sparql_post(base_url: str) -> None:
    resp = request(
        "OPTIONS",
        base_url + "sparql",
        headers={
            "Origin": "http://127.0.0.1:9",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert resp.status == 204
    _origin_check(resp)
    assert "POST" in resp.header("Access-Control-Allow-Methods")
    allowed = {h.strip().lower() for h in resp.header("Access-Control-Allow-Headers").split(",")}
    assert {"content-type", "accept"} <= allowed
    other = request("OPTIONS", base_url + "id/body/iec-tc57-wg17")
    assert other.status == 204 and "POST" not in other.header("Allow")


@pytest.mark.parametrize("path", ["", "id/body/iec-tc57-wg17.html", "sparql", "queries.html"])
def test_pages_carry_a_strict_csp(base_url: str, path: str) -> None:
    resp = get(base_url + path, "text/html")
    assert resp.status == 200 and resp.header("Content-Type").startswith("text/html")
    policy = resp.header("Content-Security-Policy") or ""
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    html_results = sparql_get(base_url, COUNT, "text/html")
    assert "default-src 'none'" in (html_results.header("Content-Security-Policy") or "")


@pytest.mark.parametrize("path", ["id/%ff%fe", "id/body/%c3", "%80"])
def test_paths_that_are_not_utf8_are_bad_requests(base_url: str, path: str) -> None:
    assert get(base_url + path).status == 400


@pytest.mark.parametrize(
    "accept", ["garbage", ";;;", "text/turtle;q=x", "\x7f", "a" * 5000, "*/turtle"]
)
def test_a_malformed_accept_gets_the_default(base_url: str, accept: str) -> None:
    resp = get(base_url + "id/body/iec-tc57-wg17", accept)
    assert resp.status == 303 and resp.header("Location") == "iec-tc57-wg17.html"
    select = sparql_get(base_url, COUNT, accept)
    assert select.status == 200
    assert select.header("Content-Type").startswith("application/sparql-results+json")


def test_a_raw_bad_request_line_gets_a_plain_400(base_url: str) -> None:
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(b"GARBAGE\r\n\r\n")
        head = sock.recv(65536).decode("latin-1")
    assert head.startswith("HTTP/1.1 400") or head.startswith("HTTP/1.0 400")
    assert "Access-Control-Allow-Origin: *" in head
    assert "text/plain" in head


def test_post_body_limits(base_url: str) -> None:
    """A body over the limit is refused from its Content-Length, before it is read."""
    parts = urlsplit(base_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 1048577\r\n\r\n"
        )
        head = sock.recv(65536).decode("latin-1")
    assert head.startswith("HTTP/1.1 413")
    assert "Access-Control-Allow-Origin: *" in head
    form = sparql_post_form(base_url, {"query": COUNT}, "text/csv")
    assert form.status == 200


def test_csv_quotes_an_iri_that_holds_a_comma(base_url: str) -> None:
    """The reason CSV is not Oxigraph's writer: 0.5 leaves such an IRI unquoted."""
    import csv
    import io

    query = "SELECT ?x ?y WHERE { VALUES (?x ?y) { (<urn:x:a,b> 'c') } }"
    resp = sparql_get(base_url, query, "text/csv")
    assert list(csv.reader(io.StringIO(resp.text, newline=""))) == [["x", "y"], ["urn:x:a,b", "c"]]
