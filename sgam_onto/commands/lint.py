"""``sgam-onto lint [FILE...]``: mistakes in RDF files that SHACL cannot see.

Findings go to stdout as ``PATH:LINE: rule: message``, a summary to stderr. Exit 0 no
findings, 1 findings, 2 a file could not be loaded or bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# The rule names, kept here so that --help needs no RDF library (checked by the tests).
RULE_NAMES = (
    "iri-case-clash", "iri-near-duplicate", "lang-tag-case", "iri-scheme", "text-not-nfc",
    "text-hidden-character", "datatype-unknown", "literal-ill-typed", "undeclared-term",
    "redefines-project-term",
)


def run(args: argparse.Namespace) -> int:
    from sgam_onto import paths
    from sgam_onto.errors import EXIT_FAIL, EXIT_OK
    from sgam_onto.landscape import load_landscape
    from sgam_onto.lint import lint_files

    landscape = load_landscape(with_alignments=True)
    files = list(args.files) or [*paths.landscape_files(), *paths.alignment_files()]
    ignored = set(args.ignore or ())
    findings = [f for f in lint_files(files, landscape) if f.rule not in ignored]
    for finding in findings:
        print(finding)
    where = len({f.path for f in findings})
    noun = "finding" if len(findings) == 1 else "findings"
    print(f"{len(findings)} {noun} in {where} of {len(files)} files", file=sys.stderr)
    return EXIT_FAIL if findings else EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "lint",
        help="find what SHACL cannot: misspelt IRIs, hidden characters, ill-typed literals",
        description="Check RDF files (default: the landscape and its alignments) for IRIs that "
        "differ only by case, a trailing slash, http/https or www., language tags written in "
        "two cases, non-http(s) IRIs, strings that are not NFC "
        "or hide invisible/bidi characters, unknown datatypes and ill-typed literals, classes "
        "and properties their vocabulary does not define, and contributions that state facts "
        "about the project's own terms or shapes. Exit 0 clean, 1 findings, 2 a file could "
        "not be loaded.",
        epilog="rules: " + ", ".join(RULE_NAMES),
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="RDF files")
    parser.add_argument(
        "--ignore", action="append", choices=RULE_NAMES, metavar="RULE",
        help="leave out a rule (repeatable)",
    )
    parser.set_defaults(func=run)
    return parser
