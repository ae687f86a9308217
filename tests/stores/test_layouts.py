"""Endpoint layouts map one base URL to the query, update and graph store services."""

from __future__ import annotations

import pytest

from sgam_onto.errors import SgamError
from sgam_onto.stores.layouts import resolve_endpoint


@pytest.mark.parametrize(
    ("layout", "names", "query", "update", "gsp", "auth"),
    [
        ("oxigraph", {}, "/query", "/update", "/store", "basic"),
        ("fuseki", {"dataset": "sgam"}, "/sgam/sparql", "/sgam/update", "/sgam/data", "basic"),
        ("virtuoso", {}, "/sparql", "/sparql-auth", "/sparql-graph-crud-auth", "digest"),
        (
            "graphdb",
            {"repository": "landscape"},
            "/repositories/landscape",
            "/repositories/landscape/statements",
            "/repositories/landscape/rdf-graphs/service",
            "basic",
        ),
    ],
)
def test_layouts(layout: str, names: dict, query: str, update: str, gsp: str, auth: str) -> None:
    found = resolve_endpoint("http://db.example:8080/", layout, **names)
    base = "http://db.example:8080"
    assert (found.query_url, found.update_url, found.gsp_url, found.auth) == (
        base + query, base + update, base + gsp, auth
    )


def test_without_a_layout_the_endpoint_is_the_query_service() -> None:
    found = resolve_endpoint("https://example.org/sparql")
    assert found.query_url == "https://example.org/sparql"
    assert found.gsp_url is None
    with pytest.raises(SgamError, match="--gsp-url"):
        found.require("gsp")


def test_explicit_urls_override_the_layout() -> None:
    found = resolve_endpoint(
        "http://h:1", "oxigraph", gsp_url="http://h:2/graphs", auth="digest"
    )
    assert (found.query_url, found.gsp_url, found.auth) == (
        "http://h:1/query", "http://h:2/graphs", "digest"
    )


def test_dataset_names_are_escaped_in_the_path() -> None:
    assert resolve_endpoint("http://h", "fuseki", dataset="a b/c").query_url == (
        "http://h/a%20b%2Fc/sparql"
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"endpoint": "ftp://h/x"}, "absolute http"),
        ({"endpoint": "localhost:7878"}, "absolute http"),
        ({"endpoint": "http://h", "layout": "fuseki"}, "--dataset"),
        ({"endpoint": "http://h", "layout": "graphdb"}, "--repository"),
        ({"endpoint": "http://h", "layout": "blazegraph"}, "--layout"),
        ({"endpoint": None, "layout": "oxigraph"}, "base URL"),
        ({"endpoint": "http://h", "gsp_url": "/store"}, "--gsp-url"),
    ],
)
def test_bad_combinations_are_usage_errors(kwargs: dict, message: str) -> None:
    endpoint = kwargs.pop("endpoint")
    with pytest.raises(SgamError, match=message):
        resolve_endpoint(endpoint, **kwargs)
