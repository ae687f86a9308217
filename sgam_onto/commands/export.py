"""``sgam-onto export``: write the landscape in another format, such as the SSSOM mapping set.

The alignments are always loaded for an export of mappings. With ``--out`` the file is
replaced atomically (readers never see half a file); without it the text goes to stdout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FORMATS = ("sssom",)

EPILOG = """\
examples:
  sgam-onto export sssom > sgam-onto.sssom.tsv
  sgam-onto export sssom --out dist/sgam-onto.sssom.tsv

exit status: 0 written, 2 the landscape or alignments could not be loaded, a mapping record
is incomplete, or the output cannot be written."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `export` subcommand."""
    parser = subparsers.add_parser(
        "export",
        help="export the alignment mappings (SSSOM/TSV)",
        description="Export the landscape's alignment mappings as an SSSOM mapping set "
        "(TSV with a YAML metadata block), loading the alignments.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("format", choices=FORMATS, help="output format")
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Build the export and write it; errors go to stderr with exit code 2."""
    from sgam_onto.errors import EXIT_LOAD, EXIT_OK, SgamError

    try:
        text = sssom_text()
        if args.out is None:
            sys.stdout.write(text)
        else:
            _write(args.out, text)
    except SgamError as err:
        print(str(err), file=sys.stderr)
        return err.exit_code if err.exit_code else EXIT_LOAD
    if args.out is not None:
        print(f"wrote {args.out}", file=sys.stderr)
    return EXIT_OK


def sssom_text() -> str:
    """The SSSOM/TSV text of the packaged landscape with its alignments."""
    from sgam_onto.export.mappings import mapping_records, vocabulary_prefixes
    from sgam_onto.export.sssom import render_sssom
    from sgam_onto.landscape import load_landscape

    land = load_landscape(with_alignments=True)
    graph = land.graph
    return render_sssom(mapping_records(graph), vocabulary_prefixes(graph), land.version)


def _write(path: Path, text: str) -> None:
    from sgam_onto.errors import LoadError
    from sgam_onto.io.atomic import atomic_write

    if path.is_dir():
        raise LoadError(path, message="is a directory; give a file name for --out")
    if not path.parent.is_dir():
        raise LoadError(path, message="the directory does not exist")
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as err:
        raise LoadError(path, message=err.strerror or str(err)) from None
