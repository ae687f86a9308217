"""``sgam-onto reason``: consistency and the members HermiT infers for each defined class."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sgam_onto.errors import EXIT_FAIL, EXIT_OK


def run(args: argparse.Namespace) -> int:
    from sgam_onto.landscape import load_landscape
    from sgam_onto.reason import run_hermit

    land = load_landscape(args.files, args.with_alignments)
    result = run_hermit(land.graph)
    if args.format == "json":
        doc = {
            "consistent": result.consistent,
            "unsatisfiable": sorted(result.unsatisfiable),
            "inferred": {c: sorted(m) for c, m in sorted(result.inferred.items())},
            "explanation": result.explanation,
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        _print_text(result)
    if not result.consistent:
        print(result.explanation, file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_FAIL


def _print_text(result) -> None:
    state = "consistent" if result.consistent else "INCONSISTENT"
    print(f"{state} (HermiT {result.seconds:.2f} s)")
    for cls in sorted(result.unsatisfiable):
        print(f"unsatisfiable {cls}")
    for cls, members in sorted(result.inferred.items()):
        print(f"{cls}  ({len(members)})")
        for member in sorted(members):
            print(f"  {member}")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "reason",
        help="run HermiT: consistency and inferred members of the defined classes",
        description="Run the HermiT OWL reasoner over the landscape; print whether it is "
        "consistent and, for every defined class (one with owl:equivalentClass), the "
        "individuals that belong to it. Exit 1 if inconsistent or a class is unsatisfiable.",
    )
    parser.add_argument(
        "files", nargs="*", type=Path, metavar="FILE", help="extra RDF files to reason over"
    )
    parser.add_argument("--format", choices=["text", "json"], default="text")
    parser.add_argument(
        "--with-alignments", action="store_true", help="also load ontology/alignments/*.ttl"
    )
    parser.set_defaults(func=run)
