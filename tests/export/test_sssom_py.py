"""sssom-py, the reference SSSOM toolkit, reads the export without a complaint and finds in it the
mappings the Turtle alignment files state, compared as data."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from sgam_onto.commands.export import sssom_text
from sgam_onto.landscape import load_landscape

sssom_parsers = pytest.importorskip("sssom.parsers", reason="sssom-py is in the dev extra")
sssom_validators = pytest.importorskip("sssom.validators", reason="sssom-py is in the dev extra")

MAPPINGS = """
PREFIX sgam: <https://w3id.org/sgam-onto#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?s ?sl ?p ?o ?ol ?vocabulary ?release ?c ?j WHERE {
  ?m a sgam:Mapping ; sgam:mappingSubject ?s ; sgam:mappingPredicate ?p ;
     sgam:mappingObject ?o ; sgam:targetVocabulary ?vocabulary ;
     sgam:confidence ?c ; sgam:justification ?j .
  ?vocabulary owl:versionInfo ?release .
  ?s rdfs:label ?sl . FILTER(LANG(?sl) = "en")
  ?o rdfs:label ?ol .
}
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sssom") / "sgam-onto.sssom.tsv"
    path.write_text(sssom_text(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def msdf(exported: Path):
    return sssom_parsers.parse_sssom_table(exported)


def test_sssom_py_parses_without_warnings(exported: Path, caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.WARNING):
        sssom_parsers.parse_sssom_table(exported)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_sssom_py_validates_with_no_errors(msdf):
    reports = sssom_validators.validate(msdf, fail_on_error=False)
    assert len(reports) >= 3  # JSON schema, prefix map completeness, strict CURIE format
    assert {str(kind): report.results for kind, report in reports.items()} == {
        str(kind): [] for kind in reports
    }


def test_sssom_py_reads_the_mappings_of_the_turtle_alignments(msdf):
    expand = msdf.converter.expand
    read = {
        (
            expand(row.subject_id), row.subject_label, expand(row.predicate_id),
            expand(row.object_id), row.object_label, expand(row.object_source),
            row.object_source_version, round(float(row.confidence), 6), row.comment,
        )
        for row in msdf.df.itertuples()
    }
    store = load_landscape(with_alignments=True).store
    stated = {
        (
            b["s"].value, b["sl"].value, b["p"].value, b["o"].value, b["ol"].value,
            b["vocabulary"].value, b["release"].value, round(float(b["c"].value), 6),
            b["j"].value,
        )
        for b in store.query(MAPPINGS)
    }
    assert len(stated) > 40
    assert read == stated
    assert len(msdf.df) == len(read)


def test_set_level_sources_are_curies_of_the_map(msdf):
    expand = msdf.converter.expand
    assert set(msdf.df["subject_source"]) == {"w3id:sgam-onto"}
    assert expand("w3id:sgam-onto") == "https://w3id.org/sgam-onto"
    sources = {expand(curie) for curie in msdf.df["object_source"]}
    assert all(s.startswith("https://w3id.org/sgam-onto/id/vocabulary/") for s in sources)
    assert msdf.metadata["mapping_set_id"] == (
        "https://w3id.org/sgam-onto/mappings/sgam-onto.sssom.tsv"
    )


def test_the_mapping_set_id_resolves_in_the_published_site(msdf, exported: Path):
    from tests.publish.site_fixture import published_site

    base = "https://w3id.org/sgam-onto/"
    set_id = msdf.metadata["mapping_set_id"]
    published = published_site() / set_id[len(base):]
    assert published.read_bytes() == exported.read_bytes()
