"""Pictures of the landscape, drawn as SVG from catalogue queries (never by hand).

    >>> from sgam_onto.plot import render, NAMES
    >>> svg = render("sgam-plane", landscape)

`link` maps a resource IRI to the href used for it in the picture (the IRI itself by default;
the published site passes relative paths to its pages).
"""

from __future__ import annotations

from collections.abc import Callable

from sgam_onto.errors import SgamError
from sgam_onto.query.api import HasStore

Link = Callable[[str], str]

DESCRIPTIONS = {
    "sgam-plane": "the SGAM plane with the actors of the numbered interactions and the "
    "interactions between them (Figures 7 to 9)",
    "sgam-plane-all": "the SGAM plane with every actor placed, interacting or not",
    "coordination-network": "bodies and groups joined by the coordination items of 4.2.3",
    "table-1": "Table 1 as an entity × interface-context matrix",
}
NAMES = tuple(DESCRIPTIONS)


def render(name: str, landscape: HasStore, link: Link | None = None) -> str:
    """The picture `name` as SVG text."""
    if name == "sgam-plane":
        from sgam_onto.plot.plane import render_plane

        return render_plane(landscape, link)
    if name == "sgam-plane-all":
        from sgam_onto.plot.plane import render_plane

        return render_plane(landscape, link, all_actors=True)
    if name == "coordination-network":
        from sgam_onto.plot.network import render_network

        return render_network(landscape, link)
    if name == "table-1":
        from sgam_onto.plot.table1 import render_table1

        return render_table1(landscape, link)
    raise SgamError(f"unknown picture {name!r}; expected one of: {', '.join(NAMES)}")


__all__ = ["DESCRIPTIONS", "NAMES", "render"]
