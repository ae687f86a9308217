"""The ontology file names its version (owl:versionIRI, owl:versionInfo) so that tools reading
the file alone see it; the package version in pyproject.toml stays the one that counts, and
publishing refuses a file that names another."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL

from sgam_onto.errors import SgamError
from sgam_onto.namespace import ONTOLOGY_IRI
from sgam_onto.rdf.convert import add_quads
from sgam_onto.rdf.locate import Locator
from sgam_onto.rdf.parse import parse_file

ONTOLOGY = URIRef(ONTOLOGY_IRI)


def version_iri(version: str) -> URIRef:
    """The version IRI of a release: the ontology IRI, a slash, the version."""
    return URIRef(f"{ONTOLOGY}/{version}")


def version_problems(path: Path, version: str, *, allow_missing: bool = False) -> list[str]:
    """FILE:LINE messages for each way the ontology header's version differs from `version`;
    with ``allow_missing``, a header that names no version at all is fine (it gets stamped)."""
    parsed = parse_file(path)
    graph = add_quads(Graph(bind_namespaces="none"), parsed.quads)
    locate = Locator(path, path.read_text(encoding="utf-8"), parsed.prefixes)
    expected = {
        "owl:versionInfo": (OWL.versionInfo, Literal(version)),
        "owl:versionIRI": (OWL.versionIRI, version_iri(version)),
    }
    problems = []
    for name, (prop, wanted) in expected.items():
        found = sorted(graph.objects(ONTOLOGY, prop), key=str)
        if found == [wanted] or (allow_missing and not found):
            continue
        line = locate.line(found[0] if found else ONTOLOGY, ONTOLOGY, prop)
        said = ", ".join(f.n3() for f in found) or "missing"
        problems.append(
            f"{path}:{line}: {name} of <{ONTOLOGY}> is {said}; the package version "
            f"(pyproject.toml) needs {wanted.n3()}"
        )
    return problems


def check_version(path: Path, version: str) -> None:
    """Raise SgamError naming the file and line when the header names another version than
    `version`. A landscape whose header names none (a fork's or a test's) is stamped with the
    package version when loaded, so it publishes; this package's own file must name it (a test
    holds it to that)."""
    problems = version_problems(path, version, allow_missing=True)
    if problems:
        raise SgamError("\n".join(problems))
