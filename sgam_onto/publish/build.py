"""Build the static site: every page and file is made in memory, written into a temporary
folder next to the target, and only then moved into place, so a failed build leaves no half
site. The output depends on the data and the package version only (no dates, sorted
everything), so two builds of the same version are byte-identical."""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from sgam_onto.errors import SgamError

MARKER = ".sgam-onto-site"
PICTURE_CAPTIONS = {
    "sgam-plane": "The SGAM smart grid plane: the actors of the numbered interactions placed "
    "by their placements, and the interactions between them (direct, indirect, EV).",
    "sgam-plane-all": "The SGAM smart grid plane with every actor of the landscape.",
    "coordination-network": "Bodies and groups joined by the coordination items of 4.2.3.",
    "table-1": "Table 1: the entities involved in each interface context.",
}


@dataclass(frozen=True)
class BuildInfo:
    """What a build produced: number of files, total bytes, seconds taken."""

    out: Path
    files: int
    bytes: int
    seconds: float


def build_files(landscape=None, lang: str = "en") -> dict[str, bytes]:
    """Every file of the site, by site path; pages name resources in `lang` where they can."""
    # Sibling modules by their full names: naming the package here would import it back.
    import sgam_onto.publish.dataset as dataset
    import sgam_onto.publish.home as home
    import sgam_onto.publish.htaccess as htaccess
    import sgam_onto.publish.html as html
    import sgam_onto.publish.ontodoc as ontodoc
    import sgam_onto.publish.pages as pages
    import sgam_onto.publish.void as void
    from sgam_onto import paths
    from sgam_onto.export.mappings import mapping_records, vocabulary_prefixes
    from sgam_onto.export.sssom import MAPPING_SET_PATH, render_sssom
    from sgam_onto.landscape import counts, load_landscape
    from sgam_onto.plot import render
    from sgam_onto.publish.dataset import FORMATS, Dump
    from sgam_onto.publish.explorer import explorer_files
    from sgam_onto.publish.explorer_page import asset
    from sgam_onto.publish.rdfio import used_prefixes
    from sgam_onto.publish.report_hook import report_fragment
    from sgam_onto.publish.site import ID, SiteMap, kind_of
    from sgam_onto.publish.versioning import check_version
    from sgam_onto.query.catalogue import Catalogue
    from sgam_onto.query.language import labels_in
    from sgam_onto.query.runner import run_stored
    from sgam_onto.rdf.convert import add_quads, store_from_graph
    from sgam_onto.rdf.parse import parse_file
    from sgam_onto.rdf.turtle import serialize_turtle

    land = landscape if landscape is not None else load_landscape()
    graph: Graph = land.graph
    version = land.version
    check_version(paths.ontology_dir() / "sgam.ttl", version)
    prefixes = dict(sorted(land.prefixes.items()))
    # Pages show the landscape with its alignment files; the dumps keep them apart.
    shown = Graph(bind_namespaces="none")
    for triple in graph:
        shown.add(triple)
    for path in paths.alignment_files():
        add_quads(shown, parse_file(path).quads)
    site = SiteMap(shown, core=graph, lang=lang)
    files: dict[str, bytes] = {}

    files["style.css"] = html.CSS.encode("utf-8")
    files["favicon.ico"] = asset("favicon.ico")
    files[".htaccess"] = htaccess.htaccess(version)
    files[MARKER] = f"sgam-onto site {version}\n".encode()

    # The ontology (schema + concept schemes) with its version stamped, as the landscape does.
    onto_dir = paths.ontology_dir()
    onto_files = [*paths.module_files(), *sorted((onto_dir / "schemes").glob("*.ttl"))]
    ontology = load_landscape(files=[f for f in onto_files if f.exists()], version=version)
    dumps: list[Dump] = []
    for ext, (media, label) in FORMATS.items():
        for stem, g, subset, what in (
            (dataset.DUMP_STEM, graph, "dataset", "the whole landscape"),
            (dataset.ONTOLOGY_STEM, ontology.graph, "ontology", "the ontology"),
        ):
            data = dataset.serialise(g, prefixes, ext)
            files[f"{stem}.{ext}"] = data
            dumps.append(Dump(f"{stem}.{ext}", media, f"{what}, {label}", len(data), subset))
    files["data/context.jsonld"] = dataset.jsonld_context(graph, prefixes)

    alignments: dict[str, Graph] = {}
    for path in paths.alignment_files():
        parsed = parse_file(path)
        g = Graph(bind_namespaces="none")
        add_quads(g, parsed.quads)
        name = path.stem
        alignments[name] = g
        merged = {**prefixes, **parsed.prefixes}
        data = serialize_turtle(g, used_prefixes(g, merged)).encode("utf-8")
        site_path = f"data/alignments/{name}.ttl"
        files[site_path] = data
        dumps.append(
            Dump(
                site_path, "text/turtle", f"alignment {name}, Turtle", len(data),
                f"alignment:{name}",
            )
        )

    # The mappings as SSSOM, at the path its mapping_set_id names.
    sssom = render_sssom(mapping_records(shown), vocabulary_prefixes(shown), version)
    files[MAPPING_SET_PATH] = sssom.encode("utf-8")

    # One page, and one data document per RDF format, for each resource.
    kinds: dict[str, list[str]] = {}
    for iri in [*site.instances, *sorted(site.concepts)]:
        stem = site.stem(iri)
        if stem is None:
            continue
        if stem.endswith("/index"):
            raise SgamError(f"{iri}: the slug 'index' is reserved for the listing of its kind")
        files.update(pages.resource_documents(shown, iri, stem, prefixes))
        files[f"{stem}.html"] = pages.resource_page(site, iri, version)
        if iri.startswith(ID):
            kinds.setdefault(kind_of(iri), []).append(iri)
    for kind, iris in sorted(kinds.items()):
        files[f"id/{kind}/index.html"] = pages.kind_index_page(site, kind, iris, version)
    files["id/index.html"] = pages.resources_index_page(site, kinds, sorted(site.concepts), version)
    files["ontology.html"] = ontodoc.ontology_page(site, version)

    captions = {}
    for name, caption in PICTURE_CAPTIONS.items():
        svg_path = f"pictures/{name}.svg"
        svg = render(name, land, lambda iri, p=svg_path: site.href(p, iri))
        files[svg_path] = svg.encode("utf-8")
        captions[name] = caption

    catalogue = Catalogue()
    queries = catalogue.queries()
    query_store = labels_in(store_from_graph(shown), lang)  # some need the alignments
    results = {}
    for q in queries:
        files[f"queries/{q.name}.rq"] = q.text.encode("utf-8")
        if q.header is not None and not any(p.required for p in q.header.params):
            results[q.name] = run_stored(query_store, q)
    files["queries.html"] = home.queries_page(site, queries, results, version)

    fragment = report_fragment(land, lang)
    files["report.html"] = home.report_page(fragment, version)
    files["pictures.html"] = home.pictures_page(captions, version)

    example = home.EXAMPLE if home.EXAMPLE in site.instances else (site.instances or [None])[0]
    published = void.Published(graph, ontology.graph, alignments, dumps, version, example)
    files["void.ttl"] = void.void_turtle(void.void_graph(published))
    extra = [
        ("void.ttl", "VoID and DCAT description of the dataset", len(files["void.ttl"])),
        (
            "data/context.jsonld",
            "JSON-LD context for the vocabulary",
            len(files["data/context.jsonld"]),
        ),
        (MAPPING_SET_PATH, "the alignments as an SSSOM mapping set", len(files[MAPPING_SET_PATH])),
    ]
    files["downloads.html"] = home.downloads_page(dumps, extra, version)
    files.update(explorer_files(land, site, version))
    files["index.html"] = home.index_page(
        site, version, counts(graph), captions, report_available=fragment is not None
    )
    return dict(sorted(files.items()))


def publish(out: str | Path, landscape=None, lang: str = "en") -> BuildInfo:
    """Build the site into `out`, replacing a site published there before."""
    from sgam_onto.io.swap import recover, replace_directory, sibling

    started = time.perf_counter()
    target = Path(out).resolve()
    recover(target)
    if target.exists() and (
        not target.is_dir() or (any(target.iterdir()) and not (target / MARKER).is_file())
    ):
        raise SgamError(
            f"{out}: exists and is not a site published by sgam-onto; choose an empty or new folder"
        )
    files = build_files(landscape, lang)
    staging = sibling(target, ".new")
    try:
        for rel, data in files.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        os.chmod(staging, 0o755)
        replace_directory(staging, target)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(staging)
        raise
    total = sum(len(d) for d in files.values())
    return BuildInfo(target, len(files), total, time.perf_counter() - started)
