"""Write ``sgam_onto/namespace.py`` from the terms the ontology declares.

Run ``python -m sgam_onto.namespace_gen`` after adding, renaming or removing an ``sgam:`` term;
``tests/test_namespace.py`` fails until the generated class and the ontology agree. The
namespace and the ontology IRI are read from the ontology header (``vann:preferredNamespaceUri``
on the ``owl:Ontology``), so the generated module is the one place the package writes them.
"""

from __future__ import annotations

import keyword
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from sgam_onto import paths
from sgam_onto.errors import SgamError
from sgam_onto.io.atomic import atomic_write
from sgam_onto.rdf.parse import parse_file

TARGET = Path(__file__).resolve().parent / "namespace.py"

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_PREFERRED_NAMESPACE = ox.NamedNode("http://purl.org/vocab/vann/preferredNamespaceUri")
_OWL = "http://www.w3.org/2002/07/owl#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_ONTOLOGY = ox.NamedNode(_OWL + "Ontology")
_CLASS_TYPES = {_OWL + "Class", _RDFS + "Class", _RDFS + "Datatype"}
_KINDS = ("classes", "properties", "individuals")


@dataclass(frozen=True)
class Declared:
    """What the ontology says about its own vocabulary."""

    ontology: str  # the ontology IRI
    namespace: str  # its preferred namespace IRI (ends in '#')
    terms: dict[str, str]  # local name -> kind (one of _KINDS)


def _kind(types: set[str]) -> str:
    if types & _CLASS_TYPES:
        return "classes"
    if any(t.endswith("Property") for t in types):
        return "properties"
    return "individuals"


def declared(files: Iterable[Path]) -> Declared:
    """The ontology IRI, its namespace and every term of it typed in ``files``.

    The alignments' records of target vocabularies name a namespace too; only the one on an
    ``owl:Ontology`` counts, and exactly one must be there.
    """
    quads = [q for f in files for q in parse_file(f).quads]
    ontologies = {q.subject for q in quads if q.predicate == _RDF_TYPE and q.object == _ONTOLOGY}
    headers = {(q.subject.value, q.object.value) for q in quads
               if q.predicate == _PREFERRED_NAMESPACE and q.subject in ontologies}
    if len(headers) != 1:
        raise SgamError(f"expected one owl:Ontology with vann:preferredNamespaceUri in "
                        f"{paths.DOMAIN_MODULE} and its modules, found {sorted(headers)}")
    ontology, namespace = headers.pop()
    types: dict[str, set[str]] = {}
    for q in quads:
        name = q.subject.value
        if q.predicate == _RDF_TYPE and name.startswith(namespace):
            types.setdefault(name[len(namespace):], set()).add(q.object.value)
    return Declared(ontology, namespace, {n: _kind(t) for n, t in sorted(types.items())})


def render(decl: Declared) -> str:
    """The text of the generated module."""
    lines = [
        '"""The ``sgam:`` vocabulary as an rdflib ``DefinedNamespace``, and the project\'s IRIs.',
        "",
        "GENERATED from the terms the ontology declares by ``python -m sgam_onto.namespace_gen``:",
        "do not edit by hand; change the ontology and run the generator again. This is the one",
        "module of the package that writes the namespace; every other module imports it from here.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        f'ONTOLOGY_IRI = "{decl.ontology}"',
        f'NS = "{decl.namespace}"',
        'BASE = ONTOLOGY_IRI + "/"  # where the published documents live',
        'ID_BASE = BASE + "id/"  # the instance data: ID_BASE + KIND/SLUG',
        'SHAPES_NS = BASE + "shapes#"  # the SHACL shapes (prefix sgamsh:)',
        'SPARQL_PREFIX = f"PREFIX sgam: <{NS}>\\n"  # heads a query text that uses sgam:',
        "",
        "",
        "class SGAM(DefinedNamespace):",
        '    """Every term the ontology declares; any other name raises AttributeError."""',
        "",
        "    _NS = Namespace(NS)",
        "    _fail = True",
    ]
    extras = sorted(n for n in decl.terms if not n.isidentifier() or keyword.iskeyword(n))
    for kind in _KINDS:
        names = [n for n, k in decl.terms.items() if k == kind and n not in extras]
        if names:
            lines += ["", f"    # {kind}", *(f"    {n}: URIRef" for n in names)]
    if extras:
        lines += ["", "    # names Python cannot spell as attributes: SGAM[\"name\"]",
                  f"    _extras = {tuple(extras)!r}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Regenerate the module; with ``--check`` only say whether it is up to date."""
    argv = sys.argv[1:] if argv is None else argv
    onto = paths.ontology_dir()
    try:
        text = render(declared([*paths.landscape_files(onto), *paths.alignment_files(onto)]))
    except SgamError as err:
        print(f"sgam_onto.namespace_gen: {err}", file=sys.stderr)
        return err.exit_code
    if "--check" in argv:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is out of date: run python -m sgam_onto.namespace_gen")
            return 1
        return 0
    atomic_write(TARGET, text.encode("utf-8"))
    print(f"wrote {TARGET} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
