"""`sgam-onto publish --out DIR`: build the static linked-data site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EPILOG = """\
The site holds an index, the ontology documentation, one page (+ Turtle and JSON-LD) per
resource, full dumps, a JSON-LD context, a VoID/DCAT description, the alignments as an SSSOM
mapping set, pictures, the query
catalogue, the report, and an .htaccess for content negotiation. A build writes into a
temporary folder and replaces DIR only when complete; DIR must be new, empty, or a site
published before. Two builds of the same version are byte-identical. What is published is
linted first (`sgam-onto lint`): findings are printed on stderr as warnings (hidden or bidi
characters, misspelt IRIs...); the pages isolate bidi text and link only http(s) IRIs anyway.
exit status: 0 ok, 2 the data could not be loaded or DIR cannot be used."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `publish` subcommand."""
    parser = subparsers.add_parser(
        "publish",
        help="build the static linked-data site",
        description="Publish the landscape as a static site hostable anywhere.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="folder to write the site into"
    )
    parser.add_argument(
        "--no-lint", action="store_true", help="publish without linting the data first"
    )
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Build the site; print its path, file count and size on stdout."""
    from sgam_onto.errors import EXIT_OK
    from sgam_onto.publish import publish

    if not args.no_lint:
        lint_published()
    info = publish(args.out)
    print(f"{info.out}\t{info.files} files\t{info.bytes} bytes")
    print(f"published in {info.seconds:.1f} s", file=sys.stderr)
    return EXIT_OK


def lint_published() -> int:
    """Lint the files the site is built from; findings go to stderr as warnings."""
    from sgam_onto import paths
    from sgam_onto.landscape import load_landscape
    from sgam_onto.lint import lint_files

    files = [*paths.landscape_files(), *paths.alignment_files()]
    findings = lint_files(files, load_landscape(with_alignments=True))
    for finding in findings:
        print(f"{finding.path}:{finding.line}: warning: {finding.rule}: {finding.message}",
              file=sys.stderr)
    if findings:
        print(f"publish: {len(findings)} lint findings in the published data (see above)",
              file=sys.stderr)
    return len(findings)
