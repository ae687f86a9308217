"""The catalogue of stored queries, violation checks, and the Python API over them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from types import SimpleNamespace

import pyoxigraph as ox
import pytest

from sgam_onto.errors import LoadError, SgamError
from sgam_onto.query import api
from sgam_onto.query.catalogue import Catalogue
from sgam_onto.query.errors import HeaderError
from sgam_onto.query.runner import run_violation_checks

ID = "https://w3id.org/sgam-onto/id/"
FIXTURE_ROOT = Path(__file__).resolve().parent.parent / "fixtures" / "query" / "root"


def test_names_are_file_stems_sorted(catalogue: Catalogue) -> None:
    assert catalogue.names() == ["bodies", "body-by-designation", "standards-by-body"]
    assert catalogue.check_names() == ["self-parent-violation", "unlabelled-body-violation"]


def test_load_by_name_gives_a_validated_query(catalogue: Catalogue) -> None:
    query = catalogue.load("standards-by-body")
    assert query.name == "standards-by-body"
    assert query.header is not None
    assert query.header.source == "4.2.3"
    assert query.columns == ("body", "standard", "designation", "title")
    assert [p.describe() for p in query.header.params] == [
        "body: iri (required) — the maintaining body, e.g. "
        "https://w3id.org/sgam-onto/id/body/iec-tc57-wg10"
    ]
    assert query.header.ordered


def test_checks_load_by_name_too(catalogue: Catalogue) -> None:
    assert catalogue.load("self-parent-violation").columns == ("body",)


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("bodys", "bodies"), ("standards", "standards-by-body"), ("self-parent", "self-parent")],
)
def test_unknown_name_lists_near_matches(catalogue: Catalogue, name: str, suggestion: str) -> None:
    with pytest.raises(SgamError) as info:
        catalogue.load(name)
    message = str(info.value)
    assert message.startswith(f"unknown query {name!r}; did you mean: ")
    assert suggestion in message


def test_unknown_name_without_near_match(catalogue: Catalogue) -> None:
    with pytest.raises(SgamError) as info:
        catalogue.load("zzzz")
    assert str(info.value) == "unknown query 'zzzz' ('sgam-onto query --list' lists them)"


@pytest.mark.parametrize("name", ["../catalogue/bodies", "catalogue/bodies", "bodies.rq", ""])
def test_names_are_not_paths(catalogue: Catalogue, name: str) -> None:
    with pytest.raises(SgamError, match="unknown query"):
        catalogue.load(name)


def test_missing_folders_make_an_empty_catalogue(tmp_path: Path) -> None:
    empty = Catalogue(tmp_path)
    assert empty.names() == [] and empty.check_names() == [] and empty.queries() == []


def test_a_bad_file_makes_the_whole_listing_fail(tmp_path: Path, catalogue: Catalogue) -> None:
    shutil.copytree(catalogue.root, tmp_path / "queries")
    broken = tmp_path / "queries" / "catalogue" / "broken.rq"
    broken.write_text("#+ summary: x\n#+ colums:\n#+   - a\nSELECT ?a {}\n", encoding="utf-8")
    with pytest.raises(HeaderError) as info:
        Catalogue(tmp_path / "queries").queries()
    text = str(info.value)
    assert "broken.rq:2: unknown header key 'colums'" in text
    assert "broken.rq:1: missing required header key(s): description, source, columns" in text


def test_only_violation_files_count_as_checks(tmp_path: Path, catalogue: Catalogue) -> None:
    shutil.copytree(catalogue.root, tmp_path / "queries")
    (tmp_path / "queries" / "checks" / "README.rq").write_text("not a check", encoding="utf-8")
    assert Catalogue(tmp_path / "queries").check_names() == [
        "self-parent-violation",
        "unlabelled-body-violation",
    ]


def test_unreadable_query_file_is_a_load_error(tmp_path: Path) -> None:
    (tmp_path / "catalogue").mkdir()
    (tmp_path / "catalogue" / "latin1.rq").write_bytes(b"#+ summary: caf\xe9\n")
    with pytest.raises(LoadError, match=r"latin1\.rq: not UTF-8 text"):
        Catalogue(tmp_path).load("latin1")


def test_violation_checks_return_only_those_with_rows(
    store: ox.Store, catalogue: Catalogue
) -> None:
    failures = run_violation_checks(store, catalogue)
    assert [name for name, _ in failures] == ["unlabelled-body-violation"]
    _, rows = failures[0]
    assert len(rows) == 1
    assert list(rows) == [(ox.NamedNode(f"{ID}body/iec-tc8-wg99"),)]
    assert rows.variables == ("body",)


def test_violation_checks_pass_on_clean_data(store: ox.Store, catalogue: Catalogue) -> None:
    store.add(
        ox.Quad(
            ox.NamedNode(f"{ID}body/iec-tc8-wg99"),
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal("IEC TC 8 WG 99"),
        )
    )
    assert run_violation_checks(store, catalogue) == []


def test_packaged_queries_are_all_valid() -> None:
    """Every query shipped in queries/ passes the header and SPARQL checks."""
    packaged = Catalogue()
    for name in packaged.names() + packaged.check_names():
        query = packaged.load(name)
        assert query.header is not None, name


# --- Python API -------------------------------------------------------------------------------


def test_api_rows_are_python_values(store: ox.Store, catalogue: Catalogue) -> None:
    rows = api.run_stored_rows(
        catalogue.load("standards-by-body"), store, {"body": f"{ID}body/iec-tc57-wg17"}
    )
    assert rows == [
        {
            "body": f"{ID}body/iec-tc57-wg17",
            "standard": f"{ID}standard/iec-62746-10",
            "designation": "IEC 62746-10",
            "title": "Systems interface between customer energy management system\n"
            "and the power management system",
        }
    ]


def test_api_run_looks_names_up_and_accepts_a_landscape(
    store: ox.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SGAM_ONTO_ROOT", str(FIXTURE_ROOT))
    landscape = SimpleNamespace(store=store)
    rows = api.run("body-by-designation", landscape, designation="IEC TC 57")
    assert rows == [{"designation": "IEC TC 57", "body": f"{ID}body/iec-tc57"}]
    bodies = api.run("bodies", landscape)
    assert [r["designation"] for r in bodies][:2] == ["IEC TC 57", "IEC TC 57 WG 10"]
    assert bodies[0]["parent"] is None
    with pytest.raises(SgamError, match="unknown parameter"):
        api.run("bodies", landscape, name="x")
    with pytest.raises(SgamError, match="cannot be a string"):
        api.run("body-by-designation", landscape, designation=5)


def test_api_run_loads_the_landscape_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SGAM_ONTO_ROOT", str(FIXTURE_ROOT))
    api._landscape.cache_clear()
    try:
        first = api.run("standards-by-body", body=f"{ID}body/iec-tc57-wg17")
        again = api.run("standards-by-body", body=f"{ID}body/iec-tc57-wg17")
        assert first == again
        assert [r["designation"] for r in first] == ["IEC 62746-10"]
        assert api._landscape.cache_info().misses == 1
    finally:
        api._landscape.cache_clear()


def test_api_typed_parameters(store: ox.Store, tmp_path: Path) -> None:
    (tmp_path / "catalogue").mkdir()
    (tmp_path / "catalogue" / "echo.rq").write_text(
        "#+ summary: Echo typed parameters\n"
        "#+ description: Returns what it was given, to show the typed round trip.\n"
        "#+ source: curated\n"
        "#+ columns:\n#+   - n\n#+   - flag\n#+   - day\n"
        "#+ params:\n#+   - n: integer\n#+   - flag: boolean\n#+   - day: date?\n"
        "SELECT ?n ?flag ?day WHERE { }\n",
        encoding="utf-8",
    )
    query = Catalogue(tmp_path).load("echo")
    rows = api.run_stored_rows(query, store, {"n": 7, "flag": False, "day": dt.date(2020, 2, 29)})
    assert rows == [{"n": 7, "flag": False, "day": dt.date(2020, 2, 29)}]
    assert api.run_stored_rows(query, store, {"n": "-1", "flag": "1"}) == [
        {"n": -1, "flag": True, "day": None}
    ]
