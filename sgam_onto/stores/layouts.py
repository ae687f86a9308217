"""Endpoint layouts of common triple stores: where the query, update and graph store services live.

A layout turns one server base URL into the three service URLs; explicit URLs override it. Without
a layout, the URL given with ``--endpoint`` is the query service itself (any SPARQL endpoint).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit

from sgam_onto.errors import SgamError

# name -> (query path, update path, graph store path, auth scheme, needs)
_LAYOUTS: dict[str, tuple[str, str, str, str, str | None]] = {
    "oxigraph": ("/query", "/update", "/store", "basic", None),
    "fuseki": ("/{dataset}/sparql", "/{dataset}/update", "/{dataset}/data", "basic", "dataset"),
    "virtuoso": ("/sparql", "/sparql-auth", "/sparql-graph-crud-auth", "digest", None),
    "graphdb": (
        "/repositories/{repository}",
        "/repositories/{repository}/statements",
        "/repositories/{repository}/rdf-graphs/service",
        "basic",
        "repository",
    ),
}
LAYOUT_NAMES = tuple(_LAYOUTS)
AUTH_SCHEMES = ("basic", "digest")


@dataclass(frozen=True)
class Endpoint:
    """The service URLs of one server; ``auth`` is the scheme used when credentials exist."""

    query_url: str | None
    update_url: str | None = None
    gsp_url: str | None = None
    auth: str = "basic"
    layout: str | None = None

    def require(self, service: str) -> str:
        """The URL of ``service`` (query, update or gsp), or an error saying how to give it."""
        url = getattr(self, f"{service}_url")
        if not url:
            flag = {"query": "--query-url", "update": "--update-url", "gsp": "--gsp-url"}[service]
            raise SgamError(
                f"no {service} service URL: give --layout {'|'.join(LAYOUT_NAMES)} with the "
                f"server's base URL, or {flag} URL"
            )
        return url


def check_url(url: str, flag: str = "--endpoint") -> str:
    """An absolute http(s) URL with a host, else a usage error."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SgamError(f"{flag} {url!r}: expected an absolute http:// or https:// URL")
    return url


def resolve_endpoint(
    endpoint: str | None,
    layout: str | None = None,
    *,
    dataset: str | None = None,
    repository: str | None = None,
    query_url: str | None = None,
    update_url: str | None = None,
    gsp_url: str | None = None,
    auth: str | None = None,
) -> Endpoint:
    """Combine a base URL, a layout name and explicit service URLs into an Endpoint."""
    if endpoint is not None:
        check_url(endpoint)
    for flag, url in (("--query-url", query_url), ("--update-url", update_url),
                      ("--gsp-url", gsp_url)):
        if url is not None:
            check_url(url, flag)
    if auth is not None and auth not in AUTH_SCHEMES:
        raise SgamError(f"--auth {auth!r}: expected one of {', '.join(AUTH_SCHEMES)}")
    if layout is None:
        found = Endpoint(endpoint)
    else:
        if layout not in _LAYOUTS:
            raise SgamError(f"--layout {layout!r}: expected one of {', '.join(LAYOUT_NAMES)}")
        if endpoint is None:
            raise SgamError(f"--layout {layout} needs --endpoint with the server's base URL")
        query, update, gsp, scheme, needs = _LAYOUTS[layout]
        names = {"dataset": dataset, "repository": repository}
        if needs is not None and not names[needs]:
            raise SgamError(f"--layout {layout} needs --{needs} NAME")
        values = {k: quote(v, safe="") for k, v in names.items() if v}
        base = endpoint.rstrip("/")
        found = Endpoint(
            base + query.format(**values),
            base + update.format(**values),
            base + gsp.format(**values),
            scheme,
            layout,
        )
    return replace(
        found,
        query_url=query_url or found.query_url,
        update_url=update_url or found.update_url,
        gsp_url=gsp_url or found.gsp_url,
        auth=auth or found.auth,
    )
