"""The SGAM explorer page: static markup whose script (explorer.js) reads explorer.json and
draws the plane and the lists; no inline script or style, so a strict Content Security Policy
holds. The script and style sheet ship in the package, under `static/`."""

from __future__ import annotations

from importlib.resources import files

from sgam_onto.publish.html import page

ASSETS = ("explorer.js", "explorer.css")

BODY = """<link rel="stylesheet" href="explorer.css">
<h1>SGAM explorer</h1>
<p>The SGAM smart grid plane of the landscape: select a cell, an actor or an interaction to list
the interface contexts, standards and bodies behind it, the coordination items of those bodies
and the discrepancies that concern them. Every view is a link you can share; each entry links to
its page.</p>
<form id="search" class="search" role="search" action="explorer.html" method="get">
<label for="q">Search by designation, label or abbreviation</label>
<input id="q" name="q" type="search" placeholder="61850, TC 57 WG 17, CEM, V2G" autocomplete="off">
<button type="submit">Search</button>
</form>
<div class="explorer">
<section class="plane-area" aria-labelledby="plane-title">
<h2 id="plane-title">SGAM plane</h2>
<p class="muted">Domains left to right, zones from Market down to Process. Cells named
“not stated” hold actors whose placements give no domain or no zone.</p>
<div id="plane" class="plane-wrap" role="region" aria-label="SGAM plane" tabindex="0">
<p class="muted">Loading the plane…</p></div>
<h3 id="interactions-title">Numbered interactions</h3>
<ol id="interactions" class="interactions" aria-labelledby="interactions-title"></ol>
<h3 id="views-title">Bodies and standards</h3>
<div id="views" class="views"></div>
</section>
<section id="details" class="details" aria-labelledby="details-title">
<h2 id="details-title" tabindex="-1">Nothing selected</h2>
<div id="details-body"><p>Select a cell, an actor, an interaction, a body or a standard, or
search.</p></div>
</section>
</div>
<p id="status" class="visually-hidden" role="status" aria-live="polite"></p>
<noscript><p>The explorer needs JavaScript; the <a href="id/index.html">resource pages</a> and
the <a href="pictures.html">pictures</a> show the same facts without it.</p></noscript>
<script src="explorer.js"></script>"""


def asset(name: str) -> bytes:
    """A static file of the explorer, as shipped in the package."""
    return files("sgam_onto.publish").joinpath("static", name).read_bytes()


def explorer_page(version: str) -> bytes:
    return page(
        "explorer.html",
        "SGAM explorer",
        BODY,
        version,
        description="The SGAM plane of the IEC SRD 63268 landscape, to click through: actors, "
        "interactions, standards, bodies, coordination items and discrepancies.",
    )
