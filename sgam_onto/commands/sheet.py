"""`sgam-onto sheet export|import`: the resources contributors add, as spreadsheets."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Kept here (not imported) so that building the parser for --help loads nothing heavy;
# a test keeps it equal to the kinds of sgam_onto/sheet/kinds.toml.
KINDS = ("bodies", "standards", "coordination-items", "interactions", "context-entries")

EPILOG = """\
examples:
  sgam-onto sheet export coordination-items --out items.xlsx
  sgam-onto sheet import items.xlsx --out contribution.ttl
  sgam-onto sheet export bodies --out bodies.csv

Import validates what the sheet states against the shapes, with the landscape around it (rows
replace the resources of the same IRI), and writes the Turtle only when it conforms. Problems
are reported as FILE:SHEET:ROW:COLUMN.
exit status: 0 written, 1 the sheet does not conform (nothing written), 2 the sheet could not be
read."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `sheet` subcommand and its `export` and `import` actions."""
    parser = subparsers.add_parser(
        "sheet",
        help="export a kind of resource to XLSX/CSV, or import a sheet as Turtle",
        description="Round trip between the landscape and spreadsheets, for contributors who "
        "work in tables: bodies, standards, coordination items, interactions and context "
        "entries, one row per resource, provenance in its own column.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write one kind of resource as a table")
    export.add_argument("kind", choices=KINDS, metavar="KIND", help=", ".join(KINDS))
    export.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="FILE.xlsx or FILE.csv (replaced atomically)")
    export.set_defaults(func=run_export)
    load = actions.add_parser("import", help="read a table, validate it, write Turtle")
    load.add_argument("sheet", type=Path, metavar="FILE", help="FILE.xlsx or FILE.csv")
    load.add_argument("--out", type=Path, required=True, metavar="FILE.ttl",
                      help="the Turtle to write (replaced atomically, only if the sheet conforms)")
    load.add_argument("--kind", choices=KINDS, metavar="KIND",
                      help="the kind of the rows, when the sheet's name does not say it")
    load.add_argument("--sheet-name", metavar="NAME", help="the workbook sheet to read")
    load.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    from sgam_onto.sheet.convert import export_kind

    rows = export_kind(args.kind, args.out)
    print(f"{args.out}: {rows} {args.kind}", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from sgam_onto.errors import EXIT_FAIL, EXIT_OK
    from sgam_onto.sheet.convert import import_sheet

    outcome = import_sheet(args.sheet, args.out, kind=args.kind, sheet_name=args.sheet_name)
    for line in outcome.problems:
        print(line, file=sys.stderr)
    if outcome.written:
        print(f"{args.out}: {outcome.resources} {outcome.kind}, "
              f"{outcome.triples} triples, conforms", file=sys.stderr)
        return EXIT_OK
    print(f"{args.sheet}: does not conform; {args.out} not written", file=sys.stderr)
    return EXIT_FAIL
