"""`sgam-onto plot model-plane`: the equipment of the IEEE 13 feeder drawn on the SGAM plane."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from sgam_onto.cli import main
from tests.data.alignments.pinned import IEEE13, require_shared

SVG = "{http://www.w3.org/2000/svg}"


def test_cells_show_the_classes_counted_in_the_model(tmp_path: Path):
    require_shared()
    out = tmp_path / "model.svg"
    assert main(["plot", "model-plane", "--data", str(IEEE13), "--out", str(out)]) == 0
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    text = " ".join("".join(t.itertext()) for t in root.iter(SVG + "text"))
    model = IEEE13.read_text(encoding="utf-8")
    consumers = len(re.findall(r"<cim:EnergyConsumer ", model))
    assert f"EnergyConsumer × {consumers}" in text
    assert f"ACLineSegment × {len(re.findall(r'<cim:ACLineSegment ', model))}" in text
    columns = [r.get("data-domain") for r in root.iter(SVG + "rect") if r.get("data-domain")]
    assert columns[:5] == ["(Bulk) Generation", "Transmission", "Distribution", "DER",
                           "Customer Premises"]


def test_needs_the_model_and_refuses_data_elsewhere(tmp_path: Path, capsys):
    out = tmp_path / "x.svg"
    assert main(["plot", "model-plane", "--out", str(out)]) == 2
    assert "--data" in capsys.readouterr().err
    assert main(["plot", "table-1", "--data", str(out), "--out", str(out)]) == 2
    assert main(["plot", "model-plane", "--data", str(tmp_path / "none.xml"),
                 "--out", str(out)]) == 2
    assert not out.exists()
