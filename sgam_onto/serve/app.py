"""The local server: the published site with real content negotiation, and a read-only
SPARQL 1.1 Protocol endpoint at /sparql.

Resource IRIs without an extension (``/id/body/iec-tc57-wg17``, ``/ontology``, the version IRI
``/0.1.0``, ``/`` for RDF clients) answer 303 See Other towards the document in the negotiated
format (RFC 9110 q-values, see `negotiation`), with ``Vary: Accept``; HTML is the default; an
Accept header that excludes every format gets 406 with the list of them. Locations are
relative, so the server works behind any path prefix.

Every response carries ``Access-Control-Allow-Origin: *`` and OPTIONS answers CORS preflights,
so browser clients on other origins can query. HTML and SVG carry a strict
Content-Security-Policy. Connections are bounded in number, and a request's head and body each
have a deadline, so slow clients cannot hold the server.
"""

from __future__ import annotations

import io
import posixpath
import re
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from sgam_onto import settings
from sgam_onto.publish.formats import HTML, RDF_FORMATS, content_type
from sgam_onto.publish.policy import CORS_EXPOSED_HEADERS, CORS_REQUEST_HEADERS, CSP
from sgam_onto.query.text_limits import check_query_text
from sgam_onto.serve import connections, guard, protocol, sparql_page
from sgam_onto.serve.negotiation import Offer, negotiate
from sgam_onto.serve.pool import PoolBusy, QueryError, QueryTimeout, WorkerFailed, WorkerPool

MAX_BODY = 1 << 20
HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 30.0
WRITE_TIMEOUT = 60.0
MAX_CONNECTIONS = 64
EXTENSION_TYPES = {
    ".html": HTML,
    **{f".{f.ext}": f.media_type for f in RDF_FORMATS},
    ".svg": "image/svg+xml",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".rq": "application/sparql-query; charset=utf-8",
    ".json": "application/json",
    ".tsv": "text/tab-separated-values",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain",
}
DOCUMENT_OFFERS = (Offer("html", (HTML,)), *(Offer(f.ext, f.media_types) for f in RDF_FORMATS))
CSP_TYPES = (HTML, "image/svg+xml")
CORS_METHODS = "GET, HEAD, POST, OPTIONS"
_HOST = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?\Z|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?\Z")


class SiteServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that knows its site folder, owns the query workers, and runs at
    most `max_connections` connections (one thread each) at a time."""

    daemon_threads = True
    allow_reuse_address = True
    # Python's default backlog of 5 makes a burst of new connections retry after a second.
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        site: Path,
        pool: WorkerPool,
        *,
        max_rows: int,
        version: str,
        catalogue: list,
        quiet: bool,
        max_connections: int = MAX_CONNECTIONS,
        header_timeout: float = HEADER_TIMEOUT,
        body_timeout: float = BODY_TIMEOUT,
    ) -> None:
        super().__init__(address, Handler)
        self.site = site.resolve()
        self.pool = pool
        self.max_rows = max_rows
        self.version = version
        self.catalogue = catalogue
        self.quiet = quiet
        self.header_timeout = header_timeout
        self.body_timeout = body_timeout
        self._slots = threading.BoundedSemaphore(max_connections)
        threading.excepthook = _thread_error

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def process_request(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        if not self._slots.acquire(blocking=False):
            connections.refuse(request)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        """One line on stderr, never a traceback."""
        err = sys.exc_info()[1]
        log_line(client_address, f"{type(err).__name__}: {err}")

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def log_line(client_address: tuple, message: str) -> None:
    sys.stderr.write(f"{client_address[0]} {message}\n")


def _thread_error(args: threading.ExceptHookArgs) -> None:
    """Whatever escapes a thread of the server costs one line on stderr, not a traceback."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "a thread"
    sys.stderr.write(f"{name}: {args.exc_type.__name__}: {args.exc_value}\n")


class Handler(BaseHTTPRequestHandler):
    server: SiteServer
    server_version = "sgam-onto"
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the body waits ~40 ms for an ACK.
    disable_nagle_algorithm = True

    # ------------------------------------------------------------------ plumbing

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

    # ------------------------------------------------------------------ methods

    def do_GET(self) -> None:
        self._route(head=False)

    def do_HEAD(self) -> None:
        self._route(head=True)

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

    def _is_sparql(self) -> bool:
        return urlsplit(self.path).path.rstrip("/") == "/sparql"

    def do_POST(self) -> None:
        if not self._is_sparql():
            self._text(405, "only /sparql accepts POST", {"Allow": "GET, HEAD, OPTIONS"})
            return
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self._text(411, "send the body with a Content-Length")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            self._text(400, "bad Content-Length")
            return
        if length > MAX_BODY:
            self.close_connection = True
            self._text(413, f"request body over {MAX_BODY} bytes")
            return
        self.reader.expire_in(self.server.body_timeout)
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            self.close_connection = True
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif ctype == "application/sparql-query":
            params.setdefault("query", []).append(body.decode("utf-8", "replace"))
        elif ctype == "application/sparql-update":
            self._text(403, "this endpoint is read-only: SPARQL updates are not accepted")
            return
        else:
            self._text(415, "POST application/x-www-form-urlencoded or application/sparql-query")
            return
        self._sparql(params, head=False)

    def do_PUT(self) -> None:
        self._text(405, "this server is read-only", {"Allow": "GET, HEAD, POST, OPTIONS"})

    do_DELETE = do_PUT
    do_PATCH = do_PUT

    # ------------------------------------------------------------------ routing

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
        if "\x00" in path or "\\" in path or any(seg in ("..", ".") for seg in path.split("/")):
            self._text(400, "bad path", head=head)
            return
        rel = path.lstrip("/")
        if any(seg.startswith(".") for seg in rel.split("/") if seg and seg != ".well-known"):
            self._text(404, "not found", head=head)
            return
        if rel in ("", "ontology", self.server.version):
            self._negotiate(
                rel,
                "index.html" if rel == "" else "ontology.html",
                "ontology",
                head=head,
                serve_html_directly=rel == "",
            )
            return
        if rel in ("void", ".well-known/void"):
            self._redirect("void.ttl" if rel == "void" else "../void.ttl", head=head)
            return
        if rel == "data/sgam-onto":
            self._negotiate(rel, "downloads.html", "data/sgam-onto", head=head)
            return
        target = self._file(rel)
        if target is not None and target.is_file():
            ctype = EXTENSION_TYPES.get(target.suffix, "application/octet-stream")
            self._send(200, target.read_bytes(), ctype, head=head)
            return
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                self._redirect(posixpath.basename(path.rstrip("/")) + "/", head=head)
                return
            index = target / "index.html"
            if index.is_file():
                self._send(200, index.read_bytes(), HTML, head=head)
                return
        document = self._file(rel + ".html")
        if document is not None and document.is_file() and "." not in posixpath.basename(rel):
            self._negotiate(rel, rel + ".html", rel, head=head)
            return
        self._text(404, f"not found: {path}", head=head)

    def _file(self, rel: str) -> Path | None:
        candidate = (self.server.site / rel).resolve()
        if candidate != self.server.site and self.server.site not in candidate.parents:
            return None
        return candidate

    def _negotiate(
        self, rel: str, html_doc: str, stem: str, *, head: bool, serve_html_directly: bool = False
    ) -> None:
        """303 from `rel` towards the format the client prefers among the documents that
        exist: `html_doc`, or `stem`.EXT for RDF (both site paths)."""
        documents = {}
        for offer in DOCUMENT_OFFERS:
            doc = html_doc if offer.key == "html" else f"{stem}.{offer.key}"
            file = self._file(doc)
            if file is not None and file.is_file():
                documents[offer.key] = doc
        offers = [o for o in DOCUMENT_OFFERS if o.key in documents]
        found = negotiate(offers, self.headers.get("Accept"))
        if found is None:
            available = ", ".join(o.media_types[0] for o in offers)
            self._text(
                406,
                f"not available in an acceptable format; available: {available}",
                {"Vary": "Accept"},
                head=head,
            )
            return
        target = documents[found[0].key]
        if found[0].key == "html" and serve_html_directly:
            file = self._file(html_doc)
            assert file is not None
            self._send(200, file.read_bytes(), HTML, {"Vary": "Accept"}, head=head)
            return
        self._redirect(posixpath.relpath(target, posixpath.dirname(rel) or "."), head=head)

    # ------------------------------------------------------------------ SPARQL

    def _endpoint_iri(self) -> str:
        host = self.headers.get("Host") or ""
        if not _HOST.match(host):
            address, port = self.server.server_address[:2]
            host = f"{address}:{port}"
        return f"http://{host}{urlsplit(self.path).path}"

    def _describe_service(self, limits_note: str, *, head: bool) -> None:
        """GET /sparql without a query: the query form for browsers, else the SPARQL service
        description in the RDF format asked for."""
        from sgam_onto.serve.description import service_description

        srv = self.server
        found = negotiate(DOCUMENT_OFFERS, self.headers.get("Accept"))
        if found is None:
            self._text(406, "the service description is available as: " + ", ".join(
                o.media_types[0] for o in DOCUMENT_OFFERS), {"Vary": "Accept"}, head=head)
            return
        offer, _ = found
        if offer.key == "html":
            body = sparql_page.query_page(srv.catalogue, srv.version, limits_note)
            self._send(200, body, HTML, {"Vary": "Accept"}, head=head)
            return
        import pyoxigraph as ox

        from sgam_onto.publish.formats import BY_EXT
        from sgam_onto.serve.results import XML_KEYS, xml_safe

        fmt = BY_EXT[offer.key]
        triples = service_description(self._endpoint_iri(), srv.pool.triples, srv.version)
        data = ox.serialize(triples, format=fmt.oxigraph) or b""
        self._send(
            200, xml_safe(data) if offer.key in XML_KEYS else data, fmt.media_type,
            {"Vary": "Accept"}, head=head,
        )

    def _check_size(self, text: str, *, head: bool) -> bool:
        """The CLI's query limits, before anything parses the text: False when refused."""
        most = settings.current().max_query_chars
        if len(text) > most:
            self._text(413, f"the query is {len(text):,} characters; the limit is {most:,}",
                       head=head)
            return False
        depth = settings.current().max_nesting_depth
        try:
            for form in (text, guard.decode_escapes(text)):  # as sent, and as parsed
                check_query_text(form, "query")
                guard.check_operator_runs(form, depth)
        except settings.LimitError as err:
            self._text(400, str(err), head=head)
            return False
        except guard.Refused as refusal:
            self._text(refusal.status, refusal.message, head=head)
            return False
        return True

    def _sparql(self, params: dict[str, list[str]], *, head: bool) -> None:
        srv = self.server
        limits_note = (
            f"Queries run at most {srv.pool.timeout:g} s and return at most "
            f"{srv.max_rows} rows or triples."
        )
        if "update" in params:
            self._text(
                403, "this endpoint is read-only: SPARQL updates are not accepted", head=head
            )
            return
        queries = params.get("query", [])
        if not queries:
            self._describe_service(limits_note, head=head)
            return
        if len(queries) > 1:
            self._text(400, "give exactly one 'query' parameter", head=head)
            return
        text = queries[0]
        if not self._check_size(text, head=head):
            return
        try:
            guard.check_dataset(
                params.get("default-graph-uri", []), params.get("named-graph-uri", [])
            )
            form = guard.check_query(text)
        except guard.Refused as refusal:
            self._text(refusal.status, refusal.message, head=head)
            return
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        chosen = protocol.answer_format(form, params, self.headers.get("Accept"))
        fmt = chosen.key
        if fmt == "html":
            fmt = "ttl" if graph_form else "json"
        try:
            answer = srv.pool.run(text, fmt, srv.max_rows)
        except QueryError as err:
            self._text(400, str(err), head=head)
            return
        except (QueryTimeout, PoolBusy, WorkerFailed) as err:
            self._text(503, str(err), {"Retry-After": "1"}, head=head)
            return
        headers = {
            "Vary": "Accept",
            "Cache-Control": "no-store",
            "X-Result-Limit": str(srv.max_rows),
            "X-Result-Truncated": "true" if answer.truncated else "false",
        }
        if chosen.key == "html":
            if graph_form:
                from sgam_onto.publish.html import esc, page

                body = page(
                    "sparql",
                    "SPARQL results",
                    "<h1>SPARQL results</h1>\n"
                    + sparql_page._form(text)
                    + f"<pre>{esc(answer.body.decode('utf-8'))}</pre>\n",
                    srv.version,
                )
            else:
                body = sparql_page.results_page(
                    text, answer.body, answer.truncated, srv.max_rows, srv.version
                )
            self._send(200, body, HTML, headers, head=head)
            return
        self._send(200, answer.body, chosen.media_type, headers, head=head)


def make_server(
    site: str | Path,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    workers: int = 2,
    timeout: float = 10.0,
    max_rows: int = 10000,
    quiet: bool = True,
    max_connections: int = MAX_CONNECTIONS,
    header_timeout: float = HEADER_TIMEOUT,
    body_timeout: float = BODY_TIMEOUT,
) -> SiteServer:
    """A server for the published site at `site` (not yet serving: call serve_forever)."""
    from sgam_onto import __version__
    from sgam_onto.errors import SgamError
    from sgam_onto.query.stored import load_query

    root = Path(site)
    dump = root / "data" / "sgam-onto.nt"
    if not dump.is_file():
        raise SgamError(
            f"{site}: not a site published by 'sgam-onto publish' (no data/sgam-onto.nt)"
        )
    catalogue = [load_query(p) for p in sorted((root / "queries").glob("*.rq"))]
    data = [dump, *sorted((root / "data" / "alignments").glob("*.ttl"))]
    pool = WorkerPool(data, size=workers, timeout=timeout)
    try:
        return SiteServer(
            (host, port),
            root,
            pool,
            max_rows=max_rows,
            version=__version__,
            catalogue=catalogue,
            quiet=quiet,
            max_connections=max_connections,
            header_timeout=header_timeout,
            body_timeout=body_timeout,
        )
    except BaseException:
        pool.close()
        raise
