"""Scaled landscapes made of copies of the real one: every kind grows, not only what nations add.

Not a test: ``benchmarks/run.py`` calls it, and anyone can run it by hand::

    .venv/bin/python benchmarks/replicate.py --triples 1000000 --out replica-1m.nt

The synthetic generator (``generate.py``) adds bodies, standards, interactions and
coordination items, but no placements, use cases, discrepancies, context entries, readings or
terms, so queries that join through those never meet growth. This generator writes the real
landscape (ontology, schemes and data) once, then copies of the data files until the triple
count is reached. In copy N every instance IRI (``https://w3id.org/sgam-onto/id/...``) that the
data files define gets the suffix ``-cN``, and blank nodes are scoped per copy; IRIs shared
with the ontology and the concept schemes (the SGAM plane, controlled lists, their sources)
are kept, so the copies hang off the same plane and vocabulary as the real data. Literals are
copied unchanged: numbers and designations repeat across copies, which is what makes the
uniqueness shapes meet large groups sharing one key. Output is N-Triples, streamed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parents[1]
for entry in (ROOT, ROOT / "benchmarks"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from generate import ID, _count, landscape_lines  # noqa: E402


def _data_and_shared() -> tuple[list, set[str]]:
    """The data files' triples, and the instance IRIs that the other landscape files use."""
    from sgam_onto import paths
    from sgam_onto.rdf.parse import parse_file

    data, shared = [], set()
    for path in paths.landscape_files():
        triples = [quad.triple for quad in parse_file(path).quads]
        if path.parent.name == "data":
            data.extend(triples)
        else:
            shared.update(t.value for triple in triples for t in triple
                          if getattr(t, "value", "").startswith(ID))
    return data, shared


def copy_lines(data: list, shared: set[str], copy: int) -> list[str]:
    """Copy ``copy`` of the data triples as N-Triples lines, instance IRIs renamed apart."""
    import pyoxigraph as ox

    def renamed(term: object) -> object:
        if isinstance(term, ox.NamedNode):
            value = term.value
            if value.startswith(ID) and value not in shared:
                return ox.NamedNode(f"{value}-c{copy}")
        elif isinstance(term, ox.BlankNode):
            return ox.BlankNode(f"c{copy}x{term.value}")
        return term

    triples = [ox.Triple(*(renamed(t) for t in triple)) for triple in data]
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return [line for line in text.splitlines() if line]


def replicate(out: TextIO, triples: int) -> dict:
    """Write the landscape and then copies of its data until ``triples``; returns a record."""
    base = list(landscape_lines())
    out.write("\n".join(base) + "\n")
    count = len(base)
    data, shared = _data_and_shared()
    copies = 0
    while count < triples:
        copies += 1
        lines = copy_lines(data, shared, copies)
        out.write("\n".join(lines) + "\n")
        count += len(lines)
    return {"triples": count, "landscape_triples": len(base), "copies": copies}


def write(path: Path, triples: int) -> dict:
    """Replicate into ``path`` through a temporary file that replaces it when complete."""
    import os

    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("w", encoding="utf-8", buffering=1 << 20) as out:
            record = replicate(out, triples)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=_count, default=100_000,
                        help="how many triples (10k, 1M and 10M are understood)")
    parser.add_argument("--out", type=Path, required=True, help="output file (.nt)")
    args = parser.parse_args(argv)
    record = write(args.out, args.triples)
    print(f"{args.out}: {record['triples']} triples, {record['copies']} copies of the data",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
