"""The local server: the published site with real content negotiation, and a read-only
SPARQL 1.1 Protocol endpoint at /sparql.

Resource IRIs without an extension (``/id/body/iec-tc57-wg17``, ``/ontology``, ``/`` for RDF
clients) answer 303 See Other towards the document in the negotiated format, with
``Vary: Accept``; HTML is the default when there is no Accept header; an Accept header that
allows none of the available formats gets 406 with the list of them. Locations are relative,
so the server works behind any path prefix.
"""

from __future__ import annotations

import posixpath
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from sgam_onto.serve import guard, negotiation, sparql_page
from sgam_onto.serve.results import GRAPH_TYPES, SELECT_TYPES
from sgam_onto.serve.worker import PoolBusy, QueryError, QueryTimeout, WorkerFailed, WorkerPool

MAX_BODY = 1 << 20
EXTENSION_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".svg": "image/svg+xml",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".rq": "application/sparql-query; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}
# Negotiable document formats: (media type, extension), in the server's order of preference.
DOCUMENT_TYPES = (
    ("text/html", "html"),
    ("application/xhtml+xml", "html"),
    ("text/turtle", "ttl"),
    ("application/x-turtle", "ttl"),
    ("application/ld+json", "jsonld"),
    ("application/n-triples", "nt"),
    ("application/rdf+xml", "rdf"),
)
FORMAT_PARAM = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "html": "text/html",
    "ttl": "text/turtle",
    "turtle": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}
RESULT_CHARSET = {"text/csv", "text/tab-separated-values", "text/turtle", "text/html"}


class SiteServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that knows its site folder and owns the query workers."""

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
    ) -> None:
        super().__init__(address, Handler)
        self.site = site.resolve()
        self.pool = pool
        self.max_rows = max_rows
        self.version = version
        self.catalogue = catalogue
        self.quiet = quiet

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class Handler(BaseHTTPRequestHandler):
    server: SiteServer
    server_version = "sgam-onto"
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle on, the body waits ~40 ms for an ACK.
    disable_nagle_algorithm = True

    # ------------------------------------------------------------------ plumbing

    def log_message(self, format: str, *args: object) -> None:
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
        *,
        head: bool = False,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
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
        self._send(
            status,
            (message + "\n").encode("utf-8"),
            "text/plain; charset=utf-8",
            headers,
            head=head,
        )

    def _redirect(self, location: str, *, head: bool = False) -> None:
        self._send(
            HTTPStatus.SEE_OTHER,
            f"See {location}\n".encode(),
            "text/plain; charset=utf-8",
            {"Location": location, "Vary": "Accept"},
            head=head,
        )

    # ------------------------------------------------------------------ methods

    def do_GET(self) -> None:
        self._route(head=False)

    def do_HEAD(self) -> None:
        self._route(head=True)

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        if path.rstrip("/") != "/sparql":
            self._text(405, "only /sparql accepts POST", {"Allow": "GET, HEAD"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._text(413, f"request body over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length) if length else b""
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
        self._text(405, "this server is read-only", {"Allow": "GET, HEAD, POST"})

    do_DELETE = do_PUT
    do_PATCH = do_PUT

    # ------------------------------------------------------------------ routing

    def _route(self, *, head: bool) -> None:
        parts = urlsplit(self.path)
        path = unquote(parts.path)
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
        if rel in ("", "ontology"):
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
                self._send(200, index.read_bytes(), EXTENSION_TYPES[".html"], head=head)
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
        offered = []
        for media, ext in DOCUMENT_TYPES:
            file = self._file(html_doc if ext == "html" else f"{stem}.{ext}")
            if file is not None and file.is_file():
                offered.append(media)
        chosen = negotiation.choose(offered, self.headers.get("Accept"))
        if chosen is None:
            available = ", ".join(dict.fromkeys(offered))
            self._text(
                406,
                f"not available in an acceptable format; available: {available}",
                {"Vary": "Accept"},
                head=head,
            )
            return
        ext = dict(DOCUMENT_TYPES)[chosen]
        target = html_doc if ext == "html" else f"{stem}.{ext}"
        if ext == "html" and serve_html_directly:
            file = self._file(html_doc)
            assert file is not None
            self._send(
                200, file.read_bytes(), EXTENSION_TYPES[".html"], {"Vary": "Accept"}, head=head
            )
            return
        self._redirect(posixpath.relpath(target, posixpath.dirname(rel) or "."), head=head)

    # ------------------------------------------------------------------ SPARQL

    def _sparql(self, params: dict[str, list[str]], *, head: bool) -> None:
        srv = self.server
        limits = (
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
            accept = self.headers.get("Accept")
            if negotiation.choose(["text/html"], accept) and (
                accept is None
                or negotiation.quality(negotiation.parse_accept(accept), "text/html") > 0
            ):
                body = sparql_page.query_page(srv.catalogue, srv.version, limits)
                self._send(200, body, EXTENSION_TYPES[".html"], {"Vary": "Accept"}, head=head)
            else:
                self._text(400, "missing the 'query' parameter", head=head)
            return
        if len(queries) > 1:
            self._text(400, "give exactly one 'query' parameter", head=head)
            return
        text = queries[0]
        try:
            guard.check_dataset(
                params.get("default-graph-uri", []), params.get("named-graph-uri", [])
            )
            form = guard.check_query(text)
        except guard.Refused as refusal:
            self._text(refusal.status, refusal.message, head=head)
            return
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        offered = [*GRAPH_TYPES, "text/html"] if graph_form else [*SELECT_TYPES, "text/html"]
        fmt_param = (params.get("format") or [""])[0].lower()
        if fmt_param:
            chosen = FORMAT_PARAM.get(fmt_param)
            if chosen not in offered:
                self._text(
                    400,
                    f"format {fmt_param!r} does not fit a {form} query; use one of: "
                    + ", ".join(k for k, v in FORMAT_PARAM.items() if v in offered),
                    head=head,
                )
                return
        else:
            chosen = negotiation.choose(offered, self.headers.get("Accept"))
            if chosen is None:
                self._text(
                    406,
                    "no acceptable result format; available: " + ", ".join(offered),
                    {"Vary": "Accept"},
                    head=head,
                )
                return
        if chosen == "text/html":
            fmt = "ttl" if graph_form else "json"
        else:
            fmt = (GRAPH_TYPES if graph_form else SELECT_TYPES)[chosen]
        try:
            answer = srv.pool.run(text, fmt, srv.max_rows)
        except QueryError as err:
            self._text(400, str(err), head=head)
            return
        except QueryTimeout as err:
            self._text(503, str(err), {"Retry-After": "1"}, head=head)
            return
        except (PoolBusy, WorkerFailed) as err:
            self._text(503, str(err), {"Retry-After": "1"}, head=head)
            return
        headers = {
            "Vary": "Accept",
            "Cache-Control": "no-store",
            "X-Result-Limit": str(srv.max_rows),
            "X-Result-Truncated": "true" if answer.truncated else "false",
            "Access-Control-Allow-Origin": "*",
        }
        if chosen == "text/html":
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
            self._send(200, body, EXTENSION_TYPES[".html"], headers, head=head)
            return
        ctype = chosen + ("; charset=utf-8" if chosen in RESULT_CHARSET else "")
        self._send(200, answer.body, ctype, headers, head=head)


def make_server(
    site: str | Path,
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    workers: int = 2,
    timeout: float = 10.0,
    max_rows: int = 10000,
    quiet: bool = True,
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
        )
    except BaseException:
        pool.close()
        raise
