"""`sgam-onto report`: the landscape report in Markdown or self-contained HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Kept here (not imported) so that building the parser for --help loads no RDF library.
FORMATS = ("md", "html")

EPILOG = """\
examples:
  sgam-onto report > landscape.md
  sgam-onto report --format html --out landscape.html
  sgam-onto report --lang fr > paysage.md

Every section names the catalogue query it comes from (rerun it with `sgam-onto query NAME`).
exit status: 0 written, 2 the landscape could not be loaded or the file not written."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `report` subcommand."""
    parser = subparsers.add_parser(
        "report",
        help="write a landscape report (Table 1, coordination, gaps, discrepancies)",
        description="Assemble a report of the landscape from catalogue queries: Table 1, the "
        "coordination items by status and importance, the coordination network, candidate "
        "gaps and the SRD's discrepancies.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="md", help="md (default) or self-contained html"
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    from sgam_onto.commands import add_lang_argument
    from sgam_onto.stores.args import add_store_arguments

    add_lang_argument(parser)
    add_store_arguments(parser)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Build the report; print it, or replace FILE with it in one step."""
    from sgam_onto.errors import EXIT_LOAD, EXIT_OK, LoadError, SgamError

    try:
        text = render(args.format, args)
        if args.out is None:
            sys.stdout.write(text)
        else:
            write(args.out, text)
    except LoadError as err:
        print(err, file=sys.stderr)
        return EXIT_LOAD
    except SgamError as err:
        print(f"sgam-onto: {err}", file=sys.stderr)
        return EXIT_LOAD
    return EXIT_OK


def render(fmt: str, args: argparse.Namespace) -> str:
    """The report on the store the options choose (the landscape in memory by default)."""
    from sgam_onto.query.language import labels_in
    from sgam_onto.report import build_report, render_html, render_markdown
    from sgam_onto.stores.args import open_store

    report = build_report(labels_in(open_store(args), args.lang))
    return render_html(report) if fmt == "html" else render_markdown(report)


def write(path: Path, text: str) -> None:
    from sgam_onto.errors import SgamError
    from sgam_onto.io.atomic import atomic_write

    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as err:
        raise SgamError(f"{path}: cannot write the report ({err.strerror or err})") from None
