"""``sgam-onto validate [FILE...]``: check contributions (or the landscape) against the shapes.

The files are loaded together with the landscape, so that references to existing bodies,
actors and contexts resolve and a reference to an unknown one is reported; they are linted
too (``sgam-onto lint``) unless --no-lint. The report goes to
stdout; load errors go to stderr as PATH:LINE:COL. Exit 0 conforms, 1 does not conform
(violations; warnings too with --strict), 2 a file could not be loaded or bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sgam_onto import paths
from sgam_onto.commands import add_engine_argument
from sgam_onto.errors import EXIT_FAIL, EXIT_OK

FORMATS = ("text", "json", "markdown", "turtle")


def run(args: argparse.Namespace) -> int:
    from sgam_onto.collector import fewer_full_collections
    from sgam_onto.validate import render, validate_files

    with fewer_full_collections():
        outcome = validate_files(
            args.files, with_alignments=args.with_alignments, shapes_from=args.shapes or None,
            lint=not args.no_lint, engine=args.engine, locate=args.format != "turtle",
        )
        report = render(outcome, args.format, strict=args.strict)
    sys.stdout.write(report)
    if args.format in ("json", "turtle"):  # keep stdout machine-readable; summary to stderr
        print(f"{outcome.summary()} ({outcome.seconds:.2f} s)", file=sys.stderr)
    root, why = paths.landscape_root()
    print(f"landscape {root} ({why})", file=sys.stderr)
    return EXIT_OK if outcome.conforms(args.strict) else EXIT_FAIL


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="validate contributions (or the landscape) against the SHACL shapes",
        description="Validate RDF files together with the landscape against the SHACL shapes "
        "in shapes/ (without FILE: the landscape alone). The report lists each resource with "
        "its label, IRI and FILE:LINE, the rule it breaks, the offending value and a fix. "
        "Exit 0 conforms, 1 violations (or warnings with --strict), 2 a file could not be "
        "loaded.",
    )
    parser.add_argument(
        "files", nargs="*", type=Path, metavar="FILE",
        help="contribution files (Turtle, N-Triples, TriG, RDF/XML) to validate with the landscape",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="text",
        help="report format: text (default), json, markdown (for a review comment), "
        "turtle (the sh:ValidationReport graph)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="warnings make validation fail too (exit 1)"
    )
    parser.add_argument(
        "--with-alignments", action="store_true", help="also load ontology/alignments/*.ttl"
    )
    parser.add_argument(
        "--shapes", action="append", type=Path, metavar="PATH",
        help="validate against these shape files or directories instead of shapes/ "
        "(repeatable), e.g. shapes/qa",
    )
    parser.add_argument(
        "--no-lint", action="store_true",
        help="leave out the lint of the files (see `sgam-onto lint`), which otherwise "
        "joins the report and fails validation like a violation",
    )
    add_engine_argument(parser, default="fast")
    parser.set_defaults(func=run)
