"""`sgam-onto query`: run a stored query by catalogue name, or a .rq file, and print results."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sgam_onto.query.catalogue import Catalogue
    from sgam_onto.query.stored import StoredQuery

# Kept here (not imported) so that building the parser for --help loads no RDF library.
FORMATS = ("table", "csv", "json", "md")

EPILOG = """\
examples:
  sgam-onto query --list
  sgam-onto query NAME --param body=https://w3id.org/sgam-onto/id/body/iec-tc57-wg17
  sgam-onto query --file my.rq --format csv
  sgam-onto query coordination-items --lang fr

Parameters are bound as RDF terms (IRIs must be absolute; literals must be valid for their
declared datatype), never pasted into the query text.
exit status: 0 ok, 2 bad arguments, unknown query, bad header or SPARQL, data not loadable."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `query` subcommand."""
    parser = subparsers.add_parser(
        "query",
        help="run a stored SPARQL query by name, or a .rq file",
        description="Run a catalogue query (see --list) or a SPARQL file against the landscape.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="catalogue query name")
    parser.add_argument("--list", action="store_true", help="list catalogue queries and exit")
    parser.add_argument("--file", type=Path, metavar="F.rq", help="run this query file instead")
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind a declared parameter (repeatable)",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )
    parser.add_argument(
        "--with-alignments", action="store_true",
        help="also load ontology/alignments/*.ttl (queries whose header says 'needs: "
        "alignments', such as the cim-* queries, load them by themselves)",
    )
    from sgam_onto.commands import add_lang_argument

    add_lang_argument(parser)
    parser.add_argument(
        "--data", action="append", default=[], type=Path, metavar="FILE",
        help="an RDF file loaded beside the landscape, e.g. a CIM model (repeatable)",
    )
    from sgam_onto.stores.args import add_store_arguments

    add_store_arguments(parser)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Execute the subcommand: print results on stdout, problems on stderr."""
    from sgam_onto.errors import EXIT_LOAD, EXIT_OK, LoadError, SgamError

    try:
        text = _execute(args)
    except LoadError as err:  # PATH:LINE first, as everywhere in the command line
        print(err, file=sys.stderr)
        return EXIT_LOAD
    except SgamError as err:
        print(f"sgam-onto: {err}", file=sys.stderr)
        return EXIT_LOAD
    sys.stdout.write(text)
    return EXIT_OK


def _execute(args: argparse.Namespace) -> str:
    from sgam_onto.errors import SgamError
    from sgam_onto.query.binding import parse_param_args
    from sgam_onto.query.catalogue import Catalogue
    from sgam_onto.query.stored import load_query

    chosen = [
        flag
        for flag, on in (("NAME", args.name), ("--file", args.file), ("--list", args.list))
        if on
    ]
    if len(chosen) != 1:
        what = " and ".join(chosen) if chosen else "nothing"
        raise SgamError(f"query: give exactly one of NAME, --file or --list (got {what})")
    cat = Catalogue()
    if args.list:
        if args.param:
            raise SgamError("query: --param makes no sense with --list")
        return _listing(cat)

    raw = parse_param_args(args.param)
    if args.file is not None:
        query = load_query(args.file, require_header=False)
    else:
        query = cat.load(args.name)
    return _answer(query, raw, args.format, args)


def _answer(query: StoredQuery, raw: dict[str, str], fmt: str, args: argparse.Namespace) -> str:
    from sgam_onto.query.formats import render
    from sgam_onto.query.labels import labels_for
    from sgam_onto.query.language import labels_in
    from sgam_onto.query.runner import bind_stored, run_stored

    bind_stored(query, raw)  # bad parameters fail before the landscape is loaded
    from sgam_onto.stores.args import open_store
    from sgam_onto.stores.direct import keep_until_exit

    if query.needs_alignments:  # the query says what it needs: no option to remember
        args.with_alignments = True
    opened = open_store(args)
    keep_until_exit(opened)  # the process ends with the answer: freeing is the OS's job
    store = labels_in(opened, args.lang)
    result = run_stored(store, query, raw)
    if result.truncated:  # the output is incomplete: say so where a person will see it
        print(
            f"sgam-onto: {query.path}: output cut at {len(result.rows):,} rows, the row limit "
            "(set SGAM_ONTO_MAX_ROWS to raise it)",
            file=sys.stderr,
        )
    labels = labels_for(store, result.rows) if fmt in ("table", "md") else {}
    return render(result, fmt, labels)


def _listing(cat: Catalogue) -> str:
    from sgam_onto.tables import aligned

    return "".join(f"{line}\n" for line in aligned([(q.name, q.summary) for q in cat.queries()]))
