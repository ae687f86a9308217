"""The site's .htaccess on a real Apache httpd: content negotiation by the same table of cases
as `serve`, CORS and the CSP on every kind of answer, and the advertised IRIs that must resolve
(and the endpoint that must not pretend to exist)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sgam_onto import __version__
from sgam_onto.publish.formats import RDF_FORMATS
from tests.publish.apache_fixture import apache, running_apache
from tests.serve.conneg_cases import CASES
from tests.serve.http import get, request

BODY = "id/body/iec-tc57-wg17"


@pytest.fixture(scope="module")
def apache_url(site: Path) -> Iterator[str]:
    if apache() is None:
        message = "Apache httpd is not installed (run scripts/install-system-deps.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with running_apache(site) as url:
        yield url


@pytest.mark.parametrize(("accept", "ext"), CASES)
def test_resource_iris_negotiate_like_serve(apache_url: str, accept: str | None, ext: str) -> None:
    resp = get(apache_url + BODY, accept)
    assert resp.status == 303, resp.text
    assert (resp.header("Location") or "").endswith(f"/{BODY}.{ext}")


@pytest.mark.parametrize("fmt", RDF_FORMATS, ids=lambda f: f.ext)
def test_every_format_is_reachable_and_typed(apache_url: str, fmt) -> None:  # type: ignore[no-untyped-def]
    for iri, stem in (
        (BODY, BODY),
        ("concept/DERDomain", "concept/DERDomain"),
        ("ontology", "ontology"),
        (__version__, "ontology"),
        ("data/sgam-onto", "data/sgam-onto"),
    ):
        resp = get(apache_url + iri, fmt.media_type)
        assert resp.status == 303, iri
        location = resp.header("Location") or ""
        assert location.endswith(f"/{stem}.{fmt.ext}"), (iri, location)
        doc = get(location)
        assert doc.status == 200, location
        assert (doc.header("Content-Type") or "").startswith(fmt.media_type)


def test_the_version_iri_and_the_mapping_set_resolve(apache_url: str) -> None:
    page = get(apache_url + __version__)
    assert page.status == 303 and (page.header("Location") or "").endswith("/ontology.html")
    sssom = get(apache_url + "mappings/sgam-onto.sssom.tsv")
    assert sssom.status == 200
    assert "#mapping_set_id: \"https://w3id.org/sgam-onto/mappings/sgam-onto.sssom.tsv\"" in (
        sssom.text
    )


def test_the_static_site_has_no_endpoint(apache_url: str) -> None:
    assert get(apache_url + "sparql", "application/sparql-results+json").status == 404


@pytest.mark.parametrize(
    ("path", "status"), [("", 200), (BODY, 303), (f"{BODY}.ttl", 200), ("nope", 404)]
)
def test_cors_on_every_answer(apache_url: str, path: str, status: int) -> None:
    resp = get(apache_url + path)
    assert resp.status == status
    assert resp.header("Access-Control-Allow-Origin") == "*"


def test_pages_carry_the_csp_and_data_does_not_need_it(apache_url: str) -> None:
    page = get(apache_url + f"{BODY}.html")
    assert "default-src 'none'" in (page.header("Content-Security-Policy") or "")
    assert "script-src 'self'" in (page.header("Content-Security-Policy") or "")
    preflight = request(
        "OPTIONS",
        apache_url + f"{BODY}.ttl",
        headers={"Origin": "http://127.0.0.1:9", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status == 200
    assert preflight.header("Access-Control-Allow-Origin") == "*"
