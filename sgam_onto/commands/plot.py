"""`sgam-onto plot NAME --out FILE`: draw a picture of the landscape as SVG or PNG."""

from __future__ import annotations

import argparse
from pathlib import Path

# Kept here (not imported) so that building the parser loads no RDF library.
NAMES = ("sgam-plane", "sgam-plane-all", "coordination-network", "table-1")

EPILOG = """\
pictures:
  sgam-plane            the SGAM plane, actors of the numbered interactions and the
                        interactions between them (direct, indirect, EV)
  sgam-plane-all        the same plane with every actor placed
  coordination-network  bodies and groups joined by the coordination items of 4.2.3
  table-1               Table 1 as an entity x interface-context matrix
The format follows the extension of FILE (.svg or .png); PNG needs CairoSVG or Chromium.
exit status: 0 ok, 2 bad arguments, data not loadable, or no PNG renderer."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `plot` subcommand."""
    parser = subparsers.add_parser(
        "plot",
        help="draw a picture of the landscape (SVG or PNG)",
        description="Draw a picture of the landscape from the catalogue queries.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", choices=NAMES, metavar="NAME", help="which picture")
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="where to write it (.svg or .png)"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="PNG scale factor (default 1)")
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Render the picture and write it atomically."""
    from sgam_onto.errors import EXIT_OK, SgamError
    from sgam_onto.io.atomic import atomic_write
    from sgam_onto.landscape import load_landscape
    from sgam_onto.plot import render

    suffix = args.out.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise SgamError(f"{args.out}: the file name must end in .svg or .png")
    if not args.out.parent.is_dir():
        raise SgamError(f"{args.out.parent}: no such folder")
    svg = render(args.name, load_landscape())
    if suffix == ".svg":
        data = svg.encode("utf-8")
    else:
        from sgam_onto.plot.png import svg_to_png

        data = svg_to_png(svg, scale=args.scale)
    atomic_write(args.out, data)
    return EXIT_OK
