"""`sgam-onto model FILE_OR_ZIP...`: which SRD interactions, standards and bodies concern a
CIM network model, cell by cell of the SGAM plane."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sgam_onto.commands import add_threshold_argument, threshold_of

# Kept here (not imported) so that building the parser for --help loads no RDF library.
FORMATS = ("md", "json", "html")

EPILOG = """\
examples:
  sgam-onto model grid_EQ.xml grid_SSH.xml grid_TP.xml grid_SV.xml
  sgam-onto model grid.zip --format json --threshold-kv 220

The placement rules are in ontology/alignments/cim-plane-rules.ttl; the stored queries
cim-plane-placements and cim-model-summary give the same answers row by row.
exit status: 0 ok, 2 a file could not be loaded or bad arguments."""


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `model` subcommand."""
    parser = subparsers.add_parser(
        "model",
        help="place a CIM network model (CGMES 2.4.15 or 3.0) on the SGAM plane",
        description="Load CIM XML files or zipped CGMES bundles as one model and print, for "
        "each SGAM cell, its equipment and the SRD actors, interactions, standards and bodies "
        "that concern it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE_OR_ZIP",
                        help="CIM XML files or zips of them, read as one model")
    parser.add_argument("--format", choices=FORMATS, default="md",
                        help="output format (default: md)")
    add_threshold_argument(parser)
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Print the summary on stdout; load errors name FILE:LINE and exit 2."""
    from sgam_onto.errors import EXIT_OK

    threshold = threshold_of(args)  # a bad value fails before anything is loaded
    sys.stdout.write(summarise(args.files, args.format, threshold))
    return EXIT_OK


def summarise(files: list[Path], fmt: str, threshold_kv: int | None) -> str:
    """Load the landscape with its alignments and the model into one store; render the cells."""
    import pyoxigraph as ox

    from sgam_onto.cim.load import load_cim
    from sgam_onto.cim.render import render_summary
    from sgam_onto.cim.summary import model_summary
    from sgam_onto.query.labels import label_of
    from sgam_onto.stores.direct import load_store

    store = load_store(with_alignments=True)
    info = load_cim(files, store)
    cells = model_summary(store, threshold_kv)

    def label(iri: str) -> str:
        return label_of(store, ox.NamedNode(iri)) or iri.rsplit("#", 1)[-1]

    return render_summary(cells, info, fmt, label, threshold_kv or default_threshold(store))


def default_threshold(store: object) -> float:
    """The default voltage threshold recorded in the placement rules, in kV."""
    from sgam_onto.namespace import SPARQL_PREFIX  # not at the top: it loads rdflib

    query = (SPARQL_PREFIX +
             "SELECT ?kv WHERE { ?t a sgam:VoltageThreshold ; sgam:kilovolts ?kv }")
    found = [float(row[0].value) for row in store.query(query)]  # type: ignore[attr-defined]
    return found[0] if found else float("nan")
