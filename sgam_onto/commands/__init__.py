"""One module per subcommand; each exposes ``register(subparsers)`` and sets ``func``.

Options more than one subcommand takes are added by the functions here.
"""

from __future__ import annotations

import argparse

ENGINES = ("pyshacl", "fast")


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    """``--lang``: the language labels are shown in; English where a resource has no other."""
    parser.add_argument(
        "--lang", choices=("en", "fr"), default="en",
        help="language of the labels shown (default en); fr shows French labels where the "
        "landscape has them and English ones elsewhere",
    )


def add_engine_argument(parser: argparse.ArgumentParser, default: str) -> None:
    """``--engine``: which SHACL validator runs; both give the same results."""
    parser.add_argument(
        "--engine", choices=ENGINES, default=default,
        help=f"SHACL engine (default {default}): pyshacl, the reference, or fast, the shapes "
        "compiled to SPARQL on Oxigraph with pyshacl for what cannot be compiled (about 1 s "
        "quicker on the landscape); both give the same results",
    )
