"""The ``sgam-onto`` command line.

Every module in ``sgam_onto.commands`` is a subcommand: it exposes ``register(subparsers)``
and sets ``func(args) -> int`` as the default. Command modules import their heavy engines
(rdflib, pyshacl, owlready2) inside ``func``, so ``sgam-onto --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path

from sgam_onto import __version__, commands, paths
from sgam_onto.errors import EXIT_LOAD, LoadError, SgamError

DEBUG_ENV = "SGAM_ONTO_DEBUG"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sgam-onto",
        description="The IEC SRD 63268 standardization landscape as a validated, queryable "
        "knowledge graph. Exit codes: 0 ok, 1 the data does not conform or a check failed, "
        "2 the input could not be loaded.",
    )
    parser.add_argument("--version", action="version", version=f"sgam-onto {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if callable(register):
            register(subparsers)
    for command in subparsers.choices.values():  # every command reads files
        _add_landscape_option(command, argparse.SUPPRESS)
        command.add_argument(
            "--follow-symlinks", action="store_true",
            help="read and write through symbolic links that lead out of the working tree "
            "(the current directory and the project); by default they are refused",
        )
    _add_landscape_option(parser, None)
    return parser


def _add_landscape_option(parser: argparse.ArgumentParser, default: object) -> None:
    """``--landscape DIR`` before or after the command name; SUPPRESS keeps the first one."""
    parser.add_argument(
        "--landscape", type=Path, metavar="DIR", default=default,
        help="work on the landscape in DIR (a folder with ontology/ and shapes/) instead of "
        "the checkout you are in or the installed package",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code instead of exiting."""
    try:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exit_:  # argparse exits on --help, --version and bad usage
            return exit_.code if isinstance(exit_.code, int) else EXIT_LOAD
        from sgam_onto.io import confine
        from sgam_onto.rdf import notices

        notices.forget()  # each run says its warnings
        confine.set_follow(True if getattr(args, "follow_symlinks", False) else None)
        if args.landscape is not None:
            paths.use_landscape(args.landscape)
        return int(args.func(args) or 0)
    except LoadError as err:  # PATH:LINE:COL first, so editors can jump to it
        print(err, file=sys.stderr)
        return err.exit_code
    except SgamError as err:
        print(f"sgam-onto: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("sgam-onto: interrupted", file=sys.stderr)
        return 130
    except MemoryError:  # what the input-size estimate did not foresee
        print("sgam-onto: not enough memory for this input (the process's memory limit was "
              "reached); raise the limit or split the input", file=sys.stderr)
        return EXIT_LOAD
    except RecursionError:
        print("sgam-onto: the input is nested too deeply to process", file=sys.stderr)
        return EXIT_LOAD
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); stop quietly without a second error at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as err:
        if os.environ.get(DEBUG_ENV):
            raise
        from sgam_onto.rdf.parse import excerpted, one_line

        # the message may quote input (a secret, a huge token): one short line of it
        print(
            f"sgam-onto: unexpected error: {type(err).__name__}: {excerpted(one_line(str(err)))} "
            f"(set {DEBUG_ENV}=1 to see where)",
            file=sys.stderr,
        )
        return EXIT_LOAD


if __name__ == "__main__":
    sys.exit(main())
