"""`sgam-onto publish --out DIR`: build the static linked-data site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EPILOG = """\
The site holds an index, the ontology documentation, one page (+ Turtle and JSON-LD) per
resource, full dumps, a JSON-LD context, a VoID/DCAT description, the alignments as an SSSOM
mapping set, pictures, the query catalogue, the report, and an .htaccess for content
negotiation. A build writes into a temporary folder and replaces DIR only when complete; DIR
must be new, empty, or a site published before. Two builds of the same version are byte-identical.
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
    from sgam_onto.commands import add_lang_argument

    add_lang_argument(parser)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Build the site; print its path, file count and size on stdout."""
    from sgam_onto.errors import EXIT_OK
    from sgam_onto.publish import publish

    info = publish(args.out, lang=args.lang)
    print(f"{info.out}\t{info.files} files\t{info.bytes} bytes")
    print(f"published in {info.seconds:.1f} s", file=sys.stderr)
    return EXIT_OK
