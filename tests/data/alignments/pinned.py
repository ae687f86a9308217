"""The pinned copies of the target vocabularies in ../shared/vocab, read for offline checks.

Each sgam:TargetVocabulary record of the alignments is tied here to the files of its pinned
copy. A term's kind is what the copy declares it as: a class (rdfs:Class or owl:Class), a
property, or an individual (anything else with a type, such as a CIM enumeration literal).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto.rdf.parse import parse_file

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO / ".." / "shared"
VOCAB = SHARED / "vocab"
SEED = SHARED / "seed"
IEEE13 = VOCAB / "testdata-cimhub-ieee13" / "IEEE13_PV.xml"

ID = "https://w3id.org/sgam-onto/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDFS_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"
IAO_DEFINITION = "http://purl.obolibrary.org/obo/IAO_0000115"
RDFS_DEFINED_BY = "http://www.w3.org/2000/01/rdf-schema#isDefinedBy"
CLASS_TYPES = {"http://www.w3.org/2000/01/rdf-schema#Class", "http://www.w3.org/2002/07/owl#Class"}
PROPERTY_TYPES = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property",
    "http://www.w3.org/2002/07/owl#ObjectProperty",
    "http://www.w3.org/2002/07/owl#DatatypeProperty",
    "http://www.w3.org/2002/07/owl#AnnotationProperty",
}

# sgam:TargetVocabulary slug -> files of its pinned copy (globs under ../shared/vocab)
PINNED_FILES: dict[str, tuple[str, ...]] = {
    "cgmes-3-0": ("cgmes-3.0/*.rdf",),
    "tc57cim-1-1-0": ("cim-ucaiug/*.ttl",),
    "entsoe-nc-2-3": ("entsoe-nc-2.3/*.rdf",),
    "saref-core-3-1-1": ("saref-core/saref.ttl",),
    "saref4ener-1-1-2": ("saref4ener/saref4ener.ttl",),
    "saref4grid-1-0-0": ("saref4grid/saref4grid.ttl",),
    "oeo-2-12-0": ("oeo/*.ttl",),
    "w3c-org-0-8": ("w3c-ns/org.ttl",),
    "w3c-prov-o-2013": ("w3c-ns/prov-o.ttl",),
}
# vocabularies without a pinned file: DCTERMS is checked against rdflib's closed namespace,
# the ENTSO-E role code list (codes, no IRIs) against the table in test_targets.py.
UNPINNED = {"dcmi-terms", "entsoe-role-type-list-91"}


def require_shared() -> Path:
    """The pinned vocabularies, or a skip when this checkout has no ../shared next to it."""
    if not VOCAB.is_dir():
        pytest.skip(f"pinned vocabularies not found at {VOCAB} (../shared is not checked out)")
    return VOCAB


@dataclass
class PinnedVocabulary:
    """What one pinned copy declares: kinds, labels and descriptive texts per term IRI."""

    kinds: dict[str, set[str]] = field(default_factory=dict)
    types: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)
    defined_by: dict[str, set[str]] = field(default_factory=dict)

    def kind(self, iri: str) -> set[str]:
        return self.kinds.get(iri, set())

    def english_label(self, iri: str) -> str | None:
        labels = self.labels.get(iri, [])
        for wanted in ("en", None):
            matching = sorted(text for text, lang in labels if lang == wanted)
            if matching:
                return matching[0]
        return None


@functools.cache
def pinned(slug: str) -> PinnedVocabulary:
    """Parse the pinned copy of one target vocabulary (cached for the test session)."""
    root = require_shared()
    vocab = PinnedVocabulary()
    paths = sorted(p for pattern in PINNED_FILES[slug] for p in root.glob(pattern))
    assert paths, f"no pinned files for {slug}"
    for path in paths:
        for quad in parse_file(path).quads:
            s, p, o = quad.subject, quad.predicate, quad.object
            if not isinstance(s, ox.NamedNode):
                continue
            key = s.value
            if p.value == RDF_TYPE:
                vocab.types.setdefault(key, set()).add(o.value)
            elif p.value == RDFS_LABEL:
                language = o.language if isinstance(o, ox.Literal) else None
                vocab.labels.setdefault(key, []).append((o.value, language))
            elif p.value in (RDFS_COMMENT, IAO_DEFINITION):
                vocab.texts.setdefault(key, []).append(o.value)
            elif p.value == RDFS_DEFINED_BY:
                vocab.defined_by.setdefault(key, set()).add(o.value)
    for key, types in vocab.types.items():
        if types & CLASS_TYPES:
            vocab.kinds[key] = {"class"}
        elif types & PROPERTY_TYPES:
            vocab.kinds[key] = {"property"}
        else:
            vocab.kinds[key] = {"individual"}
    return vocab


def slug_of(vocabulary_iri: str) -> str:
    prefix = ID + "vocabulary/"
    assert vocabulary_iri.startswith(prefix), vocabulary_iri
    return vocabulary_iri[len(prefix):]
