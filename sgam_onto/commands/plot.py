"""`sgam-onto plot NAME --out FILE`: draw a picture of the landscape as SVG or PNG."""

from __future__ import annotations

import argparse
from pathlib import Path

from sgam_onto.commands import add_threshold_argument, threshold_of

# Kept here (not imported) so that building the parser loads no RDF library.
NAMES = ("sgam-plane", "sgam-plane-all", "coordination-network", "table-1")
MODEL_NAMES = ("model-plane",)  # pictures of a CIM network model given with --data

EPILOG = """\
pictures:
  sgam-plane            the SGAM plane, actors of the numbered interactions and the
                        interactions between them (direct, indirect, EV)
  sgam-plane-all        the same plane with every actor placed
  coordination-network  bodies and groups joined by the coordination items of 4.2.3
  table-1               Table 1 as an entity x interface-context matrix
  model-plane           the equipment of a CIM network model (--data FILE_OR_ZIP...) on
                        the SGAM plane, as the placement rules put it
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
    parser.add_argument("name", choices=NAMES + MODEL_NAMES, metavar="NAME",
                        help="which picture")
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="where to write it (.svg or .png)"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="PNG scale factor (default 1)")
    parser.add_argument(
        "--data", action="append", default=[], type=Path, metavar="FILE",
        help="a CIM XML file or zip of the model (repeatable; model-plane only)",
    )
    add_threshold_argument(parser, "model-plane only; ")
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
    if args.name in MODEL_NAMES:
        svg = _model_picture(args)
    elif args.data:
        raise SgamError(f"--data is for the model pictures ({', '.join(MODEL_NAMES)})")
    else:
        svg = render(args.name, load_landscape())
    if suffix == ".svg":
        data = svg.encode("utf-8")
    else:
        from sgam_onto.plot.png import svg_to_png

        data = svg_to_png(svg, scale=args.scale)
    atomic_write(args.out, data)
    return EXIT_OK


def _model_picture(args: argparse.Namespace) -> str:
    """The landscape with its alignments and the model in one store, drawn."""
    from sgam_onto.cim.load import load_cim
    from sgam_onto.errors import SgamError
    from sgam_onto.landscape import load_landscape
    from sgam_onto.plot.model_plane import render_model_plane

    if not args.data:
        raise SgamError(f"{args.name}: give the model with --data FILE (repeatable)")
    threshold = threshold_of(args)
    landscape = load_landscape(with_alignments=True)
    load_cim(args.data, landscape.store)
    return render_model_plane(landscape, threshold)
