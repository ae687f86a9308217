"""The SGAM explorer in a real headless Chromium, served by `sgam-onto serve`.

What the page lists for every kind of permalink is checked against the rows of the catalogue
queries, run here on the landscape (never against explorer.json); a cell is clicked with the
mouse, the keyboard alone selects one, search is typed, the back and forward buttons are used,
and axe-core finds no WCAG 2 A/AA violation.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser

from sgam_onto.publish.site import ID
from sgam_onto.query.api import run
from tests.browser.png import ink
from tests.browser.reader import Tab, open_tab
from tests.publish.site_fixture import published_site

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PARTY = ("party", "member of party group")
SECTIONS = """[...document.querySelectorAll('#details-body section.list')].map(s => [
  s.querySelector('h3').textContent.replace(/ \\(\\d+\\)$/, ''),
  [...s.querySelectorAll(':scope > ul > li')].map(li => li.dataset.key || li.textContent)])"""


def key(iri: str | None) -> str | None:
    return iri[len(ID):] if iri and iri.startswith(ID) else None


def keys(values) -> set[str]:
    return {k for k in map(key, values) if k}


@pytest.fixture(scope="module")
def landscape():
    from sgam_onto.landscape import load_landscape

    return load_landscape()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    with open_tab(browser) as t:
        yield t
        assert t.errors() == []


def shown(tab: Tab) -> dict[str, set[str]]:
    return {title: set(entries) for title, entries in tab.eval(SECTIONS)}


def query(tab: Tab) -> dict[str, list[str]]:
    return parse_qs(urlsplit(tab.eval("location.href")).query)


# Expectations, from the catalogue queries -------------------------------------------------


def _axes(land) -> tuple[dict[str, str], dict[str, str]]:
    domains, zones = {}, {}
    for r in run("plane-axes", land):
        (domains if r["axis"] == "domain" else zones)[r["label"]] = r["concept"]
    return domains, zones


def behind(land, interactions: set[str]) -> dict[str, set[str]]:
    rows = [r for i in sorted(interactions) for r in run("interaction-bodies-standards", land,
                                                        interaction=ID + i)]
    bodies = keys(r["entity"] for r in rows)
    items = keys(
        r["item"]
        for b in sorted(bodies)
        for r in run("coordination-by-body", land, body=ID + b)
        if r["role"] in PARTY
    )
    return {
        "Interface contexts": keys(r["context"] for r in rows),
        "Standards": keys(r["standard"] for r in rows),
        "Bodies": bodies,
        "Coordination items": items,
    }


def cell_expected(land, domain: str, zone: str) -> dict[str, set[str]]:
    domains, zones = _axes(land)
    actors = keys(
        r["actor"]
        for r in run("plane-placements", land)
        if r["domain"] == domains[domain] and r["zone"] == zones[zone]
    )
    interactions = keys(
        r["interaction"]
        for r in run("plane-interactions", land)
        if key(r["from"]) in actors or key(r["to"]) in actors
    )
    return {"Actors": actors, "Interactions": interactions, **behind(land, interactions)}


def discrepancies_about(land, concerned: set[str]) -> set[str]:
    rows = land.store.query(
        "PREFIX sgam: <https://w3id.org/sgam-onto#> "
        "SELECT ?d ?about WHERE { ?d a sgam:Discrepancy ; sgam:about ?about }"
    )
    return {key(r[0].value) for r in rows if key(r[1].value) in concerned}


def assert_lists(got: dict[str, set[str]], expected: dict[str, set[str]]) -> None:
    for title, want in expected.items():
        assert got.get(title) == want, title
        assert want or title in ("Standards",), f"{title}: an empty expectation proves nothing"


# Tests -----------------------------------------------------------------------------------


def test_clicking_a_cell_lists_its_actors_interactions_and_what_stands_behind(
    tab: Tab, base_url: str, landscape
) -> None:
    domains, zones = _axes(landscape)
    columns = [*domains, "domain not stated"]
    rows = [*reversed(zones), "zone not stated"]
    tab.open(base_url + "explorer.html")
    cell = f'td[data-cell="{columns.index("DER")},{rows.index("Operation")}"] a.cell'
    tab.page.click(cell)
    tab.wait("document.getElementById('details-title').textContent.includes('DER')")
    assert query(tab) == {"domain": ["DER"], "zone": ["Operation"]}
    got = shown(tab)
    expected = cell_expected(landscape, "DER", "Operation")
    assert_lists(got, expected)
    concerned = set().union(*expected.values())
    assert got["Discrepancies"] == discrepancies_about(landscape, concerned)
    status = tab.eval("document.getElementById('status').textContent")
    assert "DER × Operation" in status
    assert tab.eval("document.getElementById('status').getAttribute('aria-live')") == "polite"
    highlighted = tab.eval("[...document.querySelectorAll('td.hl')].map(t => t.dataset.cell)")
    assert highlighted == [cell.split('"')[1]]


def test_the_not_stated_cell_is_a_permalink_too(tab: Tab, base_url: str, landscape) -> None:
    tab.open(base_url + "explorer.html?domain=not%20stated&zone=Operation")
    _, zones = _axes(landscape)
    expected = keys(
        r["actor"]
        for r in run("plane-placements", landscape)
        if r["domain"] is None and r["zone"] == zones["Operation"]
    )
    assert expected
    assert shown(tab)["Actors"] == expected


@pytest.mark.parametrize("value", ["cem", "CEM", "customer energy manager"])
def test_actor_permalink_by_slug_or_label(tab: Tab, base_url: str, landscape, value) -> None:
    tab.open(base_url + "explorer.html?actor=" + value)
    got = shown(tab)
    assert got["Actors"] == {"actor/cem"}
    expected = keys(r["interaction"] for r in run("interactions-of-actor", landscape,
                                                  actor=ID + "actor/cem"))
    assert got["Interactions"] == expected
    assert_lists(got, behind(landscape, expected))
    assert tab.eval("[...document.querySelectorAll('#plane a.actor.hl')]"
                    ".every(a => a.dataset.key === 'actor/cem')")


def test_interaction_permalink(tab: Tab, base_url: str, landscape) -> None:
    tab.open(base_url + "explorer.html?interaction=6")
    got = shown(tab)
    assert got["Interactions"] == {"interaction/6"}
    ends = [r for r in run("plane-interactions", landscape) if r["number"] == 6]
    assert got["Actors"] == keys(e for r in ends for e in (r["from"], r["to"]))
    assert_lists(got, behind(landscape, {"interaction/6"}))
    text = tab.eval("document.getElementById('details-body').textContent")
    assert ends[0]["title"] in text
    assert ("↔" if ends[0]["directionality"] == "bidirectional" else "→") in text


@pytest.mark.parametrize("value", ["iec-tc57-wg17", "IEC TC 57 WG 17"])
def test_body_view_lists_its_marks_and_coordination_and_lights_its_interactions(
    tab: Tab, base_url: str, landscape, value: str
) -> None:
    body = ID + "body/iec-tc57-wg17"
    tab.open(base_url + "explorer.html?body=" + value)
    got = shown(tab)
    standards = keys(r["standard"] for r in run("standards-of-body", landscape, body=body))
    assert got["Standards it maintains"] == standards
    assert got["Table 1 marks"] == keys(
        r["context"] for r in run("contexts-of-body", landscape, body=body)
    )
    assert got["Coordination items"] == keys(
        r["item"] for r in run("coordination-by-body", landscape, body=body)
    )
    covered = keys(
        r["interaction"]
        for r in run("plane-interactions", landscape)
        if any(
            key(b["entity"]) == "body/iec-tc57-wg17" or key(b["standard"]) in standards
            for b in run("interaction-bodies-standards", landscape, interaction=r["interaction"])
        )
    )
    assert covered
    lit = tab.eval("[...document.querySelectorAll('#interactions li.hl')].map(l => l.dataset.key)")
    assert set(lit) == covered
    high = {
        key(r["item"])
        for r in run("coordination-by-body", landscape, body=body)
        if r["highImportance"]
    }
    marked = tab.eval("[...document.querySelectorAll('#details-body li.high')]"
                      ".map(l => l.dataset.key)")
    assert set(marked) == high


def test_standard_view(tab: Tab, base_url: str, landscape) -> None:
    tab.open(base_url + "explorer.html?standard=iec-61850")
    got = shown(tab)
    standard = ID + "standard/iec-61850"
    covered = keys(
        r["interaction"]
        for r in run("plane-interactions", landscape)
        if any(b["standard"] == standard for b in run(
            "interaction-bodies-standards", landscape, interaction=r["interaction"]))
    )
    assert covered and got["Interactions"] == covered
    maintainers = {
        key(r[0].value)
        for r in landscape.store.query(
            "PREFIX sgam: <https://w3id.org/sgam-onto#> "
            f"SELECT ?b WHERE {{ <{standard}> sgam:maintainedBy ?b }}"
        )
    }
    assert maintainers and got["Maintained by"] == maintainers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("61850", "standard/iec-61850"),
        ("TC 57 WG 17", "body/iec-tc57-wg17"),
        ("CEM", "actor/cem"),
        ("V2G", "term/v2g"),
    ],
)
def test_search_permalink(tab: Tab, base_url: str, landscape, text, expected) -> None:
    tab.open(base_url + "explorer.html?q=" + text)
    results = shown(tab)["Results"]
    assert expected in results
    if text == "CEM":  # the glossary term leads to the actor it names
        found = run("glossary-lookup", landscape, abbreviation=text)
        assert keys(r["denotes"] for r in found) <= results
    assert tab.eval("document.getElementById('q').value") == text


def test_typing_a_search_and_going_back_and_forward(
    browser: Browser, tab: Tab, base_url: str
) -> None:
    tab.open(base_url + "explorer.html?actor=cem")
    tab.page.click("#q")
    tab.page.keyboard.insert_text("61850")
    tab.page.keyboard.press("Enter")
    tab.wait("location.search === '?q=61850'")
    assert "standard/iec-61850" in shown(tab)["Results"]
    tab.page.click('#details-body a.sel[href="?standard=iec-61850"]')
    tab.wait("location.search === '?standard=iec-61850'")
    # The browser's own record of the tab's history (the DevTools protocol, through Playwright).
    history = tab.page.context.new_cdp_session(tab.page).send("Page.getNavigationHistory")
    entries, at = history["entries"], history["currentIndex"]
    assert [urlsplit(e["url"]).query for e in entries[at - 2:at + 1]] == [
        "actor=cem", "q=61850", "standard=iec-61850"]
    for move, title in ((tab.page.go_back, "Search: 61850"),
                        (tab.page.go_back, "Actor customer energy manager"),
                        (tab.page.go_forward, "Search: 61850"),
                        (tab.page.go_forward, "Standard IEC 61850 series")):
        move()
        tab.wait(f"document.getElementById('details-title').textContent === {json.dumps(title)}")
    assert "Maintained by" in shown(tab)


def test_the_keyboard_alone_selects_a_cell(tab: Tab, base_url: str) -> None:
    tab.open(base_url + "explorer.html")
    for _ in range(120):  # past the site's menu and the search, to a cell that holds actors
        tab.page.keyboard.press("Tab")
        if tab.eval("document.activeElement.classList.contains('cell') && "
                    "!document.activeElement.textContent.startsWith('0 ')"):
            break
    else:
        pytest.fail("no cell of the plane is reachable with Tab")
    href = tab.eval("document.activeElement.getAttribute('href')")
    tab.page.keyboard.press("Enter")
    tab.wait(f"location.search === {json.dumps(href)}")
    assert tab.eval("document.activeElement.id") == "details-title"
    assert tab.eval("document.getElementById('status').textContent").startswith("Cell ")
    tab.page.keyboard.press("Tab")  # on into the listing
    assert tab.eval("document.getElementById('details').contains(document.activeElement)")


def test_every_entry_links_to_a_page_of_the_site(tab: Tab, base_url: str) -> None:
    tab.open(base_url + "explorer.html?body=iec-tc57-wg17")
    hrefs = tab.eval("[...document.querySelectorAll('#details-body a:not([href^=\"?\"])')]"
                     ".map(a => a.getAttribute('href'))")
    site = published_site()
    assert len(hrefs) > 20
    assert [h for h in hrefs if not (site / h).is_file()] == []
    external = tab.eval("performance.getEntriesByType('resource').map(e => e.name)"
                       ".filter(u => !u.startsWith(location.origin))")
    assert external == []


def _axe(tab: Tab) -> list[dict]:
    if not AXE.is_file():
        message = "axe-core is not installed (run scripts/install-npm.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    tab.eval(AXE.read_text(encoding="utf-8"))
    result = tab.eval(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, "
        "nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})))"
    )
    return result


@pytest.mark.parametrize(
    ("width", "height", "mobile"), [(1280, 900, False), (390, 844, True)], ids=["desktop", "phone"]
)
def test_axe_finds_no_violation_at_levels_a_and_aa(
    browser: Browser, base_url: str, shots: Path, width: int, height: int, mobile: bool
) -> None:
    with open_tab(browser, width, height, mobile) as tab:
        tab.open(base_url + "explorer.html?body=iec-tc57-wg17")
        shot = tab.page.screenshot()  # the screenshot shows what the reader first sees
        (shots / f"explorer-{width}.png").write_bytes(shot)
        share, colours = ink(shot)
        assert share > 0.01 and colours > 3
        # a permalink on a phone opens on the listing, below the plane
        top = tab.eval("document.getElementById('details-title').getBoundingClientRect().top")
        assert 0 <= top < height
        wide = tab.eval("document.documentElement.scrollWidth")
        assert wide <= width + 1, "the page scrolls sideways (only the plane may)"
        assert _axe(tab) == []
        # the check can fail: an image without a text alternative is reported
        tab.eval("document.querySelector('main').append(document.createElement('img'))")
        assert "image-alt" in {v["id"] for v in _axe(tab)}


def test_the_drawn_page_has_no_nu_checker_error(tab: Tab, base_url: str, tmp_path: Path) -> None:
    from tests.publish.test_nu_html import _errors

    tab.open(base_url + "explorer.html?domain=DER&zone=Operation")
    drawn = tmp_path / "explorer-drawn.html"
    drawn.write_text("<!DOCTYPE html>\n" + tab.eval("document.documentElement.outerHTML"),
                     encoding="utf-8")
    assert _errors([drawn]) == {}
