"""One HTML page per resource: its facts with labels, what points to it, and where each fact
comes from (the `sgam:source` citations), plus an index page per kind of resource."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from sgam_onto.namespace import NS as SGAM
from sgam_onto.publish.formats import RDF_FORMATS
from sgam_onto.publish.html import esc, link, page, table
from sgam_onto.publish.site import BASE, ID, SiteMap, kind_of, relative
from sgam_onto.publish.terms import term_html

SOURCE = URIRef(SGAM + "source")
BASIS = URIRef(SGAM + "basis")
PART_OF = URIRef(SGAM + "partOfLocation")
IN_DOCUMENT = URIRef(SGAM + "inDocument")
DESCRIPTIONS = (DCTERMS.description, SKOS.definition)

KIND_TITLES = {
    "actor": "Actors",
    "body": "Standards bodies",
    "business-process": "Business processes",
    "context": "Interface contexts",
    "context-coordination": "Context coordination entries",
    "context-entry": "Context entries",
    "coordination": "Coordination items",
    "discrepancy": "Discrepancies",
    "document": "Documents",
    "group": "Body groups",
    "interaction": "Interactions",
    "involvement": "Table 1 involvements",
    "placement": "Placements on the SGAM plane",
    "reading": "Readings of discrepancies",
    "source": "Source locations",
    "standard": "Standards",
    "statement": "Interaction statements",
    "table-1-row": "Table 1 rows",
    "term": "Glossary terms",
    "use-case": "Use cases",
}


def kind_title(kind: str) -> str:
    return KIND_TITLES.get(kind, kind.replace("-", " ").capitalize())


def _predicate_order(site: SiteMap, p: Node) -> tuple:
    first = {RDF.type: 0, RDFS.label: 1}
    return (first.get(p, 2), site.label(p).casefold(), str(p))  # type: ignore[arg-type]


def _object_order(site: SiteMap, o: Node) -> tuple:
    if isinstance(o, Literal):
        return (1, str(o).casefold(), o.language or "", str(o.datatype or ""))
    if isinstance(o, URIRef):
        return (0, site.label(o).casefold(), str(o))
    return (2, "", "")


def facts_table(site: SiteMap, path: str, subject: Node) -> str:
    graph = site.graph
    by_predicate: dict[Node, list[Node]] = defaultdict(list)
    for p, o in graph.predicate_objects(subject):
        by_predicate[p].append(o)
    rows = []
    for p in sorted(by_predicate, key=lambda p: _predicate_order(site, p)):
        values = sorted(by_predicate[p], key=lambda o: _object_order(site, o))
        cells = "<br>".join(term_html(site, path, v) for v in values)
        rows.append([term_html(site, path, p), cells])
    return table(["Property", "Value"], rows) if rows else '<p class="muted">No facts.</p>\n'


def incoming_table(site: SiteMap, path: str, node: Node) -> str:
    graph = site.graph
    pairs = sorted(
        {(p, s) for s, p in graph.subject_predicates(node) if not isinstance(s, BNode)},
        key=lambda ps: (_predicate_order(site, ps[0]), _object_order(site, ps[1])),
    )
    if not pairs:
        return '<p class="muted">Nothing in the landscape points to this resource.</p>\n'
    rows = [[term_html(site, path, s), term_html(site, path, p)] for p, s in pairs]
    return table(["Resource", "links here through"], rows)


def provenance_html(site: SiteMap, path: str, node: Node) -> str:
    graph = site.graph
    sources = sorted(
        set(graph.objects(node, SOURCE)) | set(graph.objects(node, DCTERMS.source)),
        key=lambda o: _object_order(site, o),
    )
    items = []
    for src in sources:
        text = term_html(site, path, src)
        chain = []
        seen: set[Node] = {src}
        parent = graph.value(src, PART_OF)
        while parent is not None and parent not in seen:
            seen.add(parent)
            chain.append(term_html(site, path, parent))
            parent = graph.value(parent, PART_OF)
        doc = graph.value(src, IN_DOCUMENT)
        if doc is not None:
            chain.append(term_html(site, path, doc))
        if chain:
            text += ' <span class="muted">in ' + " › ".join(chain) + "</span>"
        items.append(f"<li>{text}</li>")
    basis = graph.value(node, BASIS)
    out = ""
    if items:
        out += "<ul>\n" + "\n".join(items) + "\n</ul>\n"
    else:
        out += '<p class="muted">No source is recorded for this resource.</p>\n'
    if basis is not None:
        out += f"<p>Basis: {term_html(site, path, basis)}</p>\n"
    return out


def deprecation_html(site: SiteMap, path: str, node: URIRef) -> str:
    """A notice at the top of a deprecated resource's page, linking to what replaces it."""
    flags = [o for o in site.graph.objects(node, OWL.deprecated) if isinstance(o, Literal)]
    if not any(flag.toPython() is True for flag in flags):
        return ""
    successors = sorted(site.graph.objects(node, DCTERMS.isReplacedBy),
                        key=lambda o: _object_order(site, o))
    by = ", ".join(term_html(site, path, s) for s in successors)
    tail = f" Use {by} instead." if by else " No replacement is recorded."
    return (f'<p class="deprecated" role="note"><strong>Deprecated.</strong> This resource is '
            f"kept so that its identifier still resolves.{tail}</p>\n")


def resource_page(site: SiteMap, iri: str, version: str) -> bytes:
    """The HTML page of a landscape resource (an /id/ IRI or a concept of the vocabulary)."""
    stem = site.stem(iri)
    assert stem is not None
    path = stem + ".html"
    node = URIRef(iri)
    graph = site.graph
    label = site.label(node)
    types = sorted(graph.objects(node, RDF.type), key=lambda o: _object_order(site, o))
    type_links = " ".join(term_html(site, path, t) for t in types)
    description = ""
    for prop in DESCRIPTIONS:
        found = sorted(str(d) for d in graph.objects(node, prop))
        if found:
            description = found[0]
            break
    name = stem.rsplit("/", 1)[-1]
    kind_index = ""
    if iri.startswith(ID):
        kind = kind_of(iri)
        kind_index = f" · {link(relative(path, f'id/{kind}/index.html'), kind_title(kind))}"
    body = (
        f"<h1>{esc(label)}</h1>\n"
        + deprecation_html(site, path, node)
        + f'<p class="iri">{esc(iri)}</p>\n'
        f'<p class="types">{type_links}{kind_index}</p>\n'
        + (f"<p>{esc(description)}</p>\n" if description else "")
        + '<p class="formats">This resource as data: '
        + "".join(link(f"{name}.{f.ext}", f.label) for f in RDF_FORMATS)
        + "</p>\n<h2>Facts</h2>\n"
        + facts_table(site, path, node)
        + "<h2>Referenced by</h2>\n"
        + incoming_table(site, path, node)
        + "<h2>Provenance</h2>\n"
        + provenance_html(site, path, node)
    )
    return page(
        path,
        label,
        body,
        version,
        description=description,
        alternates=tuple((f.media_type, f"{stem}.{f.ext}") for f in RDF_FORMATS),
    )


def resource_documents(
    graph: Graph, iri: str, stem: str, prefixes: Mapping[str, str]
) -> dict[str, bytes]:
    """The data documents of one resource (site path -> bytes), one per format of the shared
    table, so that every format `serve` and the .htaccess negotiate exists for it."""
    from sgam_onto.publish.dataset import serialise
    from sgam_onto.publish.rdfio import describe

    sub = describe(graph, URIRef(iri))
    return {f"{stem}.{f.ext}": serialise(sub, prefixes, f.ext) for f in RDF_FORMATS}


def kind_index_page(site: SiteMap, kind: str, iris: list[str], version: str) -> bytes:
    path = f"id/{kind}/index.html"
    ordered = sorted(iris, key=lambda i: (site.label(URIRef(i)).casefold(), i))
    rows = []
    for iri in ordered:
        node = URIRef(iri)
        types = sorted(
            site.label(t) for t in site.graph.objects(node, RDF.type) if isinstance(t, URIRef)
        )
        rows.append(
            [
                link(site.href(path, iri), site.label(node)),
                f"<code>{esc(iri[len(BASE) :])}</code>",
                esc(", ".join(types)),
            ]
        )
    body = (
        f"<h1>{esc(kind_title(kind))}</h1>\n"
        f"<p>{len(ordered)} resources with IRIs under <code>{esc(ID + kind)}/</code>.</p>\n"
        + table(["Label", "IRI path", "Type"], rows)
    )
    return page(path, kind_title(kind), body, version)


def resources_index_page(
    site: SiteMap, kinds: dict[str, list[str]], concepts: list[str], version: str
) -> bytes:
    path = "id/index.html"
    rows = [
        [
            link(f"{kind}/index.html", kind_title(kind)),
            f"<code>id/{esc(kind)}/</code>",
            str(len(kinds[kind])),
        ]
        for kind in sorted(kinds)
    ]
    concept_rows = [
        [
            link(site.href(path, c), site.label(URIRef(c))),
            esc(
                ", ".join(
                    sorted(
                        site.label(t)
                        for t in site.graph.objects(URIRef(c), RDF.type)
                        if isinstance(t, URIRef)
                    )
                )
            ),
        ]
        for c in sorted(concepts, key=lambda c: (site.label(URIRef(c)).casefold(), c))
    ]
    body = (
        "<h1>Resources</h1>\n<p>Every resource of the landscape has its own page, Turtle and "
        "JSON-LD document. Instance IRIs have the form "
        f"<code>{esc(ID)}&lt;kind&gt;/&lt;slug&gt;</code>.</p>\n"
        + table(["Kind", "IRI path", "Resources"], rows)
        + "<h2>Concepts of the vocabulary</h2>\n<p>SGAM domains, zones, layers, subdomains "
        "and the controlled lists, in the ontology's hash namespace.</p>\n"
        + table(["Concept", "Type"], concept_rows)
    )
    return page(path, "Resources", body, version)
