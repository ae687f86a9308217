"""``sgam-onto fmt``: rewrite Turtle files in the one deterministic form.

The same graph always gives the same bytes, so a diff shows what changed in the data and
nothing else. A file is replaced atomically and only after the new text has been parsed back
and found to hold exactly the same triples; a file with a syntax error is never touched.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sgam_onto.errors import EXIT_FAIL, EXIT_LOAD, EXIT_OK, LoadError, SgamError

if TYPE_CHECKING:
    from collections.abc import Callable

    from rdflib import Graph
    from rdflib.term import Node


@dataclass
class Formatted:
    path: Path
    original: bytes
    text: str
    dropped_comments: list[int]

    @property
    def changed(self) -> bool:
        return self.text.encode("utf-8") != self.original


def default_files() -> list[Path]:
    """Every Turtle file under ontology/ and shapes/."""
    from sgam_onto import paths

    found: set[Path] = set()
    for root in (paths.ontology_dir(), paths.shapes_dir()):
        found.update(root.rglob("*.ttl"))
    return sorted(found)


def format_file(path: Path) -> Formatted:
    """Parse a Turtle file strictly and produce its deterministic text (nothing is written)."""
    from sgam_onto.rdf.guard_size import read_bounded

    if path.suffix.lower() != ".ttl":
        raise LoadError(path, message="fmt rewrites Turtle (.ttl) files only")
    original = read_bounded(path)  # refuses a file over the size limit before reading it
    return Formatted(path, original, *format_bytes(original, path))


def format_bytes(data: bytes, path: Path | None = None) -> tuple[str, list[int]]:
    """The deterministic text for Turtle ``data`` and the lines of comments it cannot keep."""
    import pyoxigraph as ox
    from rdflib import URIRef

    from sgam_onto.rdf.comments import extract_comments
    from sgam_onto.rdf.convert import graph_from_quads
    from sgam_onto.rdf.parse import parse_bytes
    from sgam_onto.rdf.turtle import serialize_turtle

    parsed = parse_bytes(data, ox.RdfFormat.TURTLE, path)
    graph = graph_from_quads(parsed.quads)
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    comments = extract_comments(data.decode("utf-8-sig"), parsed.prefixes, subjects)

    def render(g: Graph) -> str:
        return serialize_turtle(
            g, parsed.prefixes, header=comments.header, comments=comments.above
        )

    text = render(graph)
    _verify_same_graph(graph, text, path, render, parsed.quads)
    return text, comments.dropped


def _verify_same_graph(
    graph: Graph, text: str, path: Path | None, render: Callable[[Graph], str],
    written: list | None = None,
) -> None:
    """Refuse to write anything that does not read back as the same graph.

    Same triples without blank nodes, the same triples with blank nodes masked, and the
    formatted text a fixed point of formatting. (A full isomorphism test is exponential on
    some graphs, e.g. long RDF lists; these checks are linear.) The statements are also
    compared as Oxigraph parsed them, every literal's lexical form as written (``written``,
    the original's statements), so no library on the way may rewrite one unnoticed.
    """
    import pyoxigraph as ox

    from sgam_onto.rdf.convert import graph_from_quads
    from sgam_onto.rdf.parse import parse_bytes

    try:
        parsed = parse_bytes(text, ox.RdfFormat.TURTLE, path)
    except LoadError as err:
        raise SgamError(f"internal error: formatted text does not parse ({err})") from None
    again = graph_from_quads(parsed.quads)
    if written is not None:
        changed = _as_written(written) - _as_written(parsed.quads)
        if changed:
            (_subject, predicate, obj), *_ = sorted(changed, key=str)
            raise SgamError(
                f"{path}: formatting would change how a statement is written ({obj} of "
                f"{predicate}); the file is left as it is"
            )
    if _masked(graph) != _masked(again) or render(again) != text:
        raise SgamError(f"internal error: formatting {path} would change its triples")


def _as_written(quads: list) -> set:
    """Statements as parsed (literals with their lexical form and datatype), blank nodes
    masked; a set, as a graph is (a statement written twice is one)."""
    import pyoxigraph as ox

    def mask(term: object) -> str | None:
        return None if isinstance(term, ox.BlankNode) else str(term)

    return {(mask(q.subject), str(q.predicate), mask(q.object)) for q in quads}


def _masked(graph: Graph) -> Counter:
    from rdflib import BNode

    def mask(node: Node) -> Node | None:
        return None if isinstance(node, BNode) else node

    return Counter((mask(s), p, mask(o)) for s, p, o in graph)


def run(args: argparse.Namespace) -> int:
    from sgam_onto.io.atomic import atomic_write, remove_stale_temporaries

    files = [Path(f) for f in args.files] or default_files()
    code = EXIT_OK
    changed = failed = 0
    for path in files:
        try:
            result = format_file(path)
        except LoadError as err:
            print(err, file=sys.stderr)
            code = EXIT_LOAD
            continue
        if result.dropped_comments and not args.drop_comments:
            for line in result.dropped_comments:
                print(
                    f"{path}:{line}: comment would be lost; move it into the header, directly "
                    "above a subject, or into rdfs:comment (or pass --drop-comments)",
                    file=sys.stderr,
                )
        if not args.check:
            remove_stale_temporaries(Path(os.path.realpath(path)))
        if not result.changed:
            continue
        if args.check:
            changed += 1
            print(path)
            code = max(code, EXIT_FAIL)
            continue
        if result.dropped_comments and not args.drop_comments:
            code = max(code, EXIT_FAIL)
            continue
        try:
            atomic_write(path, result.text.encode("utf-8"))
        except OSError as err:  # disk full, read-only, immutable: the old file is untouched
            print(f"{path}: cannot write ({err.strerror or err}); the file is unchanged",
                  file=sys.stderr)
            failed += 1
            code = EXIT_LOAD
            continue
        changed += 1  # counted once the new file is in place, not before
        print(path)
    verb = "would be reformatted" if args.check else "reformatted"
    summary = f"{changed} of {len(files)} files {verb}"
    if failed:
        summary += f"; {failed} could not be written"
    print(summary, file=sys.stderr)
    return code


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fmt",
        help="rewrite Turtle files in deterministic form",
        description="Rewrite Turtle files in deterministic form (sorted subjects, predicates "
        "and objects; the prefixes each file declares). Without FILE: every .ttl under "
        "ontology/ and shapes/. Changed files are printed on stdout. Exit 1 with --check "
        "if a file would change, 2 if a file cannot be parsed.",
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="Turtle files")
    parser.add_argument(
        "--check", action="store_true", help="only list the files that would change"
    )
    parser.add_argument(
        "--drop-comments", action="store_true",
        help="rewrite even if comments that cannot be placed again would be lost",
    )
    parser.set_defaults(func=run)
