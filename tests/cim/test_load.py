"""CGMES models exported by PowSyBl load as one model each, with the objects PowSyBl holds.

Expectations come from PowSyBl's own view of each network (its component tables), from the
exported XML read with the standard library, and from pyoxigraph's RDF/XML parser where a file
is plain enough for it; never from the loader itself.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox
import pytest

from sgam_onto.cim.load import CIM16, CIM100, is_cim_xml, load_cim
from tests.cim.conftest import Export
from tests.data.alignments.pinned import IEEE13, require_shared

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
MD = "http://iec.ch/TC57/61970-552/ModelDescription/1#"
NAMESPACE = {"2.4.15": CIM16, "3.0": CIM100}
# PowSyBl component table -> the CIM classes it is written as (IEC 61970-301)
COMPONENTS = {
    "get_generators": ("SynchronousMachine",),
    "get_loads": ("EnergyConsumer", "ConformLoad", "NonConformLoad"),
    "get_lines": ("ACLineSegment",),
    "get_2_windings_transformers": ("PowerTransformer",),
    "get_shunt_compensators": ("LinearShuntCompensator", "NonlinearShuntCompensator"),
    "get_substations": ("Substation",),
    "get_voltage_levels": ("VoltageLevel",),
}


def expected_iri(identifier: str) -> str:
    """The IRI an object written with ``rdf:ID="_<identifier>"`` must get: the documented
    scheme, computed here with the standard library's UUID parser."""
    try:
        return f"urn:uuid:{uuid.UUID(identifier)}"
    except ValueError:
        return "urn:cim-id:" + quote("_" + identifier, safe="-._~!$&'()*+,;=:@")


def loaded(paths: list[Path] | tuple[Path, ...]) -> tuple[ox.Store, object]:
    store = ox.Store()
    info = load_cim(list(paths), store)
    return store, info


def instances(store: ox.Store, namespace: str, classes: tuple[str, ...]) -> set[str]:
    return {
        q.subject.value
        for name in classes
        for q in store.quads_for_pattern(None, RDF_TYPE, ox.NamedNode(namespace + name))
    }


def triples(store: ox.Store) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store}


def test_every_export_loads_from_files_and_from_its_zip(cim_export: Export) -> None:
    store, info = loaded(cim_export.files)
    assert info.namespace == NAMESPACE[cim_export.cgmes]
    assert info.files == tuple(str(f) for f in cim_export.files)
    assert len(store) > 1000
    zipped, zip_info = loaded([cim_export.zip])
    assert zip_info.files == tuple(f"{cim_export.zip}!{f.name}" for f in cim_export.files)
    assert triples(zipped) == triples(store)


def test_is_cim_xml_knows_exports_and_nothing_else(cim_export: Export, tmp_path: Path) -> None:
    assert all(is_cim_xml(f) for f in cim_export.files)
    assert is_cim_xml(cim_export.zip)
    owl = tmp_path / "plain.rdf"
    owl.write_text('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                   'xmlns:owl="http://www.w3.org/2002/07/owl#"/>', encoding="utf-8")
    assert not is_cim_xml(owl)
    assert not is_cim_xml(Path(__file__))


def test_objects_are_those_powsybl_holds(cim_export: Export) -> None:
    store, info = loaded(cim_export.files)
    grid = cim_export.grid
    dangling = list(grid.get_boundary_lines().index)
    for table, classes in COMPONENTS.items():
        expected = {expected_iri(i) for i in getattr(grid, table)().index}
        if table == "get_lines":  # a dangling line is written as a line to the boundary
            expected |= {expected_iri(i) for i in dangling}
        if table == "get_2_windings_transformers":
            expected |= {expected_iri(i) for i in grid.get_3_windings_transformers().index}
        if cim_export.cgmes == "3.0" and table in ("get_substations", "get_voltage_levels"):
            # CGMES 3.0 has no boundary profile: PowSyBl puts the boundary side of each
            # dangling line in a fictitious substation and voltage level of its own
            suffix = "S" if table == "get_substations" else "VL"
            expected |= {f"urn:cim-id:_{i}_ACLS_FICT_{suffix}" for i in dangling}
        found = instances(store, info.namespace, classes)
        assert found == expected, table


def test_references_across_profile_files_resolve(cim_export: Export) -> None:
    """Every object a statement points to is described in the model, except what the
    headers say comes from a model that was not exported (MicroGrid's boundary set)."""
    store, info = loaded(cim_export.files)
    typed = {q.subject for q in store.quads_for_pattern(None, RDF_TYPE, None)}
    dangling = {
        (q.predicate.value, q.object.value) for q in store
        if isinstance(q.object, ox.NamedNode) and q.object.value.startswith("urn:")
        and q.object not in typed
    }
    terminals = list(store.quads_for_pattern(
        None, ox.NamedNode(info.namespace + "Terminal.ConductingEquipment"), None))
    assert terminals and all(q.object in typed for q in terminals)
    models = {h.model for h in info.headers}
    outside = {m for h in info.headers for m in h.depends_on} - models
    if cim_export.network == "microgrid-be":  # it depends on the ENTSO-E boundary set
        assert outside
        assert {p for p, _ in dangling} <= {
            MD + "Model.DependentOn", *(info.namespace + p + ".BaseVoltage" for p in (
                "ConductingEquipment", "VoltageLevel", "TopologicalNode", "TransformerEnd"))
        }
    else:
        assert not outside and not dangling


@pytest.mark.parametrize("network", ["microgrid-be", "ieee14", "ieee118"])
def test_both_cgmes_versions_name_objects_alike(cim_exports: dict, network: str) -> None:
    """The equipment, containers and topology of one network get the same IRIs whether it is
    written as 2.4.15 (rdf:ID="_<id>") or 3.0; state variables are new objects per export."""
    described: dict[str, dict[str, set[str]]] = {}
    for cgmes in ("2.4.15", "3.0"):
        store, info = loaded(cim_exports[(network, cgmes)].files)
        by_class: dict[str, set[str]] = {}
        for q in store.quads_for_pattern(None, RDF_TYPE, None):
            name = q.object.value.removeprefix(info.namespace)
            if q.object.value.startswith(info.namespace) and not name.startswith("Sv"):
                by_class.setdefault(name, set()).add(q.subject.value)
        described[cgmes] = by_class
    old, new = described["2.4.15"], described["3.0"]
    assert sum(len(v) for v in old.values()) > 50
    for name in old.keys() & new.keys():
        extra = {i for i in new[name] - old[name] if "_ACLS_FICT_" not in i}
        assert old[name] <= new[name] and not extra, name


def test_model_headers_are_kept(cim_export: Export) -> None:
    store, info = loaded(cim_export.files)
    expected = []
    for path in cim_export.files:
        header = ET.parse(path).getroot().find(f"{{{MD}}}FullModel")
        about = header.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
        values = {child.tag.removeprefix(f"{{{MD}}}"): [] for child in header}
        for child in header:
            values[child.tag.removeprefix(f"{{{MD}}}")].append(
                child.text if child.text is not None
                else child.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}resource"))
        expected.append((about, tuple(values["Model.profile"]), values["Model.scenarioTime"][0],
                         values["Model.modelingAuthoritySet"][0],
                         tuple(values.get("Model.DependentOn", ())), str(path)))
    got = [(h.model, h.profiles, h.scenario_time, h.modelling_authority_set, h.depends_on,
            h.file) for h in info.headers]
    assert got == expected
    for about, profiles, *_ in expected:
        model = ox.NamedNode(about)
        assert ox.Quad(model, RDF_TYPE, ox.NamedNode(MD + "FullModel")) in store
        kept = {q.object.value for q in store.quads_for_pattern(
            model, ox.NamedNode(MD + "Model.profile"), None)}
        assert kept == set(profiles)


def test_ids_that_are_not_ncnames_load(cim_exports: dict) -> None:
    """PowSyBl writes rdf:ID="_default+region_GR" ('+' is not in an NCName)."""
    store, info = loaded(cim_exports[("ieee14", "2.4.15")].files)
    regions = instances(store, info.namespace, ("GeographicalRegion",))
    assert regions == {"urn:cim-id:_default+region_GR"}
    sub = instances(store, info.namespace, ("SubGeographicalRegion",))
    region_of = ox.NamedNode(info.namespace + "SubGeographicalRegion.Region")
    assert {q.object.value for s in sub
            for q in store.quads_for_pattern(ox.NamedNode(s), region_of, None)} == regions


def test_the_same_odd_id_gives_the_same_iri_in_every_file(tmp_path: Path) -> None:
    head = ('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
            'syntax-ns#" xmlns:cim="http://iec.ch/TC57/CIM100#">\n')
    eq = tmp_path / "eq.xml"
    eq.write_text(head + '<cim:Substation rdf:ID="_Ünter 50%#1"/>\n'
                  '<cim:Substation rdf:about="urn:uuid:0A1B2C3D-0000-4000-8000-00000000000F"/>\n'
                  "</rdf:RDF>\n", encoding="utf-8")
    ssh = tmp_path / "ssh.xml"
    ssh.write_text(head + '<cim:VoltageLevel rdf:ID="_vl">\n'
                   '<cim:VoltageLevel.Substation rdf:resource="#_Ünter 50%#1"/>\n'
                   "</cim:VoltageLevel>\n"
                   '<cim:VoltageLevel rdf:about="#_vl2">\n'
                   '<cim:VoltageLevel.Substation rdf:resource='
                   '"#_0a1b2c3d-0000-4000-8000-00000000000f"/>\n'
                   "</cim:VoltageLevel>\n</rdf:RDF>\n", encoding="utf-8")
    store, _ = loaded([eq, ssh])
    substations = instances(store, CIM100, ("Substation",))
    assert substations == {"urn:cim-id:_%C3%9Cnter%2050%25%231",
                           "urn:uuid:0a1b2c3d-0000-4000-8000-00000000000f"}
    targets = {q.object.value for q in store.quads_for_pattern(
        None, ox.NamedNode(CIM100 + "VoltageLevel.Substation"), None)}
    assert targets == substations


def test_cimhub_ieee13_loads_as_pyoxigraph_reads_it() -> None:
    """The CIMHub feeder names objects with absolute urn:uuid IRIs, which pyoxigraph reads
    as they are; the loader gives the same triples, with the UUIDs in lower case."""
    require_shared()
    store, info = loaded([IEEE13])
    assert info.namespace == CIM100 and info.headers == ()

    def lower(term: object) -> str:
        text = str(term)
        return text.lower() if text.startswith("<urn:uuid:") else text

    reference = {(lower(t.subject), str(t.predicate), lower(t.object))
                 for t in ox.parse(path=str(IEEE13), format=ox.RdfFormat.RDF_XML)}
    assert triples(store) == reference
    assert len(reference) > 3000
