"""One module per subcommand; each exposes ``register(subparsers)`` and sets ``func``.

Options more than one subcommand takes are added by the functions here.
"""

from __future__ import annotations

import argparse

ENGINES = ("pyshacl", "fast")


def add_engine_argument(parser: argparse.ArgumentParser, default: str) -> None:
    """``--engine``: which SHACL validator runs; both give the same results."""
    parser.add_argument(
        "--engine", choices=ENGINES, default=default,
        help=f"SHACL engine (default {default}): pyshacl, the reference, or fast, the shapes "
        "compiled to SPARQL on Oxigraph with pyshacl for what cannot be compiled (about 1 s "
        "quicker on the landscape); both give the same results",
    )


def add_threshold_argument(parser: argparse.ArgumentParser, scope: str = "") -> None:
    """``--threshold-kv``: where transmission starts for the CIM placement rules."""
    parser.add_argument(
        "--threshold-kv", type=int, metavar="KV", default=None,
        help="nominal voltage in kV from which equipment counts as transmission-level "
        f"({scope}default 110, the EU grid connection code's type D threshold; see "
        "ontology/alignments/cim-plane-rules.ttl)",
    )


def threshold_of(args: argparse.Namespace) -> int | None:
    """The --threshold-kv given, checked; None for the rules' default."""
    from sgam_onto.errors import SgamError

    value = args.threshold_kv
    if value is not None and value <= 0:
        raise SgamError(f"--threshold-kv {value}: must be a positive number of kV")
    return value
