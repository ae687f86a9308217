"""The one table of RDF formats: `publish` writes every resource in each of them, the pages
link them all, and the dumps use the same media types."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

from sgam_onto.publish.dataset import FORMATS as DUMP_FORMATS
from sgam_onto.publish.formats import RDF_FORMATS

RDFLIB = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt", "rdf": "xml"}


def _resources(site: Path) -> list[Path]:
    """Site paths (without extension) of every resource document."""
    pages = [*site.glob("id/*/*.html"), *site.glob("concept/*.html")]
    return sorted(p.with_suffix("") for p in pages if p.stem != "index")


def test_every_resource_has_a_document_in_every_format(site: Path) -> None:
    resources = _resources(site)
    assert len(resources) > 500
    missing = [
        f"{r.relative_to(site)}.{f.ext}"
        for r in resources
        for f in RDF_FORMATS
        if not r.with_name(f"{r.name}.{f.ext}").is_file()
    ]
    assert missing == []


def test_the_documents_of_a_resource_hold_the_same_graph(site: Path) -> None:
    kinds: dict[str, Path] = {}
    for r in _resources(site):
        kinds.setdefault(r.parent.name, r)  # one resource of each kind, and a concept
    for resource in kinds.values():
        graphs = [
            Graph().parse(resource.with_name(f"{resource.name}.{f.ext}"), format=RDFLIB[f.ext])
            for f in RDF_FORMATS
        ]
        assert len(graphs[0]) > 0
        for g in graphs[1:]:
            assert isomorphic(g, graphs[0]), resource


def test_pages_link_every_format(site: Path) -> None:
    page = (site / "id" / "body" / "iec-tc57-wg17.html").read_text(encoding="utf-8")
    for fmt in RDF_FORMATS:
        assert f'href="iec-tc57-wg17.{fmt.ext}"' in page
        assert f'type="{fmt.media_type}"' in page


def test_the_dumps_use_the_same_media_types() -> None:
    table = {f.ext: f.media_type for f in RDF_FORMATS}
    assert {ext: media for ext, (media, _) in DUMP_FORMATS.items()} == table
