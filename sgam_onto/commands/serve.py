"""`sgam-onto serve`: the published site on 127.0.0.1 with content negotiation and a
read-only SPARQL endpoint at /sparql."""

from __future__ import annotations

import argparse
import contextlib
import shutil
import signal
import sys
import tempfile
from pathlib import Path

EPILOG = """\
Without --site, the site is built into a temporary folder first (removed on exit).
The server prints its URL on stdout, then serves until interrupted (Ctrl-C).
Resource IRIs (/id/KIND/SLUG, /concept/NAME, /ontology, the version IRI, /) answer 303
towards HTML, Turtle, JSON-LD, N-Triples or RDF/XML by the Accept header (RFC 9110 q-values;
text/plain names N-Triples; HTML by default and for a malformed header; 406 when every format
is excluded). /sparql: SPARQL 1.1 Protocol, GET or POST (form or application/sparql-query),
read-only; SELECT/ASK in SPARQL JSON, XML, CSV, TSV; CONSTRUCT/DESCRIBE in Turtle, JSON-LD,
N-Triples, RDF/XML; GET without a query gives the service description. SERVICE, LOAD and FROM
of other graphs are refused; queries over the CLI's length and nesting limits get 413/400;
each query has a time limit and a row cap (X-Result-Truncated: true when rows were cut).
Every response allows cross-origin use (CORS); OPTIONS answers preflights. In XML answers,
control characters that XML 1.0 cannot carry are replaced by U+FFFD.
exit status: 0 stopped, 2 the site cannot be served (missing, port in use)."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `serve` subcommand."""
    parser = subparsers.add_parser(
        "serve",
        help="serve the site locally with content negotiation and a SPARQL endpoint",
        description="Serve a published site on 127.0.0.1.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--port", type=int, default=8080, help="TCP port (0: any free port; default 8080)"
    )
    parser.add_argument("--site", type=Path, metavar="DIR", help="a folder made by 'publish'")
    parser.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="time limit of one query in seconds (default 10)",
    )
    parser.add_argument(
        "--max-rows",
        type=int,
        default=10000,
        metavar="N",
        help="most rows or triples one query returns (default 10000)",
    )
    parser.add_argument(
        "--workers", type=int, default=2, metavar="N", help="query worker processes (default 2)"
    )
    parser.add_argument(
        "--max-connections",
        type=int,
        default=64,
        metavar="N",
        help="connections served at once; more are answered 503 (default 64)",
    )
    parser.add_argument(
        "--header-timeout",
        type=float,
        default=10.0,
        metavar="S",
        help="seconds a client has to send a request's head (default 10)",
    )
    parser.add_argument(
        "--body-timeout",
        type=float,
        default=30.0,
        metavar="S",
        help="seconds a client has to send a request's body (default 30)",
    )
    parser.add_argument("--verbose", action="store_true", help="log each request on stderr")
    parser.set_defaults(func=run)
    return parser


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    from sgam_onto.errors import EXIT_OK, SgamError

    if (
        args.timeout <= 0
        or args.max_rows < 1
        or args.workers < 1
        or args.max_connections < 1
        or args.header_timeout <= 0
        or args.body_timeout <= 0
    ):
        raise SgamError(
            "--timeout, --max-rows, --workers, --max-connections, --header-timeout and "
            "--body-timeout must be positive"
        )
    with contextlib.ExitStack() as stack:
        site = args.site
        if site is None:
            from sgam_onto.publish import publish

            tmp = Path(tempfile.mkdtemp(prefix="sgam-onto-site-"))
            stack.callback(shutil.rmtree, tmp, True)
            site = publish(tmp / "site").out
        from sgam_onto.serve.server import make_server

        try:
            server = make_server(
                site,
                port=args.port,
                workers=args.workers,
                timeout=args.timeout,
                max_rows=args.max_rows,
                quiet=not args.verbose,
                max_connections=args.max_connections,
                header_timeout=args.header_timeout,
                body_timeout=args.body_timeout,
            )
        except OSError as err:
            raise SgamError(f"cannot listen on 127.0.0.1:{args.port}: {err.strerror}") from None
        stack.callback(server.server_close)
        # SIGTERM stops the server like Ctrl-C does, so that workers and temp files go too.
        signal.signal(signal.SIGTERM, _interrupt)
        print(server.url, flush=True)
        print(f"serving {site} at {server.url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return EXIT_OK
