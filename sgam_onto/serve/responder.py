"""HTTP plumbing shared by every answer of the server: deadlines on reading a request, the
headers every response carries (CORS, nosniff, a Content-Security-Policy on HTML and SVG),
errors as plain text, one log line per failure instead of a traceback."""

from __future__ import annotations

import io
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Protocol

from sgam_onto.publish.formats import HTML, content_type
from sgam_onto.publish.policy import CORS_EXPOSED_HEADERS, CSP
from sgam_onto.serve import connections
from sgam_onto.serve.pool import WorkerPool

WRITE_TIMEOUT = 60.0
CSP_TYPES = (HTML, "image/svg+xml")


def log_line(client_address: tuple, message: str) -> None:
    sys.stderr.write(f"{client_address[0]} {message}\n")


class Served(Protocol):
    """What a handler reads from the server that owns it (serve/server.py's SiteServer):
    named here so that the handlers do not import the server that imports them."""

    site: Path
    pool: WorkerPool
    max_rows: int
    version: str
    catalogue: list
    quiet: bool
    header_timeout: float
    body_timeout: float
    server_address: tuple


class Responder(BaseHTTPRequestHandler):
    """A request handler with the server's deadlines, headers and plain-text errors."""

    server: Served  # type: ignore[assignment]
    server_version = "sgam-onto"
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the body waits ~40 ms for an ACK.
    disable_nagle_algorithm = True

    def setup(self) -> None:
        super().setup()
        self.reader = connections.DeadlineReader(self.connection)
        self.rfile = io.BufferedReader(self.reader, 1 << 16)

    def handle_one_request(self) -> None:
        self.reader.expire_in(self.server.header_timeout)
        super().handle_one_request()

    def handle(self) -> None:
        try:
            super().handle()
        except (ConnectionError, TimeoutError) as err:
            self.close_connection = True
            log_line(self.client_address, f"connection closed: {type(err).__name__}")

    def log_message(self, format: str, *args: object) -> None:
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def end_headers(self) -> None:
        """Headers every response carries, errors and redirects included."""
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", CORS_EXPOSED_HEADERS)
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors found by the request parser, as plain text like every other error."""
        self.close_connection = True
        if self.request_version == "HTTP/0.9":  # a request line too broken to name a version
            self.request_version = "HTTP/1.0"
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "error"
        self._text(code, message or phrase, {"Connection": "close"},
                   head=self.command == "HEAD")

    def _send(
        self,
        status: int,
        body: bytes,
        media_type: str,
        headers: dict[str, str] | None = None,
        *,
        head: bool = False,
    ) -> None:
        self.connection.settimeout(WRITE_TIMEOUT)
        self.send_response(status)
        self.send_header("Content-Type", content_type(media_type))
        self.send_header("Content-Length", str(len(body)))
        if media_type in CSP_TYPES:
            self.send_header("Content-Security-Policy", CSP)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _text(
        self,
        status: int,
        message: str,
        headers: dict[str, str] | None = None,
        *,
        head: bool = False,
    ) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain", headers, head=head)

    def _redirect(self, location: str, *, head: bool = False) -> None:
        self._send(
            HTTPStatus.SEE_OTHER,
            f"See {location}\n".encode(),
            "text/plain",
            {"Location": location, "Vary": "Accept"},
            head=head,
        )
