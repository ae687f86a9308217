"""cim-plane-placements and cim-model-summary on really exported network models.

Expected placements are computed here in plain Python from the CIM data itself (the class of
each resource and the nominal voltage of its base voltage) and from the SGAM plane as
Tables 3 and 4 of the SRD describe it, not from the rules file: lines, transformers, switches
and compensators are grid equipment in the Process zone of Transmission (from 110 kV) or
Distribution; loads are in Customer Premises; controls are in the Field zone; substations and
voltage levels in the Station zone.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from sgam_onto.cim.load import load_cim
from sgam_onto.landscape import load_landscape
from sgam_onto.query.api import run_stored_rows
from sgam_onto.query.catalogue import Catalogue
from tests.cim.conftest import CGMES_VERSIONS, NETWORKS
from tests.data.alignments.pinned import IEEE13, VOCAB, require_shared

SGAM = "https://w3id.org/sgam-onto#"
ACTOR = "https://w3id.org/sgam-onto/id/actor/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_SUB = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
CIM_NAMESPACES = ("http://iec.ch/TC57/CIM100#", "http://iec.ch/TC57/2013/CIM-schema-cim16#")
GRID = {"ACLineSegment", "PowerTransformer", "LinearShuntCompensator", "Breaker", "Fuse",
        "LoadBreakSwitch", "Recloser", "TransformerTank"}
# Classes of the CIMHub distribution profile that CGMES 3.0 does not declare but that the IEC
# CIM UML puts under Equipment (TransformerTank) and EquipmentContainer (Feeder).
NOT_IN_CGMES = {"TransformerTank": "Equipment", "Feeder": "EquipmentContainer"}


@pytest.fixture(scope="module")
def landscape():
    return load_landscape(with_alignments=True)


def model_store(landscape, files: list[Path]) -> ox.Store:
    store = ox.Store()
    store.extend(landscape.store)
    load_cim(files, store)
    return store


@pytest.fixture(scope="module")
def exports(cim_exports) -> dict[tuple[str, str], list[Path]]:
    """The profile files of each export, keyed by network and CGMES version."""
    return {key: list(export.files) for key, export in cim_exports.items()}


def placements(store: ox.Store, **params: object) -> list[dict]:
    return [dict(r) for r in run_stored_rows(Catalogue().load("cim-plane-placements"), store,
                                             params)]


def local(iri: str | None) -> str | None:
    return None if iri is None else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _objects(store: ox.Store, subject: ox.NamedNode, name: str) -> list:
    return [q.object for ns in CIM_NAMESPACES
            for q in store.quads_for_pattern(subject, ox.NamedNode(ns + name), None)]


def base_kv(store: ox.Store, resource: str, volts: bool) -> float | None:
    """The nominal voltage of a resource's own base voltage or voltage level, in kV."""
    node = ox.NamedNode(resource)
    bases = _objects(store, node, "ConductingEquipment.BaseVoltage")
    bases += _objects(store, node, "VoltageLevel.BaseVoltage")
    for container in _objects(store, node, "Equipment.EquipmentContainer"):
        bases += _objects(store, container, "VoltageLevel.BaseVoltage")
    values = [
        float(v.value) for b in bases for v in _objects(store, b, "BaseVoltage.nominalVoltage")
    ]
    if not values:
        return None
    return max(values) / (1000 if volts else 1)


# Table 4: the physical equipment of the energy flow is the Process zone, intelligent
# equipment that controls it the Field zone, the area aggregation of a site the Station zone.
EXPECTED_ZONE = {
    **{cls: "ProcessZone" for cls in GRID | {"EnergyConsumer", "SynchronousMachine",
                                             "GeneratingUnit", "BatteryUnit"}},
    "RegulatingControl": "FieldZone", "TapChangerControl": "FieldZone",
    "Substation": "StationZone", "VoltageLevel": "StationZone",
}
# Table 3 and 3.2: the grid of the Transmission domain is run by the TSO, the grid of the
# Distribution domain by the DSO; loads belong to Customer Premises grid users.
EXPECTED_ACTOR = {"TransmissionDomain": "tso", "DistributionDomain": "dso",
                  "CustomerPremisesDomain": "customer-premises-grid-user"}


def expected_domain(cim_class: str, kv: float | None, threshold: float = 110) -> str | None:
    if cim_class == "EnergyConsumer":
        return "CustomerPremisesDomain"
    if kv is None:
        return None
    if cim_class in GRID | {"VoltageLevel", "RegulatingControl", "TapChangerControl"}:
        return "TransmissionDomain" if kv >= threshold else "DistributionDomain"
    return None


def equipment_instances(store: ox.Store) -> dict[str, str]:
    """Every instance of an Equipment or EquipmentContainer class, per the CGMES 3.0 RDFS."""
    require_shared()
    rdfs = ox.Store()
    for path in sorted((VOCAB / "cgmes-3.0").glob("*CGMES*.rdf")):
        with path.open("rb") as fh:
            rdfs.bulk_load(fh, ox.RdfFormat.RDF_XML, base_iri="http://iec.ch/TC57/CIM100")
    kinds: dict[str, str] = dict(NOT_IN_CGMES)
    for top in ("Equipment", "EquipmentContainer"):
        query = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?c WHERE "
                 f"{{ ?c rdfs:subClassOf* <http://iec.ch/TC57/CIM100#{top}> }}")
        kinds.update({local(row[0].value): top for row in rdfs.query(query)})
    found = {}
    for quad in store.quads_for_pattern(None, RDF_TYPE, None):
        name = local(quad.object.value)
        if quad.object.value.startswith(CIM_NAMESPACES) and name in kinds:
            found[quad.subject.value] = name
    return found


def coverage(store: ox.Store) -> tuple[float, Counter]:
    instances = equipment_instances(store)
    placed = {r["equipment"] for r in placements(store) if r["domain"] and r["zone"] and r["actor"]}
    missing = Counter(cls for iri, cls in instances.items() if iri not in placed)
    return (len(instances) - sum(missing.values())) / len(instances), missing


@pytest.fixture(scope="module")
def feeder(landscape) -> ox.Store:
    require_shared()
    return model_store(landscape, [IEEE13])


def test_named_equipment_of_the_ieee13_feeder(feeder):
    rows = {(r["name"], local(r["cimClass"])): r for r in placements(feeder)}
    def cell(name, cls):
        r = rows[(name, cls)]
        return local(r["domain"]), local(r["zone"]), local(r["actor"])
    assert cell("671", "EnergyConsumer") == (
        "CustomerPremisesDomain", "ProcessZone", "customer-premises-grid-user")
    assert cell("632670", "ACLineSegment") == ("DistributionDomain", "ProcessZone", "dso")
    assert cell("school", "PhotovoltaicUnit") == ("DERDomain", "ProcessZone", "der-unit")
    assert cell("reg1_Ctrl", "TapChangerControl") == ("DistributionDomain", "FieldZone", "dso")
    source = next(r for r in rows.values() if local(r["cimClass"]) == "EnergySource")
    assert base_kv(feeder, source["equipment"], volts=True) == 115.0  # the upstream grid
    assert (local(source["domain"]), local(source["actor"])) == ("TransmissionDomain", "tso")


def check_against_cim_data(store: ox.Store, volts: bool) -> int:
    checked = 0
    for r in placements(store):
        cls = local(r["cimClass"])
        want = expected_domain(cls, base_kv(store, r["equipment"], volts))
        if want is not None:
            assert local(r["domain"]) == want, (r["name"], cls)
            if cls in GRID | {"EnergyConsumer", "VoltageLevel"}:
                assert local(r["actor"]) == EXPECTED_ACTOR[want], (r["name"], cls)
            checked += 1
        if cls in EXPECTED_ZONE:
            assert local(r["zone"]) == EXPECTED_ZONE[cls], (r["name"], cls)
    return checked


def test_feeder_domains_follow_class_and_base_voltage(feeder):
    assert check_against_cim_data(feeder, volts=True) > 30


@pytest.mark.parametrize("name", NETWORKS)
@pytest.mark.parametrize("version", list(CGMES_VERSIONS))
def test_exported_domains_follow_class_and_base_voltage(landscape, exports, name, version):
    store = model_store(landscape, exports[(name, version)])
    assert check_against_cim_data(store, volts=False) > 5


def test_ieee118_generators_are_bulk_generation_and_loads_customer_premises(landscape, exports):
    rows = placements(model_store(landscape, exports[("ieee118", "3.0")]))
    by_class = Counter((local(r["cimClass"]), local(r["domain"])) for r in rows)
    assert by_class[("SynchronousMachine", "GenerationDomain")] == 54  # all at 138/345 kV buses
    assert by_class[("EnergyConsumer", "CustomerPremisesDomain")] == 91
    assert by_class[("ACLineSegment", "TransmissionDomain")] == 177


def test_threshold_parameter_moves_the_line(landscape, exports):
    store = model_store(landscape, exports[("microgrid-be", "3.0")])
    default = Counter(local(r["domain"]) for r in placements(store)
                      if local(r["cimClass"]) == "VoltageLevel")
    raised = Counter(local(r["domain"]) for r in placements(store, thresholdKv=500)
                     if local(r["cimClass"]) == "VoltageLevel")
    assert default["TransmissionDomain"] > 0 and raised["TransmissionDomain"] == 0


def test_coverage_of_the_ieee13_feeder(feeder):
    share, missing = coverage(feeder)
    assert share >= 0.95, missing
    # the substation: nothing in the feeder model gives it a voltage
    assert missing == Counter({"Substation": 1})


@pytest.mark.parametrize("name", NETWORKS)
@pytest.mark.parametrize("version", list(CGMES_VERSIONS))
def test_coverage_of_exported_models(landscape, exports, name, version):
    share, missing = coverage(model_store(landscape, exports[(name, version)]))
    assert share >= 0.95, (share, missing)


@pytest.mark.parametrize("name", NETWORKS)
def test_cgmes_2_and_3_exports_give_the_same_placements(landscape, exports, name):
    def cells(version):
        rows = placements(model_store(landscape, exports[(name, version)]))
        return {(r["equipment"], r["domain"], r["zone"], r["actor"]) for r in rows}
    old, new = cells("2.4.15"), cells("3.0")
    shared = {e for e, *_ in old} & {e for e, *_ in new}
    assert len(shared) >= 0.9 * len({e for e, *_ in old})
    assert {c for c in old if c[0] in shared} == {c for c in new if c[0] in shared}
