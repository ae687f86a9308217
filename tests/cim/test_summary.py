"""cim-model-summary and `sgam-onto model` on the CIMHub IEEE 13-node feeder.

The interactions expected for a cell are read from Table 5 of the SRD: the grid user is the
"to" side of interactions 1, 2, 3, 6 and 10, the DER units of interaction 4. Equipment
counts come from the model itself (its classes), not from the rules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto.cim.load import load_cim
from sgam_onto.cim.summary import Cell, model_summary
from sgam_onto.cli import main
from sgam_onto.landscape import load_landscape
from sgam_onto.query.api import run_stored_rows
from sgam_onto.query.catalogue import Catalogue
from tests.data.alignments.pinned import IEEE13, require_shared

SGAM = "https://w3id.org/sgam-onto#"
ACTOR = "https://w3id.org/sgam-onto/id/actor/"
CIM100 = "http://iec.ch/TC57/CIM100#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@pytest.fixture(scope="module")
def store() -> ox.Store:
    require_shared()
    store = load_landscape(with_alignments=True).store
    load_cim([IEEE13], store)
    return store


@pytest.fixture(scope="module")
def cells(store) -> dict[tuple[str, str], Cell]:
    return {(c.domain, c.zone): c for c in model_summary(store)}


def count(store: ox.Store, *classes: str) -> int:
    return sum(len(list(store.quads_for_pattern(None, RDF_TYPE, ox.NamedNode(CIM100 + c))))
               for c in classes)


def numbers(cell: Cell) -> set[int]:
    return {int(label.split(":", 1)[0]) for label in cell.items["interaction"].values()}


def test_loads_cell_holds_every_energy_consumer_and_the_grid_user_interactions(store, cells):
    cell = cells[(SGAM + "CustomerPremisesDomain", SGAM + "ProcessZone")]
    assert cell.equipment == count(store, "EnergyConsumer") == 16
    assert set(cell.actors) == {ACTOR + "customer-premises-grid-user"}
    assert numbers(cell) == {1, 2, 3, 6, 10}  # Table 5, grid user on the "to" side
    assert "IEC 61850" in cell.items["standard"].values()


def test_der_cell_holds_the_inverters_and_units_and_interaction_4(store, cells):
    cell = cells[(SGAM + "DERDomain", SGAM + "ProcessZone")]
    assert cell.equipment == count(store, "PowerElectronicsConnection", "BatteryUnit",
                                   "PhotovoltaicUnit")
    assert set(cell.actors) == {ACTOR + "der-unit"}
    assert 4 in numbers(cell)


def test_model_command_json_counts_what_the_model_holds(store, capsys):
    assert main(["model", str(IEEE13), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["namespace"] == CIM100
    assert document["thresholdKv"] == 110
    total = sum(c["equipment"] for c in document["cells"])
    placed_classes = ("EnergyConsumer", "PowerElectronicsConnection", "BatteryUnit",
                      "PhotovoltaicUnit", "ACLineSegment", "PowerTransformer", "TransformerTank",
                      "Breaker", "Fuse", "LoadBreakSwitch", "Recloser", "LinearShuntCompensator",
                      "EnergySource", "TapChangerControl", "Feeder")
    assert total == count(store, *placed_classes)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_model_command_other_formats_name_the_cells(fmt, capsys):
    require_shared()
    assert main(["model", str(IEEE13), "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "Customer Premises" in out and "DER" in out and "IEC 61850" in out


def test_threshold_option_reaches_the_query(store, capsys):
    assert main(["model", str(IEEE13), "--format", "json", "--threshold-kv", "1"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["thresholdKv"] == 1
    distribution = sum(c["equipment"] for c in document["cells"]
                       if c["domainLabel"] == "Distribution")
    rows = run_stored_rows(Catalogue().load("cim-plane-placements"), store, {"thresholdKv": 1})
    assert distribution == len({r["equipment"] for r in rows
                                if r["domain"] == SGAM + "DistributionDomain"})
    assert distribution < len({r["equipment"] for r in run_stored_rows(
        Catalogue().load("cim-plane-placements"), store) if r["domain"] == SGAM +
        "DistributionDomain"})


def test_model_command_refuses_bad_input_with_file_and_line(tmp_path: Path, capsys):
    bad = tmp_path / "bad_EQ.xml"
    bad.write_text('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
                   '22-rdf-syntax-ns#">\n<broken\n', encoding="utf-8")
    assert main(["model", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "Traceback" not in err
    assert main(["model", str(tmp_path / "missing.xml")]) == 2
    assert main(["model", str(IEEE13), "--threshold-kv", "0"]) == 2
