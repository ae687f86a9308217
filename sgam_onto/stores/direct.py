"""The landscape and extra data files loaded straight into an in-memory Oxigraph store.

``load_landscape`` builds an rdflib graph first, which at a million triples costs many times
the store's own bulk load and pins millions of Python objects. Commands that only query need
none of that: here the lines of an N-Triples file without a blank node go to the store's bulk
loader, and everything else (the lines with one, the other syntaxes, a file with a byte order
mark) through the syntax gate (``sgam_onto.rdf.parse``) as quads. The gate's rules still
hold: the file size limit is checked before reading, a file the bulk loader refuses is read
again by the gate so that the error is the gate's FILE:LINE:COL message, terms over the size
limits are looked for in the store afterwards (and then named by the gate), and the gate's
notices (no statements, owl:imports) are given. Blank nodes are scoped per file, named
graphs are merged into the default graph, and the ontology gets the package version, as in
``load_landscape``.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from sgam_onto import __version__, paths
from sgam_onto import settings as limits
from sgam_onto.errors import LoadError
from sgam_onto.namespace import ONTOLOGY_IRI as ONTOLOGY
from sgam_onto.rdf.guard_size import check_memory

DEFAULT = ox.DefaultGraph()
OWL = "http://www.w3.org/2002/07/owl#"
IMPORTS = ox.NamedNode(OWL + "imports")
# From this many triples on, a command that exits after its answer leaves the store to the OS
KEEP_TRIPLES = 100_000


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
    from sgam_onto.cim.load import cim_quads

    rdf_files, cim_files = input_files(extra_files, with_alignments, files)
    store = ox.Store()
    for path in rdf_files:
        add_file(store, path)
    if cim_files:
        store.bulk_extend(cim_quads(cim_files))
    finish(store, version)
    return store


def input_files(
    extra_files: Iterable[str | Path] = (),
    with_alignments: bool = False,
    files: Iterable[str | Path] | None = None,
) -> tuple[list[Path], list[Path]]:
    """The RDF files a landscape is loaded from, in order (``files``, or the landscape's own,
    the alignments, then the extra files), and the CIM XML files among the extras, which are
    read together as one model after them."""
    from sgam_onto.cim.load import is_cim_xml

    chosen = [Path(f) for f in files] if files is not None else paths.landscape_files()
    if with_alignments:
        chosen += paths.alignment_files()
    extra = [Path(f) for f in extra_files]
    cim_files = [f for f in extra if is_cim_xml(f)]
    return chosen + [f for f in extra if f not in cim_files], cim_files


def keep_until_exit(store: object) -> None:
    """Leave a large store to the operating system when the process ends, instead of freeing it.

    Freeing a store of a million triples entry by entry costs more than half a second of CPU
    after the answer has been written, for memory the process is about to give back anyway.
    The store is put in a reference cycle and moved out of the collector's reach (as
    ``sgam_onto.landscape.settle`` does with large graphs), so neither reference counting nor
    the collection at exit frees it. Only for a command about to exit; small stores (tests
    running many commands in one process) are left alone.
    """
    large = isinstance(store, ox.Store) and next(
        islice(store, KEEP_TRIPLES - 1, None), None) is not None  # len() would scan it all
    if large:
        held: list[object] = [store]
        held.append(held)
        gc.freeze()


def finish(store: ox.Store, version: str) -> int:
    """What ``load_landscape`` does to the merged graph, done in the store: local module
    imports folded, then the version stamped; returns the change in the triple count."""
    return fold_local_modules(store) + stamp_version(store, version)


def fold_local_modules(store: ox.Store) -> int:
    """``sgam_onto.landscape.fold_local_modules`` in the store: a module importing an ontology
    the store holds loses that import and its owl:Ontology type; returns the change in count."""
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    ontology_class, imports = ox.NamedNode(OWL + "Ontology"), ox.NamedNode(OWL + "imports")
    loaded = {q.subject for q in store.quads_for_pattern(None, rdf_type, ontology_class, DEFAULT)}
    removed = set()
    for quad in list(store.quads_for_pattern(None, imports, None, DEFAULT)):
        if quad.object in loaded and quad.subject != ox.NamedNode(ONTOLOGY):
            removed.add(quad)
            removed.add(ox.Quad(quad.subject, rdf_type, ontology_class, DEFAULT))
    removed = {q for q in removed if q in store}
    for quad in removed:
        store.remove(quad)
    return -len(removed)


def add_file(store: ox.Store, path: Path) -> None:
    """Add one file to the store's default graph under the syntax gate's rules."""
    from sgam_onto.rdf.parse import BOM, format_for, parse_file

    fmt = format_for(path)
    check_size(path)
    if fmt == ox.RdfFormat.TURTLE:
        from sgam_onto.rdf.as_ntriples import turtle_as_ntriples

        add_ntriples(store, path, turtle_as_ntriples(path).ntriples)
        return
    raw = path.read_bytes() if fmt == ox.RdfFormat.N_TRIPLES else b""
    if not raw or raw.startswith(BOM):  # the other syntaxes, and what the gate must rewrite
        store.bulk_extend(merged(parse_file(path, fmt).quads))
        return
    add_ntriples(store, path, raw)


def add_ntriples(store: ox.Store, path: Path, raw: bytes) -> None:
    """An N-Triples file (or the N-Triples text of the Turtle file ``path``), bulk loaded
    whole: the loader gives its blank nodes fresh names (so they are scoped to the file). The
    lines with a blank node are also parsed by the gate, which judges their nesting; sizes and
    notices as the gate gives them, errors named in ``path``."""
    from sgam_onto.rdf.parse import parse_bytes, parse_file

    imported = foreign_imports(store)
    try:
        store.bulk_load(input=raw, format=ox.RdfFormat.N_TRIPLES, to_graph=DEFAULT)
        special = blank_node_lines(raw)
        if special:
            parse_bytes(special, ox.RdfFormat.N_TRIPLES, path)
    except (SyntaxError, ValueError, OSError, LoadError) as err:
        parse_file(path)  # the gate's own error, with the position in the whole file
        raise LoadError(path, message=str(err)) from None
    if line_over(raw, min(limits.current().max_literal_chars,
                          limits.current().max_iri_chars)) and oversized(store):
        parse_file(path)  # the gate names the term and its line
    # a file with a statement line states something (len() of a large store costs a scan)
    notices(path, stated=statement_line(raw),
            imports=foreign_imports(store) - imported)


def blank_node_lines(data: bytes) -> bytes:
    """The lines of ``data`` that hold ``_:``."""
    lines, at = [], data.find(b"_:")
    while at != -1:
        start, end = data.rfind(b"\n", 0, at) + 1, data.find(b"\n", at)
        end = len(data) if end == -1 else end
        lines.append(data[start:end])
        at = data.find(b"_:", end)
    return b"\n".join(lines)


def notices(path: Path, *, stated: bool, imports: int) -> None:
    """The gate's warnings for a file loaded in bulk: no statements (``stated``: whether
    its N-Triples text has a statement line), or owl:imports."""
    from sgam_onto.rdf.notices import warn
    from sgam_onto.rdf.parse import OWL_IMPORTS, _project_file

    if not stated:
        warn(path, None, "no statements: the input is empty or holds only comments")
    if imports and not _project_file(path):
        warn(None, None, "owl:imports is not followed: only the files given (and the "
             "landscape) are loaded, nothing is fetched", key=OWL_IMPORTS)


_STATEMENT = re.compile(rb"^[ \t]*[<_]", re.MULTILINE)


def statement_line(ntriples: bytes | bytearray) -> bool:
    """Whether an N-Triples text has a line that states something."""
    return _STATEMENT.search(ntriples) is not None


def foreign_imports(store: ox.Store) -> int:
    """owl:imports statements of the default graph, but for those of the landscape's own
    ontologies (loaded from the local files anyway, as the gate says)."""
    return sum(1 for quad in store.quads_for_pattern(None, IMPORTS, None, DEFAULT)
               if not quad.object.value.startswith(ONTOLOGY))


def longest_line(data: bytes | bytearray) -> int:
    """No term of an N-Triples line is longer than the line."""
    return max(map(len, data.split(b"\n")), default=0)


def line_over(data: bytes | bytearray, limit: int) -> bool:
    """Whether a line of ``data`` is longer than ``limit``, without splitting it into lines.

    Such a line covers a whole window of ``limit // 2`` bytes that starts at a multiple of
    it; when every such window holds a line break (the usual case: one search per window),
    no line is that long. Otherwise the lines are measured.
    """
    step = max(limit // 2, 1)
    for start in range(0, len(data), step):
        if start + step <= len(data) and data.find(b"\n", start, start + step) == -1:
            return longest_line(data) > limit
    return False


def oversized(store: ox.Store) -> bool:
    """Whether a literal or an IRI in the store is over the gate's size limits."""
    chars, iri = limits.current().max_literal_chars, limits.current().max_iri_chars
    return bool(store.query(
        f"ASK {{ ?s ?p ?o FILTER((isLiteral(?o) && STRLEN(?o) > {chars})"
        f" || (isIRI(?o) && STRLEN(STR(?o)) > {iri}) || (isIRI(?s) && STRLEN(STR(?s)) > {iri})"
        f" || STRLEN(STR(?p)) > {iri}) }}"))


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
    """The gate's file size and memory limits, checked before the bulk loader reads anything."""
    import stat

    limit = limits.current().max_file_bytes
    try:
        info = path.stat()
    except FileNotFoundError:
        raise LoadError(path, message="no such file") from None  # the gate's words
    except OSError as err:
        raise LoadError(path, message=err.strerror or str(err)) from None
    if path.is_dir():
        raise LoadError(path, message="is a directory, not an RDF file")
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(path, message="not a regular file (devices and pipes are not read)")
    if info.st_size > limit:
        raise limits.LimitError(path, message=f"file is {info.st_size:,} bytes; the limit is "
                                f"{limit:,} (set {limits.ENV['max_file_bytes']} to raise it)")
    # the gate's memory estimate too, so that every command refuses the same inputs under a
    # cap (an allocation the store cannot make aborts the process instead of raising)
    check_memory(info.st_size, path)
