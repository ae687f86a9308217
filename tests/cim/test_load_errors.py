"""Input the CIM loader refuses: one line naming FILE:LINE (ZIP!MEMBER:LINE in a zip), the
rule broken, exit code 2 from the command line, and nothing half-loaded."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto import settings
from sgam_onto.cim.load import load_cim
from sgam_onto.cli import main
from sgam_onto.errors import EXIT_LOAD, LoadError
from tests.cim.conftest import Export

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns:cim="http://iec.ch/TC57/CIM100#"
    xmlns:md="http://iec.ch/TC57/61970-552/ModelDescription/1#"
    xmlns:dm="http://iec.ch/TC57/61970-552/DifferenceModel/1#">
"""  # five lines: a body starts on line 6
DIFFERENCE = HEAD + """<dm:DifferenceModel rdf:about="urn:uuid:7d1e0c3a-3b1f-4a57-9b1e-5f3c2a1d0e9">
  <md:Model.scenarioTime>2026-01-01T00:00:00Z</md:Model.scenarioTime>
  <dm:forwardDifferences rdf:parseType="Statements">
    <cim:Substation rdf:about="#_6b4f2b9e-7c1d-4e8a-9f3b-2d5c8e1a7b40"/>
  </dm:forwardDifferences>
</dm:DifferenceModel>
</rdf:RDF>
"""
BROKEN = HEAD + """<cim:Substation rdf:ID="_S1">
  <cim:IdentifiedObject.name>S1</cim:IdentifiedObject.name>
  <cim:IdentifiedObject.description>unclosed
</cim:Substation>
</rdf:RDF>
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(paths: list[Path]) -> tuple[LoadError, ox.Store]:
    store = ox.Store()
    with pytest.raises(LoadError) as caught:
        load_cim(paths, store)
    return caught.value, store


def test_a_difference_model_is_refused_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "dm.xml", DIFFERENCE)
    error, _ = refused([path])
    assert str(error).startswith(f"{path}:6:")
    assert "difference model" in str(error) and "full model" in str(error)


def test_a_difference_model_stops_the_query_command_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "dm.xml", DIFFERENCE)
    code = main(["query", "cim-class-coverage", "--data", str(path)])
    out, err = capsys.readouterr()
    assert code == EXIT_LOAD and out == ""
    assert err.startswith(f"{path}:6:") and "difference model" in err
    assert "Traceback" not in err


def test_a_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.xml", BROKEN)
    error, _ = refused([path])
    assert (error.path, error.line) == (path, 9)  # </cim:Substation> closes the wrong tag
    assert "mismatched tag" in error.message


def test_a_syntax_error_inside_a_zip_names_zip_member_and_line(tmp_path: Path) -> None:
    bundle = tmp_path / "model.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("model_EQ.xml", BROKEN)
    error, _ = refused([bundle])
    assert str(error).startswith(f"{bundle}!model_EQ.xml:9:")


def test_a_bad_file_leaves_nothing_in_the_store(tmp_path: Path, cim_exports: dict) -> None:
    good: Export = cim_exports[("ieee14", "3.0")]
    broken = write(tmp_path, "broken.xml", BROKEN)
    _, store = refused([*good.files, broken])
    assert len(store) == 0


def test_a_relative_reference_has_no_base_to_resolve_against(tmp_path: Path) -> None:
    path = write(tmp_path, "relative.xml", HEAD + """<cim:VoltageLevel rdf:ID="_VL1">
  <cim:VoltageLevel.Substation rdf:resource="S1"/>
</cim:VoltageLevel>
</rdf:RDF>
""")
    error, _ = refused([path])
    assert (error.path, error.line) == (path, 7)
    assert "rdf:resource='S1'" in error.message and "base" in error.message


def test_a_file_that_is_not_cim_xml(tmp_path: Path) -> None:
    path = write(tmp_path, "other.xml", '<?xml version="1.0"?>\n<model><a/></model>\n')
    error, _ = refused([path])
    assert (error.path, error.line) == (path, 2) and "rdf:RDF" in error.message


def test_two_cim_versions_are_not_one_model(cim_exports: dict) -> None:
    old = cim_exports[("ieee14", "2.4.15")].files[0]
    new = cim_exports[("ieee14", "3.0")].files[1]
    error, _ = refused([old, new])
    assert error.path == new and "CIM-schema-cim16#" in error.message


def test_a_zip_without_xml(tmp_path: Path) -> None:
    bundle = tmp_path / "empty.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("readme.txt", "nothing here")
    error, _ = refused([bundle])
    assert error.path == bundle and "no .xml" in error.message


def test_a_zip_of_zips_is_read_member_by_member(cim_exports: dict, tmp_path: Path) -> None:
    export: Export = cim_exports[("microgrid-be", "2.4.15")]
    inner = io.BytesIO(export.zip.read_bytes())
    outer = tmp_path / "cgm.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("BE.zip", inner.getvalue())
    store = ox.Store()
    info = load_cim([outer], store)
    assert info.files == tuple(f"{outer}!BE.zip!{f.name}" for f in export.files)
    assert len(info.headers) == 4


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = write(tmp_path, "secret.txt", "secret")
    path = write(tmp_path, "xxe.xml", f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file://{secret}">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns:cim="http://iec.ch/TC57/CIM100#">
<cim:Substation rdf:ID="_S1"><cim:IdentifiedObject.name>&x;</cim:IdentifiedObject.name>
</cim:Substation></rdf:RDF>
""")
    error, store = refused([path])
    assert error.path == path and "external" in error.message
    assert len(store) == 0


def test_entity_expansion_is_sized_before_parsing(tmp_path: Path) -> None:
    entities = ['<!ENTITY e0 "xxxxxxxxxx">'] + [
        f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 9)
    ]
    path = write(tmp_path, "bomb.xml", f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [{"".join(entities)}]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns:cim="http://iec.ch/TC57/CIM100#">
<cim:Substation rdf:ID="_S1"><cim:IdentifiedObject.name>&e8;</cim:IdentifiedObject.name>
</cim:Substation></rdf:RDF>
""")
    error, _ = refused([path])
    assert isinstance(error, settings.LimitError) and "expands to" in error.message


def test_a_literal_over_the_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "long.xml", HEAD + """<cim:Substation rdf:ID="_S1">
  <cim:IdentifiedObject.name>a name of more than twenty characters</cim:IdentifiedObject.name>
</cim:Substation>
</rdf:RDF>
""")
    with settings.configured(max_literal_chars=20):
        error, _ = refused([path])
    assert isinstance(error, settings.LimitError)
    assert (error.path, error.line) == (path, 7) and "SGAM_ONTO_MAX_LITERAL_CHARS" in str(error)
