"""The site's own pages: the landing page, downloads, pictures, the query catalogue and the
landscape report."""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS

from sgam_onto.publish.dataset import FORMATS, Dump
from sgam_onto.publish.formats import RDF_FORMATS
from sgam_onto.publish.html import esc, link, page, table
from sgam_onto.publish.site import BASE, ID, ONTOLOGY, SiteMap

EXAMPLE = ID + "body/iec-tc57-wg17"


def index_page(
    site: SiteMap,
    version: str,
    counts: Mapping[str, int],
    pictures: Mapping[str, str],
    report_available: bool,
) -> bytes:
    graph = site.graph
    onto = URIRef(ONTOLOGY)
    title = str(graph.value(onto, DCTERMS.title) or "sgam-onto")
    description = str(graph.value(onto, DCTERMS.description) or "")
    citation = str(graph.value(onto, DCTERMS.bibliographicCitation) or "")
    rows = [[esc(name), str(n)] for name, n in counts.items() if n]
    rdf_formats = ", ".join(esc(f.label) for f in RDF_FORMATS)
    example = site.href("index.html", EXAMPLE) if EXAMPLE in site.instances else "id/index.html"
    body = f"""<h1>{esc(title)}</h1>
<p>{esc(description)}</p>
<p>Version {esc(version)} · ontology IRI <code>{esc(ONTOLOGY)}</code> · version IRI
<code>{esc(ONTOLOGY)}/{esc(version)}</code></p>
<p class="explore">{link("explorer.html", "Explore the SGAM plane")}: select a cell, an actor,
an interaction, a body or a standard and see the standards, bodies, coordination items and
discrepancies behind it; every view is a link.</p>
<figure>{link("pictures.html", "Pictures")}:
<a href="pictures/sgam-plane.svg"><img src="pictures/sgam-plane.svg"
 alt="The SGAM smart grid plane with the actors and the numbered interactions between them"></a>
<figcaption>{esc(pictures.get("sgam-plane", ""))}</figcaption></figure>
<h2>What is in it</h2>
<p>The landscape is described in the {link("ontology.html", "ontology")}; every resource has
its own {link("id/index.html", "page")} with its facts, what points to it, and the place of the
SRD each fact comes from.</p>
{table(["Kind of resource", "Count"], rows)}
<h2>How to cite</h2>
<pre>{esc(citation)}
Version {esc(version)}, {esc(ONTOLOGY)}/{esc(version)}</pre>
<pre>@misc{{sgam-onto,
  title  = {{{esc(title)}}},
  author = {{{{sgam-onto contributors}}}},
  note   = {{Version {esc(version)}}},
  url    = {{{esc(ONTOLOGY)}}}
}}</pre>
<h2>Downloads</h2>
<p>The whole landscape as {link("data/sgam-onto.ttl", "Turtle")},
{link("data/sgam-onto.nt", "N-Triples")}, {link("data/sgam-onto.jsonld", "JSON-LD")} and
{link("data/sgam-onto.rdf", "RDF/XML")}; the ontology alone as
{link("ontology.ttl", "Turtle")}; a {link("data/context.jsonld", "JSON-LD context")}; the
dataset description in {link("void.ttl", "VoID and DCAT")}. All files:
{link("downloads.html", "downloads")}.</p>
<h2>How to query it</h2>
<p>The {link("queries.html", "query catalogue")} lists the stored SPARQL queries with their
results. With the <code>sgam-onto</code> command line:</p>
<pre>sgam-onto query --list
sgam-onto query table-1 --format csv
sgam-onto serve --port 8080       # this site plus a SPARQL endpoint at /sparql</pre>
<p>The endpoint speaks the SPARQL 1.1 Protocol (read-only):</p>
<pre>curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE {{ ?s ?p ?o }} LIMIT 5' \\
     http://127.0.0.1:8080/sparql</pre>
<h2>Dereferencing</h2>
<p>Resource IRIs such as <code>{esc(EXAMPLE)}</code> answer <code>303 See Other</code> towards
a document: HTML for browsers ({link(example, "this page")}), or {rdf_formats} by the
<code>Accept</code> header (q-values honoured). The vocabulary
<code>{esc(BASE[:-1])}#</code> resolves to the {link("ontology.html", "ontology documentation")}.
The site's <code>.htaccess</code> file carries the same rules for Apache; the SPARQL
endpoint exists only under <code>sgam-onto serve</code>.</p>
<p>{link("report.html", "The landscape report") if report_available else ""}</p>
"""
    return page(
        "index.html",
        title,
        body,
        version,
        description=description,
        alternates=(("text/turtle", "ontology.ttl"),),
    )


def downloads_page(dumps: list[Dump], extra: list[tuple[str, str, int]], version: str) -> bytes:
    rows = [
        [link(d.path, d.path), esc(d.label), f"<code>{esc(d.media_type)}</code>", str(d.size)]
        for d in dumps
    ] + [[link(path, path), esc(label), "", str(size)] for path, label, size in extra]
    body = (
        "<h1>Downloads</h1>\n<p>Each file is also described, with its size and media type, in "
        + link("void.ttl", "the VoID/DCAT description")
        + ".</p>\n"
        + table(["File", "Content", "Media type", "Bytes"], rows)
        + "<p>Formats: "
        + ", ".join(f"{esc(label)} (.{esc(ext)})" for ext, (_, label) in FORMATS.items())
        + ".</p>\n"
    )
    return page("downloads.html", "Downloads", body, version)


def pictures_page(pictures: Mapping[str, str], version: str) -> bytes:
    parts = [
        "<h1>Pictures</h1>\n<p>Drawn from the catalogue queries each time the site is "
        "built; select a picture to open it alone, where its boxes link to the "
        "resources.</p>\n"
    ]
    for name, caption in pictures.items():
        parts.append(
            f'<h2 id="{esc(name)}">{esc(name)}</h2>\n<figure><a href="pictures/{esc(name)}.svg">'
            f'<img src="pictures/{esc(name)}.svg" alt="{esc(caption)}"></a>'
            f"<figcaption>{esc(caption)}</figcaption></figure>\n"
        )
    return page("pictures.html", "Pictures", "".join(parts), version)


def term_cell(
    site: SiteMap, path: str, term: ox.NamedNode | ox.Literal | ox.BlankNode | None
) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return link(site.href(path, term.value), site.label(URIRef(term.value)))
    return esc(term.value)


def queries_page(
    site: SiteMap, queries: list, results: Mapping[str, object], version: str, limit: int = 60
) -> bytes:
    """The catalogue: each query's header, text and (when it takes no required parameter)
    its results on this version of the landscape."""
    path = "queries.html"
    toc = ", ".join(link(f"#{q.name}", q.name) for q in queries)
    parts = [
        "<h1>Query catalogue</h1>\n<p>Stored SPARQL queries shipped with sgam-onto. Run one "
        "with <code>sgam-onto query NAME</code>, or against the endpoint of "
        "<code>sgam-onto serve</code>.</p>\n",
        f"<p>{toc}</p>\n",
    ]
    for q in queries:
        h = q.header
        params = "".join(f"<li><code>{esc(p.describe())}</code></li>" for p in h.params)
        parts.append(
            f'<section class="term" id="{esc(q.name)}">\n<h2>{esc(q.name)}</h2>\n'
            f"<p><b>{esc(h.summary)}</b></p>\n<p>{esc(h.description)}</p>\n"
            f"<p>SRD source: {esc(h.source)} · {link(f'queries/{q.name}.rq', 'query file')}</p>\n"
            + (f"<p>Parameters:</p><ul>{params}</ul>\n" if params else "")
            + f"<pre>{esc(q.text)}</pre>\n"
        )
        result = results.get(q.name)
        if result is not None:
            shown = result.rows[:limit]
            rows = [[term_cell(site, path, t) for t in row] for row in shown]
            note = (
                f'<p class="muted">First {limit} of {len(result.rows)} rows.</p>\n'
                if len(result.rows) > limit
                else f'<p class="muted">{len(result.rows)} rows.</p>\n'
            )
            parts.append(table(list(result.variables), rows) + note)
        parts.append("</section>\n")
    return page(path, "Query catalogue", "".join(parts), version)


def report_page(fragment: str, version: str) -> bytes:
    return page("report.html", "Landscape report", fragment, version)
