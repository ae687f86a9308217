"""A small HTTP client for the tests that never follows redirects."""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def request(
    method: str,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 30,
) -> Response:
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        conn.request(method, target or "/", body=body, headers=headers or {})
        resp = conn.getresponse()
        data = resp.read()
        return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
    finally:
        conn.close()


def get(url: str, accept: str | None = None, **kw: object) -> Response:
    headers = {"Accept": accept} if accept is not None else {}
    return request("GET", url, headers=headers, **kw)  # type: ignore[arg-type]


def sparql_get(base: str, query: str, accept: str | None = None, **params: str) -> Response:
    return get(base + "sparql?" + urlencode({"query": query, **params}), accept)


def sparql_post_form(base: str, fields: dict[str, str], accept: str | None = None) -> Response:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if accept:
        headers["Accept"] = accept
    return request("POST", base + "sparql", headers=headers, body=urlencode(fields).encode())


def resolve(base: str, location: str, page: str) -> str:
    return urljoin(urljoin(base, page), location)
