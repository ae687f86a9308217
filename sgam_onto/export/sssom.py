"""The alignment mappings as an SSSOM mapping set (TSV with a YAML metadata block).

SSSOM (Simple Standard for Sharing Ontological Mappings) is read by the mapping tools of the
OBO and semantic-web communities. The file is a ``#``-prefixed YAML block (the mapping set
metadata and its ``curie_map``) followed by a TSV table, one row per mapping, every
identifier a CURIE of the map. Only mappings to IRIs are rows: ENTSO-E role codes have no
IRI and stay in the alignment files, as the mapping set ``comment`` says.

The YAML written here is a small fixed subset (scalars as JSON strings, one nested map), so
``parse_sssom`` reads it back without a YAML library; it is the check that the export says
what the alignment graph says.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sgam_onto.errors import SgamError
from sgam_onto.export.mappings import MappingRecord
from sgam_onto.namespace import BASE, ID_BASE, ONTOLOGY_IRI
from sgam_onto.namespace import NS as SGAM

MANUAL_CURATION = "semapv:ManualMappingCuration"
COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "object_source",
    "object_source_version",
    "mapping_justification",
    "confidence",
    "comment",
)
BASE_PREFIXES = {
    "sgam": SGAM,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "semapv": "https://w3id.org/semapv/vocab/",
}
# SSSOM wants the sources as CURIEs (EntityReference); the ontology IRI needs its own prefix.
W3ID = ("w3id", "https://w3id.org/")
SUBJECT_SOURCE = ONTOLOGY_IRI
MAPPING_SET_PATH = "mappings/sgam-onto.sssom.tsv"  # where publish puts it, so its id resolves
MAPPING_SET_ID = BASE + MAPPING_SET_PATH
CODES_COMMENT = (
    "ENTSO-E role codes that the alignments give as skos:notation (typed sgam:EntsoeRoleCode) "
    "have no IRI and are not rows of this set; they are recorded in ontology/alignments/"
    "entsoe-nc.ttl. An SRD actor is an individual (a role or a component): a SKOS predicate "
    "joins it only to another individual, such as an enumeration literal. It points to a class "
    "of the other vocabulary with one of this ontology's annotation properties instead: "
    "sgam:representedBy (instances of the class stand for the actor in that vocabulary's data) "
    "or sgam:relatedClass (the actor deals with instances of the class, which do not stand for "
    "it); both are defined in ontology/alignments/mapping-vocabulary.ttl."
)

_KIND = re.compile(r"[a-z][a-z0-9-]*\Z")
_LOCAL = re.compile(r"[^\s/#?]+\Z")


@dataclass
class SSSOMDocument:
    """A parsed mapping set: its metadata (without the map), its curie_map and its rows."""

    metadata: dict[str, str] = field(default_factory=dict)
    curie_map: dict[str, str] = field(default_factory=dict)
    rows: list[dict[str, str]] = field(default_factory=list)

    def expand(self, curie: str) -> str:
        return expand_curie(curie, self.curie_map)


def mapping_set_metadata(version: str) -> dict[str, str]:
    """The mapping set metadata for a package version (deterministic: no dates, no paths)."""
    return {
        "mapping_set_id": MAPPING_SET_ID,
        "mapping_set_version": version,
        "mapping_set_title": "sgam-onto alignments to IEC CIM, ENTSO-E, SAREF, OEO and W3C "
        "vocabularies",
        "mapping_set_description": "Mappings of the actors, classes and properties of the "
        "sgam-onto knowledge graph of IEC SRD 63268:2020 to external vocabularies, each with "
        "a justification in the project's words (comment) and a confidence.",
        "license": "https://www.apache.org/licenses/LICENSE-2.0",
        "mapping_provider": ONTOLOGY_IRI,
        "subject_source": f"{W3ID[0]}:{SUBJECT_SOURCE[len(W3ID[1]):]}",
        "comment": CODES_COMMENT,
    }


def curie_map_for(records: Iterable[MappingRecord], vocab_prefixes: Mapping[str, str]) -> dict:
    """The prefixes the rows use: base ones, instance kinds under /id/, target vocabularies."""
    available = dict(BASE_PREFIXES)
    for prefix, namespace in vocab_prefixes.items():
        if available.get(prefix, namespace) != namespace:
            raise SgamError(f"prefix {prefix!r} names two namespaces: {available[prefix]}, "
                            f"{namespace}")
        available[prefix] = namespace
    used: dict[str, str] = {"semapv": BASE_PREFIXES["semapv"], W3ID[0]: W3ID[1]}
    for record in records:
        if not record.is_term_mapping:
            continue
        for iri in (record.subject, record.predicate, record.object or "", record.vocabulary):
            if iri.startswith(ID_BASE):
                kind = iri[len(ID_BASE):].split("/", 1)[0]
                if _KIND.match(kind) is None:
                    raise SgamError(f"{iri}: not an instance IRI of the form .../id/<kind>/<slug>")
                used[kind] = f"{ID_BASE}{kind}/"
                continue
            prefix, namespace = _namespace_of(iri, available)
            used[prefix] = namespace
    return dict(sorted(used.items()))


def to_curie(iri: str, curie_map: Mapping[str, str]) -> str:
    """The CURIE of an IRI under the map (longest namespace first)."""
    prefix, namespace = _namespace_of(iri, curie_map)
    return f"{prefix}:{iri[len(namespace):]}"


def expand_curie(curie: str, curie_map: Mapping[str, str]) -> str:
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in curie_map:
        raise SgamError(f"CURIE {curie!r} has no prefix in the curie_map")
    return curie_map[prefix] + local


def render_sssom(
    records: Iterable[MappingRecord], vocab_prefixes: Mapping[str, str], version: str
) -> str:
    """The SSSOM/TSV text: metadata block, header row, one row per IRI mapping (sorted)."""
    terms = sorted(
        (r for r in records if r.is_term_mapping),
        key=lambda r: (r.subject, r.predicate, r.object or ""),
    )
    curie_map = curie_map_for(terms, vocab_prefixes)
    out = io.StringIO()
    out.write("#curie_map:\n")
    for prefix, namespace in curie_map.items():
        out.write(f"#  {prefix}: {json.dumps(namespace)}\n")
    for key, value in mapping_set_metadata(version).items():
        out.write(f"#{key}: {json.dumps(value, ensure_ascii=False)}\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in terms:
        row = (
            to_curie(record.subject, curie_map),
            record.subject_label,
            to_curie(record.predicate, curie_map),
            to_curie(record.object or "", curie_map),
            record.object_label,
            to_curie(record.vocabulary, curie_map),
            record.vocabulary_version,
            MANUAL_CURATION,
            record.confidence,
            record.justification,
        )
        for value in row:
            if "\t" in value or "\n" in value or "\r" in value:
                raise SgamError(f"mapping {record.iri}: a value holds a tab or line break")
        writer.writerow(row)
    return out.getvalue()


def parse_sssom(text: str) -> SSSOMDocument:
    """Read back what ``render_sssom`` writes: the metadata block and the TSV rows."""
    doc = SSSOMDocument()
    lines = text.splitlines()
    body_start = 0
    in_map = False
    for number, line in enumerate(lines, 1):
        if not line.startswith("#"):
            body_start = number - 1
            break
        content = line[1:]
        if content.startswith("  ") and in_map:
            key, value = _yaml_pair(content.strip(), number)
            doc.curie_map[key] = value
            continue
        key, value = _yaml_pair(content, number)
        in_map = value == ""
        if not in_map:
            doc.metadata[key] = value
        elif key != "curie_map":
            raise SgamError(f"line {number}: unexpected nested block {key!r}")
    else:
        body_start = len(lines)
    reader = csv.DictReader(io.StringIO("\n".join(lines[body_start:]) + "\n"), delimiter="\t")
    if reader.fieldnames is None or tuple(reader.fieldnames) != COLUMNS:
        raise SgamError(f"unexpected SSSOM columns {reader.fieldnames}; expected {COLUMNS}")
    doc.rows = [dict(row) for row in reader]
    return doc


def _yaml_pair(content: str, number: int) -> tuple[str, str]:
    key, sep, value = content.partition(":")
    if not sep or not key or key != key.strip():
        raise SgamError(f"line {number}: not a 'key: value' metadata line: {content!r}")
    value = value.strip()
    if value.startswith('"'):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as err:
            raise SgamError(f"line {number}: bad quoted value: {err}") from None
    return key, value


def _namespace_of(iri: str, curie_map: Mapping[str, str]) -> tuple[str, str]:
    candidates = [
        (prefix, namespace) for prefix, namespace in curie_map.items()
        if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace):])
    ]
    best = max(candidates, key=lambda pair: len(pair[1]), default=None)
    if best is None:
        raise SgamError(f"{iri}: no prefix for its namespace; add vann:preferredNamespacePrefix "
                        "and vann:preferredNamespaceUri to its sgam:TargetVocabulary")
    return best
