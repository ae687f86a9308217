"""`sgam-onto query NAME --data ...` takes CGMES files and zips as users have them."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from sgam_onto.cim.load import CIM16, CIM100
from sgam_onto.cli import main
from tests.cim.conftest import Export

NAMESPACE = {"2.4.15": CIM16, "3.0": CIM100}
CASES = [("ieee14", "2.4.15", "files"), ("ieee14", "3.0", "files"),
         ("microgrid-be", "2.4.15", "zip")]


def classes_written(export: Export) -> set[str]:
    """The CIM classes the profile files write objects of, read with the standard library."""
    namespace = NAMESPACE[export.cgmes]
    return {
        child.tag[1:].replace("}", "", 1)
        for path in export.files
        for child in ET.parse(path).getroot()
        if child.tag.startswith("{" + namespace)
    }


@pytest.mark.parametrize(("network", "cgmes", "form"), CASES,
                         ids=[f"{n}-cgmes{c}-{f}" for n, c, f in CASES])
def test_cim_class_coverage_counts_the_classes_of_an_export(
    cim_exports: dict, network: str, cgmes: str, form: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    export: Export = cim_exports[(network, cgmes)]
    data = [export.zip] if form == "zip" else list(export.files)
    argv = ["query", "cim-class-coverage", "--format", "csv"]
    for path in data:
        argv += ["--data", str(path)]
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["cimClass"] for r in rows} == classes_written(export)
    counted = {r["cimClass"]: int(r["instances"]) for r in rows}
    namespace = NAMESPACE[cgmes]
    assert counted[namespace + "SynchronousMachine"] == len(export.grid.get_generators())
    assert counted[namespace + "EnergyConsumer"] == len(export.grid.get_loads())
