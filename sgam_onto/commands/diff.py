"""`sgam-onto diff OLD NEW`: what a change to the landscape does, as a reviewer reads it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# Kept here (not imported) so that building the parser for --help loads no RDF library.
FORMATS = ("text", "md", "json")

EPILOG = """\
OLD and NEW are each a directory holding ontology/ (a checkout, or the ontology folder
itself) or a git revision of the repository you are in (main, HEAD~1, a tag).

examples:
  sgam-onto diff main HEAD
  sgam-onto diff ../sgam-onto-upstream . --format md > comment.md
  sgam-onto diff v0.1.0 HEAD --format json

exit status: 0 compared (with or without changes), 2 a side could not be found or loaded."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `diff` subcommand."""
    parser = subparsers.add_parser(
        "diff",
        help="compare two versions of the landscape resource by resource",
        description="List the resources added, removed or changed between two versions of the "
        "landscape, by kind, with their labels and the facts that changed.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("old", metavar="OLD", help="directory or git revision")
    parser.add_argument("new", metavar="NEW", help="directory or git revision")
    parser.add_argument(
        "--format", choices=FORMATS, default="text",
        help="text (default), md for a pull-request comment, or json",
    )
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Resolve both sides, load them through the syntax gate, print their difference."""
    from sgam_onto.diff.compare import compare
    from sgam_onto.diff.render import render

    old, new = _load(args.old), _load(args.new)
    sys.stdout.write(render(compare(old, new, args.old, args.new), args.format))
    return 0


def _load(spec: str):  # -> rdflib.Graph
    from sgam_onto.diff.sides import resolve
    from sgam_onto.errors import LoadError
    from sgam_onto.landscape import load_landscape

    with resolve(spec) as side:
        try:
            return load_landscape(files=side.files()).graph
        except LoadError as err:
            if err.path is not None and not Path(spec).is_dir():
                # Name the file as it is in the revision, not in the temporary folder.
                inside = err.path.relative_to(side.ontology.parent)
                raise LoadError(f"{spec}:{inside}", err.line, err.column, err.message) from None
            raise
