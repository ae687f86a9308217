"""Load a CIM network model (CGMES 2.4.15 or 3.0 profile files, or zips of them) as one model.

Every document is read first (``sgam_onto.cim.reader``); only when all of them are good is the
model put into the store (bulk loads of N-Triples, one per document), so a bad file never
leaves half a model behind. Objects get one IRI across all profile files
(``sgam_onto.cim.ids``); classes and properties keep the namespace the files use, which is
reported, never translated.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from sgam_onto.cim.info import CimModelInfo, ModelHeader
from sgam_onto.cim.reader import read_cim_xml
from sgam_onto.cim.sources import XML_SUFFIXES, documents, is_zip
from sgam_onto.errors import LoadError

CIM16 = "http://iec.ch/TC57/2013/CIM-schema-cim16#"
CIM100 = "http://iec.ch/TC57/CIM100#"
# The IEC CIM namespaces of classes (not the profile extensions such as entsoe: or eu:).
_CIM_NAMESPACE = re.compile(
    r"http://iec\.ch/TC57/(?:\d{4}/)?CIM-schema-cim\d+#|http://iec\.ch/TC57/CIM\d+#"
    r"|https?://cim\.ucaiug\.io/ns#"
)
_SNIFF_BYTES = 8192
_ROOT_TAG = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?RDF\b([^>]*)>")
_CIM_XMLNS = re.compile(rb"""xmlns(?::[\w.-]+)?\s*=\s*["'](?:http://iec\.ch/TC57/|https?://cim\.ucaiug\.io/)""")


def load_cim(
    paths: Sequence[Path],
    store: ox.Store,
    graph: ox.NamedNode | ox.DefaultGraph = ox.DefaultGraph(),  # noqa: B008 (immutable)
) -> CimModelInfo:
    """Put the model the files make up into ``graph`` of ``store``; LoadError (FILE:LINE) if
    one of them cannot be read."""
    info, chunks = read_cim(paths)
    for name, chunk in zip(info.files, chunks, strict=True):
        try:
            store.bulk_load(chunk, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        except (SyntaxError, ValueError) as err:  # the reader checks every term: a bug
            raise LoadError(name, message=f"cannot be stored ({err})") from None
    return info


def read_cim(paths: Sequence[Path]) -> tuple[CimModelInfo, list[bytes]]:
    """The model's description and its triples as N-Triples (one chunk per document, in the
    order of ``info.files``), nothing loaded anywhere yet."""
    if not paths:
        raise LoadError(None, message="no CIM XML file given")
    blank = "b" + uuid.uuid4().hex[:12]  # blank nodes of two loads never merge
    files: list[str] = []
    headers: list[ModelHeader] = []
    namespaces: dict[str, str] = {}  # CIM namespace -> first file using it
    chunks: list[bytes] = []
    triples = 0
    for index, (name, data) in enumerate(documents(list(paths))):
        read = read_cim_xml(data, name, f"{blank}f{index}")
        files.append(name)
        headers.extend(read.headers)
        for namespace in sorted(read.class_namespaces):
            if _CIM_NAMESPACE.fullmatch(namespace):
                namespaces.setdefault(namespace, name)
        triples += len(read.lines)
        chunks.append("".join(read.lines).encode("utf-8"))
        read.lines.clear()  # a million lines of Python strings take more room than the bytes
    if len(namespaces) > 1:
        (first, at), (second, where) = list(namespaces.items())[:2]
        raise LoadError(where, message=f"uses CIM namespace {second} while {at} uses {first}: "
                        "the files of one model use one CIM version")
    namespace = next(iter(namespaces), None)
    info = CimModelInfo(tuple(files), tuple(headers), namespace, triples)
    return info, chunks


def cim_quads(paths: Sequence[Path]) -> list[ox.Quad]:
    """The model's triples as quads of the default graph, e.g. to join them to other data."""
    _, chunks = read_cim(paths)
    return [quad for chunk in chunks for quad in ox.parse(chunk, format=ox.RdfFormat.N_TRIPLES)]


def is_cim_xml(path: str | Path) -> bool:
    """Whether a file is CIM XML (an rdf:RDF root declaring an IEC CIM or IEC 61970-552
    namespace), or a zip holding some; reads only the first bytes of the file or member."""
    path = Path(path)
    if not path.is_file():
        return False
    if is_zip(path):
        return _zip_has_cim(path)
    if path.suffix.lower() not in XML_SUFFIXES:
        return False
    try:
        with path.open("rb") as handle:
            return _looks_like_cim(handle.read(_SNIFF_BYTES))
    except OSError:
        return False


def _looks_like_cim(head: bytes) -> bool:
    root = _ROOT_TAG.search(head)
    return root is not None and _CIM_XMLNS.search(root.group(2)) is not None


def _zip_has_cim(path: Path) -> bool:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename.lower()
                if name.endswith(".zip"):
                    return True  # a bundle of bundles: read in full by the loader
                if name.endswith(XML_SUFFIXES):
                    with archive.open(info) as handle:
                        if _looks_like_cim(handle.read(_SNIFF_BYTES)):
                            return True
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError):
        return False
    return False


__all__ = ["CIM16", "CIM100", "CimModelInfo", "ModelHeader", "cim_quads", "is_cim_xml",
           "load_cim", "read_cim"]
