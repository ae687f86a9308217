"""OWL reasoning with HermiT through owlready2.

owlready2 is imported only here and only when reasoning is asked for: the import and the
JVM start are the slow part of ``check``. The graph handed over has its ``owl:imports``
removed, because owlready2 would otherwise try to download every imported ontology.
"""

from __future__ import annotations

import io
import shutil
import time
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from sgam_onto.errors import SgamError
from sgam_onto.landscape import SGAM
from sgam_onto.rdf.convert import to_oxigraph

JAVA_HINT = (
    "HermiT needs Java, and no `java` was found on PATH: "
    "sudo apt-get install default-jre-headless (or any Java 11+ runtime)"
)


@dataclass(frozen=True)
class ReasonerResult:
    """What HermiT concluded about the landscape."""

    consistent: bool
    # defined class IRI -> IRIs of the individuals that are members (asserted or inferred)
    inferred: dict[str, frozenset[str]] = field(default_factory=dict)
    # named classes that can have no members at all (equivalent to owl:Nothing)
    unsatisfiable: frozenset[str] = frozenset()
    explanation: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable


def defined_classes(graph: Graph, namespace: str = SGAM) -> list[URIRef]:
    """Named classes of the namespace that have an owl:equivalentClass axiom."""
    found: set[URIRef] = set()
    for s, o in graph.subject_objects(OWL.equivalentClass):
        for node in (s, o):
            if isinstance(node, URIRef) and str(node).startswith(namespace):
                found.add(node)
    return sorted(found)


def to_ntriples(graph: Graph) -> bytes:
    """The graph as N-Triples without owl:imports, the form owlready2 reads fastest."""
    imports = OWL.imports
    triples = [
        ox.Triple(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))
        for s, p, o in graph
        if p != imports
    ]
    triples += unique_name_axioms(graph)
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)


def unique_name_axioms(graph: Graph) -> list[ox.Triple]:
    """owl:AllDifferent over the individuals that qualified cardinality restrictions count.

    OWL does not assume that two IRIs name two things, so "at least two parent bodies" could
    never be proven; the landscape does name every resource once. Only the individuals of the
    classes used with owl:onClass are declared distinct, which keeps the axiom small.
    """
    counted = set(graph.objects(None, OWL.onClass))
    if not counted:
        return []
    subclasses = {c for c in counted if isinstance(c, URIRef)}
    frontier = list(subclasses)
    while frontier:
        for sub in graph.subjects(RDFS.subClassOf, frontier.pop()):
            if isinstance(sub, URIRef) and sub not in subclasses:
                subclasses.add(sub)
                frontier.append(sub)
    members = sorted(
        {s for c in subclasses for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}
    )
    if len(members) < 2:
        return []
    axiom, head = ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(axiom, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(OWL.AllDifferent))),
        ox.Triple(axiom, ox.NamedNode(str(OWL.distinctMembers)), head),
    ]
    first, rest, nil = (ox.NamedNode(str(x)) for x in (RDF.first, RDF.rest, RDF.nil))
    node = head
    for i, member in enumerate(members):
        following = ox.BlankNode() if i < len(members) - 1 else nil
        triples.append(ox.Triple(node, first, ox.NamedNode(str(member))))
        triples.append(ox.Triple(node, rest, following))
        node = following
    return triples


def run_hermit(graph: Graph, namespace: str = SGAM) -> ReasonerResult:
    """Check consistency and realise the individuals of the defined classes with HermiT."""
    import owlready2  # slow import, see the module docstring

    if shutil.which(owlready2.JAVA_EXE) is None:
        raise SgamError(JAVA_HINT)
    targets = defined_classes(graph, namespace)
    world = owlready2.World()
    try:
        onto = world.get_ontology(namespace)
        onto.load(only_local=True, fileobj=io.BytesIO(to_ntriples(graph)), format="ntriples")
        started = time.perf_counter()
        try:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            hints = inconsistency_hints(graph)
            text = "HermiT: the ontology is inconsistent (no individual can satisfy all axioms)"
            return ReasonerResult(
                consistent=False,
                explanation="\n".join([text, *hints]),
                seconds=time.perf_counter() - started,
            )
        except owlready2.OwlReadyJavaError as err:
            raise SgamError(f"HermiT failed: {java_error(str(err))}") from None
        seconds = time.perf_counter() - started
        inferred = {}
        for cls_iri in targets:
            cls = world[str(cls_iri)]
            members = cls.instances(world=world) if cls is not None else []
            inferred[str(cls_iri)] = frozenset(m.iri for m in members)
        nothing = str(OWL.Nothing)
        unsatisfiable = frozenset(
            c.iri for c in world.inconsistent_classes() if getattr(c, "iri", nothing) != nothing
        )
        return ReasonerResult(True, inferred, unsatisfiable, seconds=seconds)
    finally:
        world.close()


def java_error(text: str) -> str:
    """The line of a Java stack trace that names the exception, else its last line.

    HermiT runs with strict datatypes, as in Protégé: a literal whose datatype is outside the
    OWL 2 datatype map (xsd:gYear, xsd:date, ...) stops it, and the user needs that line.
    """
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    for line in lines:
        if "Exception:" in line and not line.startswith("at "):
            return line.split(" in thread \"main\" ", 1)[-1]
    return lines[-1] if lines else "unknown error"


def inconsistency_hints(graph: Graph) -> list[str]:
    """Likely causes that can be read off the asserted data: disjoint types on one individual.

    HermiT only says "inconsistent"; the common data mistake is an individual typed with two
    classes declared disjoint (directly, through rdfs:subClassOf, or via AllDisjointClasses).
    """
    supers: dict[URIRef, set[URIRef]] = {}

    def ancestors(cls: URIRef) -> set[URIRef]:
        if cls not in supers:
            supers[cls] = {cls}
            for parent in graph.objects(cls, RDFS.subClassOf):
                if isinstance(parent, URIRef):
                    supers[cls] |= ancestors(parent)
        return supers[cls]

    disjoint: set[frozenset[URIRef]] = set()
    for a, b in graph.subject_objects(OWL.disjointWith):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            disjoint.add(frozenset((a, b)))
    for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        for head in graph.objects(group, OWL.members):
            members = [m for m in graph.items(head) if isinstance(m, URIRef)]
            disjoint |= {frozenset((x, y)) for x in members for y in members if x != y}
    hints = []
    for individual in sorted(set(graph.subjects(RDF.type, None))):
        types = [t for t in graph.objects(individual, RDF.type) if isinstance(t, URIRef)]
        reach = set().union(*(ancestors(t) for t in types)) if types else set()
        for pair in sorted(disjoint, key=sorted):
            if pair <= reach:
                a, b = sorted(pair)
                hints.append(f"  {individual} is a {a} and a {b}, which are disjoint")
    if graph.value(None, RDF.type, OWL.Nothing) is not None:
        hints += [f"  {s} is typed owl:Nothing" for s in graph.subjects(RDF.type, OWL.Nothing)]
    return hints
