"""The explorer's files in the published site: linked from the home page, no inline script or
style (the site's pages carry a strict Content Security Policy), nothing fetched from another
origin, a JSON whose links all name files of the site and whose plane agrees with the
placements in the graph, and no Nu checker error."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sgam_onto.publish.site import ID


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text = ""
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text += data


def _tags(path: Path) -> _Tags:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def data(site: Path) -> dict:
    return json.loads((site / "explorer.json").read_text(encoding="utf-8"))


def test_the_home_page_links_the_explorer(site: Path) -> None:
    links = [a.get("href") for tag, a in _tags(site / "index.html").tags if tag == "a"]
    assert "explorer.html" in links


def test_the_page_has_no_inline_script_or_style_and_no_other_origin(site: Path) -> None:
    page = _tags(site / "explorer.html")
    assert page.script_text.strip() == ""
    assert not any(tag == "style" for tag, _ in page.tags)
    attributes = [(tag, name) for tag, a in page.tags for name in a]
    assert [x for x in attributes if x[1] == "style" or x[1].startswith("on")] == []
    scripts = [a["src"] for tag, a in page.tags if tag == "script"]
    sheets = [a["href"] for tag, a in page.tags if tag == "link" and a.get("rel") == "stylesheet"]
    assert scripts == ["explorer.js"]
    assert "explorer.css" in sheets
    for path in [*scripts, *sheets]:
        assert (site / path).is_file(), path
    code = (site / "explorer.js").read_text(encoding="utf-8")
    assert "http://" not in code and "https://" not in code  # fetches explorer.json only
    assert "innerHTML" not in code and "eval(" not in code


def test_every_link_of_the_data_names_a_file_of_the_site(site: Path, data: dict) -> None:
    hrefs = [entry[2] for entry in data["res"].values()]
    assert len(hrefs) > 200
    assert [h for h in hrefs if not (site / h).is_file()] == []


def test_the_cells_hold_the_actors_the_graph_places_there(data: dict) -> None:
    """Recomputed with rdflib from the placements, apart from the catalogue query."""
    from rdflib import Namespace
    from rdflib.namespace import RDF, RDFS

    from sgam_onto.landscape import load_landscape

    sgam = Namespace("https://w3id.org/sgam-onto#")
    graph = load_landscape().graph
    label = {str(c): str(graph.value(c, RDFS.label)) for c in graph.subjects(RDF.type, sgam.Zone)}
    label |= {str(c): str(graph.value(c, RDFS.label)) for c in graph.subjects(RDF.type,
                                                                              sgam.Domain)}
    expected: set[tuple[str, str, str]] = set()
    for cls in (sgam.Role, sgam.Component):
        for actor in graph.subjects(RDF.type, cls):
            placements = list(graph.subjects(sgam.placedActor, actor))
            for p in placements or [None]:
                domain = graph.value(p, sgam.domain) if p else None
                zone = graph.value(p, sgam.zone) if p else None
                expected.add((
                    str(actor)[len(ID):],
                    label[str(domain)] if domain else "domain not stated",
                    label[str(zone)] if zone else "zone not stated",
                ))
    got = {
        (k, data["domains"][d], data["zones"][z])
        for k, a in data["actors"].items()
        for d, z in a["cells"]
    }
    assert got == expected
    assert ("actor/cem", "Customer Premises", "Operation") in got


def test_the_page_has_no_nu_checker_error(site: Path) -> None:
    from tests.publish.test_nu_html import _errors

    assert _errors([site / "explorer.html"]) == {}
