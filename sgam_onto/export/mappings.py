"""The reified alignment mappings (sgam:Mapping records) of a loaded graph, as plain records.

The records are read from the rdflib graph, the source of truth, so that literals (the
confidence, the justification) come out exactly as the alignment files write them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from sgam_onto.errors import SgamError
from sgam_onto.namespace import NS as SGAM

VANN = "http://purl.org/vocab/vann/"

MAPPING = URIRef(SGAM + "Mapping")
TARGET_VOCABULARY = URIRef(SGAM + "TargetVocabulary")
_P = {
    name: URIRef(SGAM + name)
    for name in (
        "mappingSubject",
        "mappingPredicate",
        "mappingObject",
        "mappingNotation",
        "codeTitle",
        "justification",
        "confidence",
        "targetVocabulary",
    )
}
PREFERRED_PREFIX = URIRef(VANN + "preferredNamespacePrefix")
PREFERRED_NAMESPACE = URIRef(VANN + "preferredNamespaceUri")


@dataclass(frozen=True)
class MappingRecord:
    """One sgam:Mapping: an IRI target (``object``) or an ENTSO-E role code (``notation``)."""

    iri: str
    subject: str
    subject_label: str
    predicate: str
    object: str | None
    object_label: str
    notation: str | None
    code_title: str
    justification: str
    confidence: str
    vocabulary: str
    vocabulary_version: str = ""  # owl:versionInfo of the target vocabulary, if it has one

    @property
    def is_term_mapping(self) -> bool:
        return self.object is not None


def mapping_records(graph: Graph) -> list[MappingRecord]:
    """Every sgam:Mapping of the graph, sorted by subject, predicate and target.

    Raises SgamError naming the record when one lacks what an export needs; the alignment
    shapes report the same problems in full.
    """
    records = [_record(graph, node) for node in set(graph.subjects(RDF.type, MAPPING))]
    return sorted(records, key=lambda r: (r.subject, r.predicate, r.object or "", r.notation or ""))


def vocabulary_prefixes(graph: Graph) -> dict[str, str]:
    """Prefix → namespace of every target vocabulary that declares both, sorted by prefix."""
    found: dict[str, str] = {}
    for vocab in graph.subjects(RDF.type, TARGET_VOCABULARY):
        prefix = graph.value(vocab, PREFERRED_PREFIX)
        namespace = graph.value(vocab, PREFERRED_NAMESPACE)
        if prefix is not None and namespace is not None:
            found[str(prefix)] = str(namespace)
    return dict(sorted(found.items()))


def english_label(graph: Graph, node: URIRef) -> str:
    """The @en rdfs:label of a node, else an untagged one, else the empty string."""
    labels = [lab for lab in graph.objects(node, RDFS.label) if isinstance(lab, Literal)]
    for wanted in ("en", None):
        matching = sorted(str(lab) for lab in labels if lab.language == wanted)
        if matching:
            return matching[0]
    return ""


def _record(graph: Graph, node) -> MappingRecord:
    def one(name: str, required: bool = True):
        values = list(graph.objects(node, _P[name]))
        if len(values) > 1 or (required and not values):
            count = "no" if not values else f"{len(values)} values of"
            raise SgamError(f"mapping {node} has {count} sgam:{name}; it cannot be exported")
        return values[0] if values else None

    subject = one("mappingSubject")
    predicate = one("mappingPredicate")
    obj = one("mappingObject", required=False)
    notation = one("mappingNotation", required=False)
    if (obj is None) == (notation is None):
        raise SgamError(
            f"mapping {node} needs exactly one of sgam:mappingObject and sgam:mappingNotation"
        )
    code_title = one("codeTitle", required=False)
    vocabulary = one("targetVocabulary")
    versions = sorted(str(v) for v in graph.objects(vocabulary, OWL.versionInfo))
    return MappingRecord(
        iri=str(node),
        subject=str(subject),
        subject_label=english_label(graph, subject),
        predicate=str(predicate),
        object=None if obj is None else str(obj),
        object_label="" if obj is None else english_label(graph, obj),
        notation=None if notation is None else str(notation),
        code_title="" if code_title is None else str(code_title),
        justification=str(one("justification")),
        confidence=str(one("confidence")),
        vocabulary=str(vocabulary),
        vocabulary_version=versions[0] if len(versions) == 1 else "",
    )
