"""The shapes graph: every ``shapes/*.ttl`` (not ``shapes/qa/``), read through the syntax gate.

The graph is read once per process and per set of files (a changed file is read again).
owl:imports are dropped, so validation never reaches for the network.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL

from sgam_onto import paths
from sgam_onto.errors import LoadError
from sgam_onto.namespace import SHAPES_NS as SGAMSH  # noqa: F401 (native reads it here)

_CACHE: dict[tuple, Graph] = {}


def shapes_files(locations: Iterable[str | Path] | None = None) -> list[Path]:
    """The shape files to use: ``*.ttl`` of each directory given, or files as given.

    Without ``locations``: the user-facing shapes, ``shapes/*.ttl`` of the resource root.
    """
    chosen = [paths.shapes_dir()] if locations is None else [Path(p) for p in locations]
    files: list[Path] = []
    for location in chosen:
        if location.is_dir():
            files += sorted(location.glob("*.ttl"))
        else:
            files.append(location)
    if not files:
        where = ", ".join(str(p) for p in chosen)
        raise LoadError(None, message=f"no shapes found in {where}")
    return files


def load_shapes(files: Sequence[Path] | None = None) -> Graph:
    """The merged shapes graph (cached; do not modify the returned graph)."""
    from sgam_onto.rdf.convert import add_quads
    from sgam_onto.rdf.parse import parse_file
    from sgam_onto.validate.pyshacl_fixes import as_specified

    files = list(files) if files is not None else shapes_files()
    key = tuple((str(f.resolve()), _mtime(f)) for f in files)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    graph = Graph(bind_namespaces="none")
    for path in files:
        parsed = parse_file(path)
        add_quads(graph, parsed.quads)
        for prefix, namespace in parsed.prefixes.items():
            graph.bind(prefix, namespace, override=False)
    graph = as_specified(graph)  # before the owl:imports it reads are dropped
    graph.remove((None, OWL.imports, None))
    _CACHE[key] = graph
    return graph


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1
