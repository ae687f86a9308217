"""Content negotiation and static files, against a running `sgam-onto serve`."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.serve.http import get, request, resolve

BODY = "id/body/iec-tc57-wg17"


@pytest.mark.parametrize(
    ("accept", "location"),
    [
        ("text/turtle", "iec-tc57-wg17.ttl"),
        ("application/ld+json", "iec-tc57-wg17.jsonld"),
        ("text/html", "iec-tc57-wg17.html"),
        (None, "iec-tc57-wg17.html"),
        ("*/*", "iec-tc57-wg17.html"),
        ("text/html;q=0.1, text/turtle;q=0.9", "iec-tc57-wg17.ttl"),
        ("application/ld+json;q=0.8, text/turtle;q=0.4, */*;q=0.1", "iec-tc57-wg17.jsonld"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "iec-tc57-wg17.html"),
    ],
)
def test_resource_iri_redirects_with_303(base_url: str, accept: str | None, location: str) -> None:
    resp = get(base_url + BODY, accept)
    assert resp.status == 303
    assert resp.header("Location") == location
    assert "Accept" in (resp.header("Vary") or "")


def test_unacceptable_type_is_406_listing_the_formats(base_url: str) -> None:
    resp = get(base_url + BODY, "image/png")
    assert resp.status == 406
    assert "text/turtle" in resp.text and "application/ld+json" in resp.text
    assert resp.header("Vary") == "Accept"


@pytest.mark.parametrize(
    ("ext", "ctype", "fmt"),
    [
        ("ttl", "text/turtle", "turtle"),
        ("jsonld", "application/ld+json", "json-ld"),
    ],
)
def test_following_the_redirect_gives_the_document(
    base_url: str, site: Path, ext: str, ctype: str, fmt: str
) -> None:
    first = get(base_url + BODY, ctype)
    target = resolve(base_url, first.header("Location") or "", BODY)
    resp = get(target)
    assert resp.status == 200
    assert resp.header("Content-Type").startswith(ctype)
    served = Graph().parse(data=resp.body, format=fmt)
    on_disk = Graph().parse(site / f"{BODY}.{ext}", format=fmt)
    assert len(served) > 10 and isomorphic(served, on_disk)


def test_extensions_are_served_with_their_type(base_url: str) -> None:
    for path, ctype in (
        (f"{BODY}.html", "text/html"),
        (f"{BODY}.ttl", "text/turtle"),
        ("data/sgam-onto.nt", "application/n-triples"),
        ("data/sgam-onto.rdf", "application/rdf+xml"),
        ("pictures/sgam-plane.svg", "image/svg+xml"),
        ("queries/table-1.rq", "application/sparql-query"),
    ):
        resp = get(base_url + path)
        assert resp.status == 200, path
        assert resp.header("Content-Type").startswith(ctype), path


def test_the_ontology_iri_negotiates(base_url: str) -> None:
    assert get(base_url + "ontology", "text/turtle").header("Location") == "ontology.ttl"
    assert get(base_url + "ontology", "application/rdf+xml").header("Location") == "ontology.rdf"
    assert get(base_url + "ontology").header("Location") == "ontology.html"
    root = get(base_url, "application/n-triples")
    assert root.status == 303 and root.header("Location") == "ontology.nt"
    page = get(base_url, "text/html")
    assert page.status == 200 and "<h1>" in page.text and page.header("Vary") == "Accept"


def test_concepts_and_dataset_iris_negotiate(base_url: str) -> None:
    assert get(base_url + "concept/DERDomain", "text/turtle").header("Location") == "DERDomain.ttl"
    assert (
        get(base_url + "data/sgam-onto", "application/ld+json").header("Location")
        == "sgam-onto.jsonld"
    )
    assert get(base_url + "data/sgam-onto", "text/html").header("Location") == "../downloads.html"
    assert get(base_url + "void").header("Location") == "void.ttl"
    assert get(base_url + ".well-known/void").header("Location") == "../void.ttl"


def test_head_has_headers_and_no_body(base_url: str) -> None:
    resp = request("HEAD", base_url + f"{BODY}.ttl")
    assert resp.status == 200 and resp.body == b""
    assert int(resp.header("Content-Length") or 0) > 100


@pytest.mark.parametrize(
    "path",
    [
        "id/body/nope",
        "nope.html",
        "%2e%2e/%2e%2e/etc/passwd",
        "id/../../x",
        ".htaccess",
        ".sgam-onto-site",
    ],
)
def test_unknown_and_outside_paths_are_not_served(base_url: str, path: str) -> None:
    assert get(base_url + path).status in (400, 404)


def test_directories_serve_their_index(base_url: str) -> None:
    resp = get(base_url + "id/body/")
    assert resp.status == 200 and "IEC TC 57 WG 17" in resp.text
    assert get(base_url + "id/body").status == 303


def test_writes_are_not_allowed(base_url: str) -> None:
    assert request("PUT", base_url + f"{BODY}.ttl", body=b"x").status == 405
    assert request("DELETE", base_url + f"{BODY}.ttl").status == 405
    assert request("POST", base_url + f"{BODY}.ttl", body=b"x").status == 405
