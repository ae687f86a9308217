"""The local server: the published site with real content negotiation, and a read-only
SPARQL 1.1 Protocol endpoint at /sparql.

    >>> from sgam_onto.serve.server import make_server
    >>> server = make_server("site/", port=8080)
    >>> server.serve_forever()

Every response carries ``Access-Control-Allow-Origin: *`` and OPTIONS answers CORS preflights,
so browser clients on other origins can query. HTML and SVG carry a strict
Content-Security-Policy. Connections are bounded in number, and a request's head and body each
have a deadline, so slow clients cannot hold the server.
"""

from __future__ import annotations

import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from sgam_onto.serve import connections
from sgam_onto.serve.handler import Handler
from sgam_onto.serve.pool import WorkerPool
from sgam_onto.serve.responder import log_line

HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 30.0
MAX_CONNECTIONS = 64


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


def _thread_error(args: threading.ExceptHookArgs) -> None:
    """Whatever escapes a thread of the server costs one line on stderr, not a traceback."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "a thread"
    sys.stderr.write(f"{name}: {args.exc_type.__name__}: {args.exc_value}\n")


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
