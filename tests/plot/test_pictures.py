"""The pictures: well-formed SVG, the same bytes every time, and drawn from the data."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from sgam_onto.errors import SgamError
from sgam_onto.landscape import Landscape
from sgam_onto.plot import NAMES, render
from sgam_onto.plot.plane import KIND_STYLE, NOT_STATED_DOMAIN, NOT_STATED_ZONE
from sgam_onto.query.catalogue import Catalogue
from sgam_onto.query.runner import run_stored

SVG = "{http://www.w3.org/2000/svg}"
ACTOR = "https://w3id.org/sgam-onto/id/actor/"


def _tree(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


def _links(root: ET.Element) -> dict[str, ET.Element]:
    return {a.get("href"): a for a in root.iter(f"{SVG}a")}


@pytest.mark.parametrize("name", NAMES)
def test_picture_is_well_formed_and_deterministic(landscape: Landscape, name: str) -> None:
    first = render(name, landscape)
    assert first == render(name, landscape)
    root = _tree(first)
    assert root.tag == f"{SVG}svg"
    assert float(root.get("width")) > 300 and float(root.get("height")) > 300
    assert root.find(f"{SVG}title").text


def test_unknown_picture_is_an_error(landscape: Landscape) -> None:
    with pytest.raises(SgamError, match="unknown picture"):
        render("nope", landscape)


def test_cli_choices_match_the_pictures() -> None:
    from sgam_onto.commands import plot

    assert plot.NAMES == NAMES


def test_plane_links_every_interacting_actor_and_interaction(landscape: Landscape) -> None:
    rows = run_stored(landscape.store, Catalogue().load("plane-interactions")).as_dicts()
    root = _tree(render("sgam-plane", landscape))
    links = _links(root)
    actors = {r["from"].value for r in rows} | {r["to"].value for r in rows}
    assert actors <= set(links)
    assert {r["interaction"].value for r in rows} <= set(links)
    paths = [p for p in root.iter(f"{SVG}path") if "interaction" in (p.get("class") or "")]
    assert len(paths) == len(rows)  # one edge per (interaction, kind)
    numbers = sorted(
        int(t.text)
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "interaction-number"
        for t in g.iter(f"{SVG}text")
    )
    assert numbers == sorted(int(r["number"].value) for r in rows)


def test_plane_distinguishes_the_kinds_by_colour_and_dash(landscape: Landscape) -> None:
    root = _tree(render("sgam-plane", landscape))
    styles = {}
    for p in root.iter(f"{SVG}path"):
        cls = p.get("class") or ""
        match = re.search(r"kind-(\S+)", cls)
        if match:
            styles.setdefault(match.group(1), set()).add(
                (p.get("stroke"), p.get("stroke-dasharray"))
            )
    assert set(styles) == {"direct", "indirect", "additional-for-EV"}
    assert all(len(s) == 1 for s in styles.values())
    assert len({next(iter(s)) for s in styles.values()}) == 3
    assert len({c for c, _, _ in KIND_STYLE.values()}) == 3


def _actor_box(root: ET.Element, iri: str) -> tuple[float, float, float, float]:
    rect = _links(root)[iri].find(f"{SVG}g/{SVG}rect")
    return tuple(float(rect.get(k)) for k in ("x", "y", "width", "height"))  # type: ignore[return-value]


def _band(root: ET.Element, kind: str, label: str) -> tuple[float, float]:
    """(start, end) of a zone band (vertical) or domain column (horizontal)."""
    for rect in root.iter(f"{SVG}rect"):
        if rect.get(f"data-{kind}") == label:
            if kind == "zone":
                return float(rect.get("y")), float(rect.get("y")) + float(rect.get("height"))
            return float(rect.get("x")), float(rect.get("x")) + float(rect.get("width"))
    raise AssertionError(f"no {kind} band {label!r}")


def _inside(value: float, band: tuple[float, float]) -> bool:
    return band[0] < value < band[1]


def test_actors_sit_where_their_placements_say(landscape: Landscape) -> None:
    root = _tree(render("sgam-plane-all", landscape))
    # DMS: Distribution domain, Operation zone (both stated).
    x, y, w, h = _actor_box(root, ACTOR + "dms")
    assert _inside(x + w / 2, _band(root, "domain", "Distribution"))
    assert _inside(y + h / 2, _band(root, "zone", "Operation"))
    # The grid user: DER and Customer Premises domains, no zone -> spans both, default band.
    x, y, w, h = _actor_box(root, ACTOR + "grid-user")
    assert _inside(x + 1, _band(root, "domain", "DER"))
    assert _inside(x + w - 1, _band(root, "domain", "Customer Premises"))
    assert _inside(y + h / 2, _band(root, "zone", NOT_STATED_ZONE))
    # An actor without any placement: the default corner (no domain, no zone).
    x, y, w, h = _actor_box(root, ACTOR + "brp")
    assert _inside(x + w / 2, _band(root, "domain", NOT_STATED_DOMAIN))
    assert _inside(y + h / 2, _band(root, "zone", NOT_STATED_ZONE))
    # Market places: placed in the market zone only.
    x, y, w, h = _actor_box(root, ACTOR + "market-places")
    assert _inside(y + h / 2, _band(root, "zone", "Market"))


def test_plane_without_all_actors_leaves_out_those_without_interactions(
    landscape: Landscape,
) -> None:
    default = _links(_tree(render("sgam-plane", landscape)))
    everything = _links(_tree(render("sgam-plane-all", landscape)))
    assert ACTOR + "brp" not in default and ACTOR + "brp" in everything
    assert ACTOR + "grid-user" in default


def test_network_has_a_hub_per_item_and_marks_high_importance(landscape: Landscape) -> None:
    rows = run_stored(landscape.store, Catalogue().load("coordination-edges")).as_dicts()
    items = {r["item"].value: r["highImportance"].value == "true" for r in rows}
    root = _tree(render("coordination-network", landscape))
    hubs = [g for g in root.iter(f"{SVG}g") if (g.get("class") or "").startswith("item")]
    assert len(hubs) == len(items) == 26
    high = [g for g in hubs if "high-importance" in g.get("class")]
    assert len(high) == sum(items.values()) > 0
    links = _links(root)
    assert set(items) <= set(links)
    assert {r["entity"].value for r in rows} <= set(links)
    spokes = [ln for ln in root.iter(f"{SVG}line") if "spoke" in (ln.get("class") or "")]
    assert len(spokes) == len(rows)


def test_table1_marks_every_cell_the_query_marks(landscape: Landscape) -> None:
    result = run_stored(landscape.store, Catalogue().load("table-1"))
    cells = [t for row in result.rows for t in row[1:] if t is not None and t.value]
    root = _tree(render("table-1", landscape))
    marks = [g for g in root.iter(f"{SVG}g") if g.get("class") == "mark"]
    assert len(marks) == len(cells)
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "row"]
    assert labels == [row[0].value for row in result.rows]


def test_text_from_the_data_is_escaped() -> None:
    from sgam_onto.plot.svg import Svg

    svg = Svg(10, 10, "a <b> & c")
    svg.text(1, 2, "<script>x</script>")
    text = svg.render()
    assert "<script>" not in text and "&lt;script&gt;" in text
    _tree(text)
