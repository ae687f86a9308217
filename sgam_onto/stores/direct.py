"""The landscape and extra data files loaded straight into an in-memory Oxigraph store.

``load_landscape`` builds an rdflib graph first, which at a million triples costs many times
the store's own bulk load and pins millions of Python objects. Commands that only query need
none of that: here N-Triples and Turtle files go to the store's bulk loader, and every other
syntax through the syntax gate (``sgam_onto.rdf.parse``) as quads. The gate's rules still
hold: the file size limit is checked before reading, a file the bulk loader refuses is read
again by the gate so that the error is the gate's FILE:LINE:COL message, and literals over
the size limit are looked for in the store afterwards. Blank nodes are scoped per file, named
graphs are merged into the default graph, and the ontology gets the package version, as in
``load_landscape``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from sgam_onto import __version__, limits, paths
from sgam_onto.errors import LoadError

BULK = (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE)
DEFAULT = ox.DefaultGraph()
ONTOLOGY = "https://w3id.org/sgam-onto"
OWL = "http://www.w3.org/2002/07/owl#"


def load_store(
    extra_files: Iterable[str | Path] = (),
    with_alignments: bool = False,
    *,
    files: Iterable[str | Path] | None = None,
    version: str = __version__,
) -> ox.Store:
    """The landscape (and alignments) with ``extra_files`` in one store; LoadError on bad input.

    ``files`` replaces the landscape's own file list, as in ``load_landscape``. CIM XML files
    and zips of them are read together as one model, as ``load_landscape`` reads them.
    """
    from sgam_onto.cim.load import cim_quads, is_cim_xml

    chosen = [Path(f) for f in files] if files is not None else paths.landscape_files()
    if with_alignments:
        chosen += paths.alignment_files()
    extra = [Path(f) for f in extra_files]
    cim_files = [f for f in extra if is_cim_xml(f)]
    store = ox.Store()
    for path in chosen + [f for f in extra if f not in cim_files]:
        add_file(store, path)
    if cim_files:
        store.bulk_extend(cim_quads(cim_files))
    stamp_version(store, version)
    return store


def add_file(store: ox.Store, path: Path) -> None:
    """Add one file to the store's default graph under the syntax gate's rules."""
    from sgam_onto.rdf.parse import format_for, parse_file

    fmt = format_for(path)
    if fmt not in BULK:
        store.bulk_extend(merged(parse_file(path, fmt).quads))
        return
    check_size(path)
    try:
        store.bulk_load(path=str(path), format=fmt, to_graph=DEFAULT)
    except (SyntaxError, ValueError, OSError) as err:
        parse_file(path, fmt)  # raises the gate's own error with its position
        raise LoadError(path, message=str(err)) from None
    check_literals(store, path)


def stamp_version(store: ox.Store, version: str) -> int:
    """The ontology's versionIRI and versionInfo from the package version, as
    ``sgam_onto.landscape.stamp_version`` gives them to a graph; returns how many triples
    the default graph gained (or, negative, lost)."""
    ontology = ox.NamedNode(ONTOLOGY)
    before = 0
    for prop in ("versionIRI", "versionInfo"):
        for quad in list(store.quads_for_pattern(ontology, ox.NamedNode(OWL + prop), None,
                                                 DEFAULT)):
            store.remove(quad)
            before += 1
    store.add(ox.Quad(ontology, ox.NamedNode(OWL + "versionIRI"),
                      ox.NamedNode(f"{ONTOLOGY}/{version}"), DEFAULT))
    store.add(ox.Quad(ontology, ox.NamedNode(OWL + "versionInfo"), ox.Literal(version), DEFAULT))
    return 2 - before


def merged(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """The quads of one parsed file in the default graph, its blank nodes renamed apart."""
    fresh: dict[str, ox.BlankNode] = {}

    def scoped(term: object) -> object:
        if isinstance(term, ox.BlankNode):
            return fresh.setdefault(term.value, ox.BlankNode())
        return term

    for quad in quads:
        yield ox.Quad(scoped(quad.subject), quad.predicate, scoped(quad.object), DEFAULT)


def check_size(path: Path) -> None:
    """The gate's file size limit, checked before the bulk loader reads anything."""
    import stat

    limit = limits.current().max_file_bytes
    try:
        info = path.stat()
    except OSError as err:
        raise LoadError(path, message=err.strerror or str(err)) from None
    if path.is_dir():
        raise LoadError(path, message="is a directory, not an RDF file")
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(path, message="not a regular file (devices and pipes are not read)")
    if info.st_size > limit:
        raise limits.LimitError(path, message=f"file is {info.st_size:,} bytes; the limit is "
                                f"{limit:,} (set {limits.ENV['max_file_bytes']} to raise it)")


def check_literals(store: ox.Store, path: Path) -> None:
    """The gate's literal size limit, asked of the store (one scan of the literals) after
    ``path`` was added to it; a file smaller than the limit cannot hold such a literal."""
    limit = limits.current().max_literal_chars
    if path.stat().st_size <= limit:
        return
    query = f"SELECT ?p WHERE {{ ?s ?p ?o FILTER(isLiteral(?o) && STRLEN(?o) > {limit}) }} LIMIT 1"
    for row in store.query(query):
        raise limits.LimitError(path, message=f"a literal of more than {limit:,} characters "
                                f"(object of <{row['p'].value}>); the limit is {limit:,} "
                                f"(set {limits.ENV['max_literal_chars']} to raise it)")
