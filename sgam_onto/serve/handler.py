"""The server's request handler: the site's routes and the SPARQL endpoint, with the HTTP
methods each path accepts (the server is read-only)."""

from __future__ import annotations

from http import HTTPStatus
from urllib.parse import parse_qs, unquote, urlsplit

from sgam_onto.publish.policy import CORS_REQUEST_HEADERS
from sgam_onto.serve.endpoint import SparqlEndpoint
from sgam_onto.serve.site_routes import SiteRoutes

CORS_METHODS = "GET, HEAD, POST, OPTIONS"


class Handler(SparqlEndpoint, SiteRoutes):
    """Every request to the server."""

    def do_GET(self) -> None:
        self._route(head=False)

    def do_HEAD(self) -> None:
        self._route(head=True)

    def _route(self, *, head: bool) -> None:
        parts = urlsplit(self.path)
        try:
            path = unquote(parts.path, errors="strict")
        except UnicodeDecodeError:
            self._text(400, "bad path: percent-escapes that are not UTF-8", head=head)
            return
        if path.rstrip("/") == "/sparql":
            self._sparql(parse_qs(parts.query, keep_blank_values=True), head=head)
            return
        self._site(path, head=head)

    def do_OPTIONS(self) -> None:
        """A CORS preflight (or a plain OPTIONS): what may be sent to this path."""
        methods = CORS_METHODS if self._is_sparql() else "GET, HEAD, OPTIONS"
        self._send(
            HTTPStatus.NO_CONTENT,
            b"",
            "text/plain",
            {
                "Allow": methods,
                "Access-Control-Allow-Methods": methods,
                "Access-Control-Allow-Headers": CORS_REQUEST_HEADERS,
                "Access-Control-Max-Age": "600",
            },
        )

    def do_PUT(self) -> None:
        self._text(405, "this server is read-only", {"Allow": "GET, HEAD, POST, OPTIONS"})

    do_DELETE = do_PUT
    do_PATCH = do_PUT
