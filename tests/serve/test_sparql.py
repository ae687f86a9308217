"""The read-only SPARQL endpoint, against a running `sgam-onto serve`."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph

from tests.serve.conftest import MAX_ROWS, TIMEOUT
from tests.serve.http import request, sparql_get, sparql_post_form

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LABELS = (
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    "SELECT ?s ?label WHERE { ?s rdfs:label ?label } ORDER BY ?s ?label LIMIT 7"
)
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
RESULTS = "{http://www.w3.org/2005/sparql-results#}"


def _triples(site: Path) -> int:
    """The dump and the alignment files, which the endpoint serves together."""
    g = Graph().parse(site / "data" / "sgam-onto.nt", format="nt")
    for path in sorted((site / "data" / "alignments").glob("*.ttl")):
        g.parse(path, format="turtle")
    return len(g)


def _count(base_url: str) -> int:
    resp = sparql_get(base_url, COUNT, "application/sparql-results+json")
    assert resp.status == 200, resp.text
    return int(json.loads(resp.body)["results"]["bindings"][0]["n"]["value"])


def test_select_json_counts_the_whole_dataset(base_url: str, site: Path) -> None:
    assert _count(base_url) == _triples(site)


def test_select_in_every_format_gives_the_same_rows(base_url: str) -> None:
    as_json = json.loads(sparql_get(base_url, LABELS, "application/sparql-results+json").body)
    expected = [(b["s"]["value"], b["label"]["value"]) for b in as_json["results"]["bindings"]]
    assert len(expected) == 7

    xml_resp = sparql_get(base_url, LABELS, "application/sparql-results+xml")
    assert xml_resp.header("Content-Type").startswith("application/sparql-results+xml")
    root = ET.fromstring(xml_resp.body)
    got_xml = [
        tuple("".join(b.itertext()) for b in r.iter(f"{RESULTS}binding"))
        for r in root.iter(f"{RESULTS}result")
    ]
    assert got_xml == expected

    csv_resp = sparql_get(base_url, LABELS, "text/csv")
    assert csv_resp.header("Content-Type").startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_resp.text, newline="")))
    assert rows[0] == ["s", "label"] and [tuple(r) for r in rows[1:]] == expected

    tsv_resp = sparql_get(base_url, LABELS, "text/tab-separated-values")
    lines = tsv_resp.text.splitlines()
    assert lines[0] == "?s\t?label"
    assert lines[1].split("\t")[0] == f"<{expected[0][0]}>"
    assert len(lines) == 8


def test_post_form_and_direct_body(base_url: str, site: Path) -> None:
    form = sparql_post_form(base_url, {"query": COUNT}, "text/csv")
    assert form.status == 200 and form.text.splitlines()[1] == str(_triples(site))
    direct = request(
        "POST",
        base_url + "sparql",
        body=COUNT.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert direct.status == 200 and direct.text == form.text


def test_ask(base_url: str) -> None:
    resp = sparql_get(base_url, "ASK { ?s ?p ?o }", "application/sparql-results+json")
    assert json.loads(resp.body)["boolean"] is True


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/ld+json", "json-ld"),
    ],
)
def test_construct_and_describe_as_rdf(base_url: str, accept: str, fmt: str) -> None:
    construct = (
        "PREFIX sgam: <https://w3id.org/sgam-onto#>\n"
        "CONSTRUCT { ?i sgam:number ?n } WHERE { ?i a sgam:CoordinationItem ; "
        "sgam:number ?n }"
    )
    resp = sparql_get(base_url, construct, accept)
    assert resp.status == 200 and resp.header("Content-Type").startswith(accept)
    assert len(Graph().parse(data=resp.body, format=fmt)) == 26
    describe = sparql_get(
        base_url, "DESCRIBE <https://w3id.org/sgam-onto/id/body/iec-tc57-wg17>", accept
    )
    assert describe.status == 200
    assert len(Graph().parse(data=describe.body, format=fmt)) >= 5


def test_result_format_must_fit_the_query_form(base_url: str) -> None:
    # an Accept header that fits no format of the form: the form's default (RFC 9110 allows it)
    unfit = sparql_get(base_url, COUNT, "text/turtle")
    assert unfit.status == 200
    assert unfit.header("Content-Type").startswith("application/sparql-results+json")
    # a format parameter that does not fit is ignored: the Accept header decides
    ignored = sparql_get(base_url, COUNT, "text/csv", format="ttl")
    assert ignored.status == 200 and ignored.text.startswith("n\r\n")
    assert sparql_get(base_url, COUNT, None, format="csv").text.startswith("n\r\n")


def test_rows_are_capped_and_the_cap_is_signalled(base_url: str) -> None:
    whole = sparql_get(base_url, "SELECT * WHERE { ?s ?p ?o }", "text/csv")
    assert whole.header("X-Result-Truncated") == "true"
    assert whole.header("X-Result-Limit") == str(MAX_ROWS)
    assert len(whole.text.splitlines()) == MAX_ROWS + 1
    small = sparql_get(base_url, "SELECT * WHERE { ?s ?p ?o } LIMIT 10", "text/csv")
    assert small.header("X-Result-Truncated") == "false"
    assert len(small.text.splitlines()) == 11


def test_updates_are_refused_and_change_nothing(base_url: str, site: Path) -> None:
    before = _count(base_url)
    insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> 'c' }"
    assert sparql_post_form(base_url, {"update": insert}).status == 403
    assert (
        request(
            "POST",
            base_url + "sparql",
            body=insert.encode(),
            headers={"Content-Type": "application/sparql-update"},
        ).status
        == 403
    )
    assert sparql_post_form(base_url, {"query": insert}).status == 403
    assert sparql_get(base_url, "DELETE WHERE { ?s ?p ?o }").status == 403
    assert sparql_get(base_url, "CLEAR DEFAULT").status == 403
    assert _count(base_url) == before == _triples(site)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 400),
        ("SELECT * WHERE { ?x ?y ?z . service silent <http://127.0.0.1:9/> { ?s ?p ?o } }", 400),
        ("LOAD <http://127.0.0.1:9/data.ttl>", 403),
        ("SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }", 400),
        ("SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }", 400),
    ],
)
def test_remote_data_is_refused_before_running(base_url: str, query: str, status: int) -> None:
    resp = sparql_get(base_url, query)
    assert resp.status == status


def test_keywords_in_comments_and_strings_do_not_trip_the_guard(base_url: str) -> None:
    query = (
        "# SERVICE <http://127.0.0.1:9/> FROM <http://127.0.0.1:9/g>\n"
        'SELECT ?x WHERE { BIND("SERVICE <http://127.0.0.1:9/> { }" AS ?x) }'
    )
    resp = sparql_get(base_url, query, "text/csv")
    assert resp.status == 200 and "SERVICE" in resp.text


def test_protocol_graph_parameters_are_refused(base_url: str) -> None:
    resp = sparql_get(base_url, COUNT, None, **{"default-graph-uri": "http://127.0.0.1:9/g"})
    assert resp.status == 400


def test_bad_requests(base_url: str) -> None:
    assert sparql_get(base_url, "SELECT WHERE nonsense", "text/csv").status == 400
    assert request("GET", base_url + "sparql", headers={"Accept": "text/csv"}).status == 406
    two = request("GET", base_url + "sparql?query=ASK%7B%7D&query=ASK%7B%7D")
    assert two.status == 400
    other = request("POST", base_url + "sparql", body=b"x", headers={"Content-Type": "text/plain"})
    assert other.status == 415


def test_a_runaway_query_is_stopped_while_others_are_answered(base_url: str, site: Path) -> None:
    outcome: dict[str, object] = {}

    def heavy() -> None:
        started = time.monotonic()
        outcome["heavy"] = sparql_get(base_url, HEAVY, "text/csv", timeout=60)
        outcome["heavy_seconds"] = time.monotonic() - started

    thread = threading.Thread(target=heavy)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    light = sparql_get(base_url, COUNT, "text/csv")
    light_seconds = time.monotonic() - started
    thread.join(60)
    assert light.status == 200 and light_seconds < TIMEOUT
    heavy_resp = outcome["heavy"]
    assert heavy_resp.status == 503  # type: ignore[attr-defined]
    assert "longer than" in heavy_resp.text  # type: ignore[attr-defined]
    assert TIMEOUT - 0.5 < outcome["heavy_seconds"] < TIMEOUT + 10  # type: ignore[operator]
    # the stopped worker is replaced: the endpoint keeps answering
    assert _count(base_url) == _triples(site)


def test_html_results_escape_every_literal_and_iri(base_url: str) -> None:
    query = (
        'SELECT ?x ?y WHERE { BIND("<script>alert(1)</script>" AS ?x) '
        'BIND(IRI("http://example.org/\\"><script>b</script>") AS ?y) }'
    )
    resp = sparql_get(base_url, query, "text/html")
    assert resp.status == 200 and resp.header("Content-Type").startswith("text/html")
    assert "<script>" not in resp.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in resp.text


def test_query_page_lists_the_catalogue(base_url: str, site: Path) -> None:
    resp = request("GET", base_url + "sparql", headers={"Accept": "text/html"})
    assert resp.status == 200
    for rq in sorted((site / "queries").glob("*.rq")):
        assert f"<code>{rq.stem}</code>" in resp.text
    assert "<form" in resp.text and "<script" not in resp.text
