"""Command-line options shared by ``query``, ``report`` and ``load`` to choose a store.

``add_store_arguments(parser)`` adds them; ``open_store(args)`` returns what queries run on: the
in-memory landscape (no option), an on-disk store (``--store DIR``), or a remote endpoint
(``--endpoint URL``). Passwords never come from here: see ``credentials``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sgam_onto.stores.base import StoreLike
    from sgam_onto.stores.layouts import Endpoint

# Literals, not imports: building the parser for --help must not load any RDF library.
LAYOUTS = ("oxigraph", "fuseki", "virtuoso", "graphdb")
DEFAULT_TIMEOUT = 30.0

STORE_HELP = """\
stores (default: the landscape in memory):
  --store DIR                 an on-disk store filled by 'sgam-onto load --store DIR'
  --endpoint URL              a SPARQL endpoint; with --layout, the server's base URL
  credentials come from $SGAM_ONTO_USER/$SGAM_ONTO_PASSWORD or a netrc file, never from options"""


def add_store_arguments(parser: argparse.ArgumentParser, *, loading: bool = False) -> None:
    """Add --store, --endpoint and their companions to a subcommand's parser."""
    group = parser.add_argument_group("store")
    where = group.add_mutually_exclusive_group()
    where.add_argument("--store", type=Path, metavar="DIR", help="on-disk pyoxigraph store")
    where.add_argument(
        "--endpoint", metavar="URL",
        help="remote store: the SPARQL query URL, or the base URL with --layout",
    )
    group.add_argument(
        "--graph", metavar="IRI",
        help="named graph to %s (default: the release's version IRI, "
        "https://w3id.org/sgam-onto/VERSION; 'default' for the store's default graph)"
        % ("replace" if loading else "query"),
    )
    group.add_argument("--layout", choices=LAYOUTS, help="service paths of a known server")
    group.add_argument("--dataset", metavar="NAME", help="Fuseki dataset (with --layout fuseki)")
    group.add_argument(
        "--repository", metavar="NAME", help="GraphDB repository (with --layout graphdb)"
    )
    group.add_argument("--query-url", metavar="URL", help="SPARQL query service URL")
    group.add_argument("--update-url", metavar="URL", help="SPARQL update service URL")
    group.add_argument("--gsp-url", metavar="URL", help="Graph Store Protocol service URL")
    group.add_argument(
        "--auth", choices=("basic", "digest"),
        help="HTTP authentication scheme (default: the layout's; digest for virtuoso)",
    )
    group.add_argument(
        "--netrc", type=Path, metavar="FILE",
        help="netrc file with the credentials (default: ~/.netrc)",
    )
    group.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
        help=f"network timeout per request (default: {DEFAULT_TIMEOUT:g})",
    )


def graph_of(args: argparse.Namespace) -> str:
    """The graph named by --graph, else the release's version IRI."""
    from sgam_onto.stores.base import release_graph

    return args.graph or release_graph()


def endpoint_of(args: argparse.Namespace) -> Endpoint:
    """The Endpoint described by --endpoint, --layout and the explicit service URLs."""
    from sgam_onto.errors import SgamError
    from sgam_onto.stores.layouts import resolve_endpoint

    explicit = (args.query_url, args.update_url, args.gsp_url)
    if args.endpoint is None and not any(explicit):
        raise SgamError("give --endpoint URL (or the service URLs)")
    if args.timeout is not None and args.timeout <= 0:
        raise SgamError(f"--timeout {args.timeout:g}: must be a positive number of seconds")
    return resolve_endpoint(
        args.endpoint, args.layout, dataset=args.dataset, repository=args.repository,
        query_url=args.query_url, update_url=args.update_url, gsp_url=args.gsp_url,
        auth=args.auth,
    )


def remote_requested(args: argparse.Namespace) -> bool:
    return bool(args.endpoint or args.query_url or args.update_url or args.gsp_url)


def check_combination(args: argparse.Namespace) -> None:
    """Reject options that only make sense with another one."""
    from sgam_onto.errors import SgamError

    remote_only = [
        flag for flag, value in (
            ("--layout", args.layout), ("--dataset", args.dataset),
            ("--repository", args.repository), ("--auth", args.auth), ("--netrc", args.netrc),
            ("--query-url", args.query_url), ("--update-url", args.update_url),
            ("--gsp-url", args.gsp_url),
        ) if value
    ]
    if args.store is not None and remote_only:
        raise SgamError(f"{', '.join(remote_only)} cannot be used with --store")


def open_store(args: argparse.Namespace) -> StoreLike:
    """What queries should run on, as chosen on the command line."""
    from sgam_onto.errors import SgamError

    check_combination(args)
    if remote_requested(args):
        from sgam_onto.stores.credentials import find_credentials
        from sgam_onto.stores.remote import RemoteStore

        endpoint = endpoint_of(args)
        url = endpoint.require("query")
        return RemoteStore(
            endpoint, graph_of(args), find_credentials(url, args.netrc), args.timeout
        )
    if args.store is not None:
        from sgam_onto.stores import embedded

        store = embedded.open_store(args.store, read_only=True)
        graph = graph_of(args)
        embedded.graph_name(graph)  # a bad IRI is a usage error before anything runs
        if not embedded.has_graph(store, graph):
            raise SgamError(
                f"--store {args.store}: no graph <{graph}> in it; load it with "
                f"'sgam-onto load --store {args.store}'" + ("" if args.graph else
                " or name the graph with --graph")
            )
        return embedded.GraphView(store, graph)
    if args.graph is not None:
        raise SgamError("--graph needs --store or --endpoint")
    from sgam_onto.stores.direct import load_store

    extra = getattr(args, "data", None) or ()
    return load_store(extra, getattr(args, "with_alignments", False))
