"""Spreadsheets of the real landscape: export, import, and what a committee member sees."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH, Namespace

from sgam_onto import paths
from sgam_onto.cli import main
from sgam_onto.commands.sheet import KINDS
from sgam_onto.landscape import load_landscape
from sgam_onto.rdf.convert import graph_from_quads
from sgam_onto.rdf.parse import parse_file
from sgam_onto.sheet.kinds import ID_BASE, kinds

SGAMSH = Namespace("https://w3id.org/sgam-onto/shapes#")
SEGMENTS = {"bodies": "body", "standards": "standard", "coordination-items": "coordination",
            "interactions": "interaction", "context-entries": "context-entry"}


@pytest.fixture(scope="module")
def landscape() -> Graph:
    return load_landscape().graph


def _of_kind(graph: Graph, segment: str) -> set:
    """The landscape's own triples about resources under id/<segment>/, read without the sheet."""
    base = f"{ID_BASE}{segment}/"
    return {t for t in graph if isinstance(t[0], URIRef) and str(t[0]).startswith(base)}


def test_the_command_offers_the_kinds_of_the_file() -> None:
    assert list(KINDS) == list(kinds()) == list(SEGMENTS)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("kind", KINDS)
def test_export_then_import_gives_the_same_triples(
    kind: str, suffix: str, tmp_path: Path, landscape: Graph
) -> None:
    sheet, turtle = tmp_path / f"{kind}{suffix}", tmp_path / f"{kind}.ttl"
    assert main(["sheet", "export", kind, "--out", str(sheet)]) == 0
    assert main(["sheet", "import", str(sheet), "--out", str(turtle)]) == 0
    back = set(graph_from_quads(parse_file(turtle).quads))
    expected = _of_kind(landscape, SEGMENTS[kind])
    assert expected, f"the landscape has no {kind}"
    assert back == expected


def test_controlled_values_are_dropdowns_listing_the_range(
    tmp_path: Path, landscape: Graph
) -> None:
    out = tmp_path / "interactions.xlsx"
    assert main(["sheet", "export", "interactions", "--out", str(out)]) == 0
    book = load_workbook(out)
    sheet, lists = book["interactions"], book["lists"]
    assert lists.sheet_state == "hidden"
    headers = [c.value for c in sheet[1]]
    by_column = {}
    for check in sheet.data_validations.dataValidation:
        column = headers[next(iter(check.sqref.ranges)).min_col - 1]
        cells = check.formula1.split("!")[1].replace("$", "")
        by_column[column] = [c.value for (c,) in lists[cells]]
    assert set(by_column) >= {"from", "to", "directionality", "nature", "nature basis"}
    actor_class = URIRef("https://w3id.org/sgam-onto#Actor")
    actors = {s for c in landscape.transitive_subjects(RDFS.subClassOf, actor_class)
              for s in landscape.subjects(RDF.type, c)}
    assert {landscape.namespace_manager.curie(a) for a in actors} == set(by_column["from"])


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def _exported_items(tmp_path: Path) -> tuple[Path, list[list[str]]]:
    """The coordination items exported as CSV, and its rows to edit."""
    sheet = tmp_path / "coordination-items.csv"
    assert main(["sheet", "export", "coordination-items", "--out", str(sheet)]) == 0
    return sheet, _rows(sheet)


def test_an_unreadable_cell_is_named_by_file_sheet_row_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    sheet, rows = _exported_items(tmp_path)
    number = rows[0].index("number")
    rows[3][number] = "three"
    _write(sheet, rows)
    out = tmp_path / "items.ttl"
    assert main(["sheet", "import", str(sheet), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    letter = chr(ord("A") + number)
    where = f"{sheet}:coordination-items:4:{letter}"
    assert f"{where}: number: 'three' is not a valid xsd:integer" in err
    assert not out.exists()


def test_a_violation_is_placed_at_its_cell_with_the_shapes_message(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    sheet, rows = _exported_items(tmp_path)
    parties = rows[0].index("parties")
    rows[2][parties] = rows[2][parties].splitlines()[0]  # item 2 keeps one party of its two
    _write(sheet, rows)
    out = tmp_path / "items.ttl"
    out.write_text("# the user's file\n")
    assert main(["sheet", "import", str(sheet), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    letter = chr(ord("A") + parties)
    (line,) = [x for x in err.splitlines() if x.startswith(f"{sheet}:coordination-items:3:")]
    shapes = Graph().parse(paths.shapes_dir() / "coordination.ttl")
    message = shapes.value(SGAMSH["CoordinationItem-party"], SH.message)
    assert line == f"{sheet}:coordination-items:3:{letter}: parties: {message}"
    assert out.read_text() == "# the user's file\n"  # nothing written


def test_a_column_the_kind_does_not_have_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    sheet = tmp_path / "bodies.csv"
    _write(sheet, [["IRI", "colour"], ["body:iec-tc57", "blue"]])
    assert main(["sheet", "import", str(sheet), "--out", str(tmp_path / "b.ttl")]) == 2
    assert f"{sheet}:bodies:1: unknown column 'colour'" in capsys.readouterr().err
