"""rudof, a second SHACL engine, on the alignment fixtures: it reports what the rules say each
fixture breaks (focus node, path, source shape), the SHACL-SPARQL checks included, which
select their focus nodes with Core targets so that engines without SHACL-AF run them.
"""

from __future__ import annotations

import pytest
from rdflib import URIRef

from sgam_onto import paths
from sgam_onto.validate.shacl_paths import path_text
from tests.data.alignments.test_shapes import EXPECTED, _fixture
from tests.data.shapes.rudof import session, validate_with


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rudof_reports_what_the_rules_expect(name: str) -> None:
    data = _fixture(name).serialize(format="nt")
    found = validate_with(session([paths.shapes_dir() / "alignment.ttl"], data))
    expected = {
        (focus, path_text(None if path is None else URIRef(path)), shape)
        for focus, path, _component, shape in EXPECTED[name]
    }
    assert found == expected


def test_the_sparql_checks_are_among_those_compared() -> None:
    shapes = {shape.rsplit("#", 1)[1] for rows in EXPECTED.values() for *_, shape in rows}
    assert {"Mapping-asserted", "Mapping-vocabularyNamespace", "Resource-mappingRecord"} <= shapes

