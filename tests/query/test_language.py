"""`--lang`: French labels where the landscape has them, English everywhere else, no row twice.

A French label is added to a copy of the landscape (IEC TC 13, a party of several coordination
items, as "IEC CE 13", the French designation of the committee). The expectation is computed
from the English answer by swapping that one label, not from the French run itself.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto.cli import main
from sgam_onto.errors import SgamError
from sgam_onto.query.language import labels_in

ROOT = Path(__file__).resolve().parents[2]
ENGLISH, FRENCH = "IEC TC 13", "IEC CE 13"
FRENCH_LABEL = """@prefix body: <https://w3id.org/sgam-onto/id/body/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

body:iec-tc13
    rdfs:label "IEC CE 13"@fr ;
.
"""


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bilingual")
    for part in ("ontology", "shapes", "queries"):
        shutil.copytree(ROOT / part, root / part)
    (root / "ontology" / "data" / "labels-fr.ttl").write_text(FRENCH_LABEL, encoding="utf-8")
    return root


def _csv(capsys: pytest.CaptureFixture[str], root: Path, *argv: str) -> list[dict[str, str]]:
    assert main(["--landscape", str(root), *argv]) == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def _parties(row: dict[str, str]) -> set[str]:
    return set(row["parties"].split(" | "))


def test_the_copy_with_a_french_label_still_validates(
    bilingual: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--landscape", str(bilingual), "validate"]) == 0, capsys.readouterr().out


def test_french_label_with_lang_fr_english_otherwise_and_no_row_doubles(
    bilingual: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = ["query", "coordination-items", "--format", "csv"]
    english = _csv(capsys, bilingual, *query)
    default = _csv(capsys, bilingual, *query, "--lang", "en")
    french = _csv(capsys, bilingual, *query, "--lang", "fr")
    assert default == english
    assert len(english) == 26 and len(french) == len(english)
    assert [r["number"] for r in french] == [r["number"] for r in english]
    with_tc13 = [r["number"] for r in english if ENGLISH in _parties(r)]
    assert len(with_tc13) >= 2
    for en, fr in zip(english, french, strict=True):
        expected = {FRENCH if p == ENGLISH else p for p in _parties(en)}
        assert _parties(fr) == expected
        assert {k: v for k, v in fr.items() if k != "parties"} == {
            k: v for k, v in en.items() if k != "parties"}
    assert not any(FRENCH in r["parties"] for r in english)


def test_the_report_follows_the_language(
    bilingual: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--landscape", str(bilingual), "report"]) == 0
    english = capsys.readouterr().out
    assert main(["--landscape", str(bilingual), "report", "--lang", "fr"]) == 0
    french = capsys.readouterr().out
    assert ENGLISH in english and FRENCH not in english
    assert FRENCH in french
    assert french.count(FRENCH) == english.count(ENGLISH) - french.count(ENGLISH)
    assert len(french.splitlines()) == len(english.splitlines())


def test_a_resource_without_french_keeps_its_english_label() -> None:
    store = ox.Store()
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    a, b = ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/b")
    store.add(ox.Quad(a, label, ox.Literal("alpha", language="en")))
    store.add(ox.Quad(a, label, ox.Literal("alpha-fr", language="fr")))
    store.add(ox.Quad(b, label, ox.Literal("beta", language="en")))
    view = labels_in(store, "fr")
    read = {(q.subject.value, q.object.value, q.object.language)
            for q in view.quads_for_pattern(None, label, None)}
    assert read == {("https://example.org/a", "alpha-fr", "en"),
                    ("https://example.org/a", "alpha-fr", "fr"),
                    ("https://example.org/b", "beta", "en")}
    assert len(store) == 3  # the store itself is left as it was
    assert labels_in(store, "en") is store


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(SgamError, match="en or fr"):
        labels_in(ox.Store(), "de")
