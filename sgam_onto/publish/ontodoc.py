"""The ontology's documentation page, written by the project itself.

pyLODE was the first choice, but the only release installable on Python 3.11 (3.4.1) fails at
import (it reads its own pyproject.toml, which the wheel does not ship) and newer releases need
Python 3.12. This generator writes one section per class, property and concept, with label,
definition, domain and range, super- and sub-terms, and the SRD source.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from sgam_onto.namespace import ONTOLOGY_IRI
from sgam_onto.publish.html import esc, link, page
from sgam_onto.publish.pages import facts_table
from sgam_onto.publish.site import ONTOLOGY, VOCAB, SiteMap, local_name
from sgam_onto.publish.terms import term_html

PATH = "ontology.html"
SGAM_ORDER = URIRef(VOCAB + "order")
SGAM_SOURCE = URIRef(VOCAB + "source")
CHARACTERISTICS = (
    OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty,
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
    OWL.AsymmetricProperty,
    OWL.ReflexiveProperty,
    OWL.IrreflexiveProperty,
)
SHOWN = {
    RDF.type,
    RDFS.label,
    SKOS.definition,
    RDFS.subClassOf,
    OWL.equivalentClass,
    RDFS.domain,
    RDFS.range,
    RDFS.subPropertyOf,
    OWL.inverseOf,
    SGAM_SOURCE,
    SKOS.prefLabel,
    SGAM_ORDER,
    SKOS.inScheme,
    SKOS.topConceptOf,
}


def _terms(site: SiteMap, kinds: tuple[URIRef, ...]) -> list[URIRef]:
    graph = site.graph
    found = {
        s
        for k in kinds
        for s in graph.subjects(RDF.type, k)
        if isinstance(s, URIRef) and str(s).startswith(VOCAB)
    }
    return sorted(found, key=lambda t: (site.label(t).casefold(), str(t)))


def _values(site: SiteMap, nodes: list[Node]) -> str:
    return ", ".join(term_html(site, PATH, n) for n in nodes)


def _sorted(site: SiteMap, nodes) -> list[Node]:
    return sorted(
        set(nodes),
        key=lambda n: (site.label(n).casefold() if isinstance(n, URIRef) else "~", str(n)),
    )


def _row(name: str, value: str) -> str:
    return f"<tr><th>{esc(name)}</th><td>{value}</td></tr>\n" if value else ""


def _section(site: SiteMap, term: URIRef, kind: str) -> str:
    graph: Graph = site.graph
    local = local_name(str(term))
    definition = " ".join(sorted(str(d) for d in graph.objects(term, SKOS.definition)))
    rows = ""
    if kind == "class":
        rows += _row(
            "subclass of", _values(site, _sorted(site, graph.objects(term, RDFS.subClassOf)))
        )
        rows += _row(
            "equivalent to", _values(site, _sorted(site, graph.objects(term, OWL.equivalentClass)))
        )
        rows += _row(
            "subclasses", _values(site, _sorted(site, graph.subjects(RDFS.subClassOf, term)))
        )
        rows += _row("domain of", _values(site, _sorted(site, graph.subjects(RDFS.domain, term))))
        rows += _row("range of", _values(site, _sorted(site, graph.subjects(RDFS.range, term))))
        count = len(set(graph.subjects(RDF.type, term)))
        rows += _row("asserted instances", str(count) if count else "")
    else:
        traits = [site.label(c) for c in CHARACTERISTICS if (term, RDF.type, c) in graph]
        rows += _row("characteristics", esc(", ".join(traits)))
        rows += _row("domain", _values(site, _sorted(site, graph.objects(term, RDFS.domain))))
        rows += _row("range", _values(site, _sorted(site, graph.objects(term, RDFS.range))))
        rows += _row(
            "sub-property of", _values(site, _sorted(site, graph.objects(term, RDFS.subPropertyOf)))
        )
        rows += _row(
            "sub-properties", _values(site, _sorted(site, graph.subjects(RDFS.subPropertyOf, term)))
        )
        rows += _row("inverse of", _values(site, _sorted(site, graph.objects(term, OWL.inverseOf))))
    rows += _row("source", _values(site, _sorted(site, graph.objects(term, SGAM_SOURCE))))
    for p, o in sorted(graph.predicate_objects(term), key=lambda po: (str(po[0]), str(po[1]))):
        if p not in SHOWN:
            rows += _row(site.label(p), term_html(site, PATH, o))
    return (
        f'<section class="term" id="{esc(local)}">\n<h3>{esc(site.label(term))}</h3>\n'
        f'<p class="iri">{esc(str(term))}</p>\n'
        + (f"<p>{esc(definition)}</p>\n" if definition else "")
        + (f"<table>\n{rows}</table>\n" if rows else "")
        + "</section>\n"
    )


def _schemes(site: SiteMap) -> str:
    graph = site.graph
    out = []
    schemes = sorted(
        (s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if str(s).startswith(VOCAB)),
        key=lambda s: (site.label(s).casefold(), str(s)),
    )
    for scheme in schemes:
        local = local_name(str(scheme))
        concepts = sorted(
            set(graph.subjects(SKOS.inScheme, scheme)),
            key=lambda c: (int(graph.value(c, SGAM_ORDER) or 0), site.label(c).casefold(), str(c)),
        )
        definition = " ".join(sorted(str(d) for d in graph.objects(scheme, SKOS.definition)))
        items = []
        for c in concepts:
            c_local = local_name(str(c))
            c_def = " ".join(sorted(str(d) for d in graph.objects(c, SKOS.definition)))
            items.append(
                f'<li id="{esc(c_local)}">{link(site.href(PATH, str(c)), site.label(c))}'
                + (f" — {esc(c_def)}" if c_def else "")
                + "</li>"
            )
        out.append(
            f'<section class="term" id="{esc(local)}">\n<h3>'
            f"{link(site.href(PATH, str(scheme)), site.label(scheme))}</h3>\n"
            f'<p class="iri">{esc(str(scheme))}</p>\n'
            + (f"<p>{esc(definition)}</p>\n" if definition else "")
            + "<ol>\n"
            + "\n".join(items)
            + "\n</ol>\n</section>\n"
        )
    return "".join(out)


def ontology_page(site: SiteMap, version: str) -> bytes:
    """ontology.html: header metadata, then classes, properties and concept schemes."""
    graph = site.graph
    onto = URIRef(ONTOLOGY)
    classes = _terms(site, (OWL.Class,))
    object_props = _terms(site, (OWL.ObjectProperty,))
    data_props = [p for p in _terms(site, (OWL.DatatypeProperty,)) if p not in object_props]
    annotation_props = [
        p
        for p in _terms(site, (OWL.AnnotationProperty,))
        if p not in object_props and p not in data_props
    ]
    external = sorted(
        {
            s
            for s in site.core.subjects(RDF.type, None)
            if isinstance(s, URIRef)
            and not str(s).startswith(ONTOLOGY_IRI)
            and set(site.core.objects(s, RDF.type))
            & {OWL.Class, OWL.ObjectProperty, OWL.AnnotationProperty, OWL.DatatypeProperty}
        },
        key=str,
    )
    title = str(graph.value(onto, URIRef("http://purl.org/dc/terms/title")) or "sgam-onto")

    def toc(name: str, anchor: str, terms: list[URIRef]) -> str:
        links = ", ".join(link(f"#{local_name(str(t))}", site.label(t)) for t in terms)
        return f'<p><a href="#{anchor}"><b>{esc(name)}</b></a> ({len(terms)}): {links}</p>\n'

    sections = [
        ("Classes", "classes", classes, "class"),
        ("Object properties", "object-properties", object_props, "property"),
        ("Datatype properties", "datatype-properties", data_props, "property"),
        ("Annotation properties", "annotation-properties", annotation_props, "property"),
    ]
    body = [
        f"<h1>{esc(title)}</h1>\n",
        f'<p class="iri">Ontology IRI {esc(ONTOLOGY)} · version IRI '
        f"{esc(ONTOLOGY)}/{esc(version)} · namespace <code>{esc(VOCAB)}</code> "
        "(prefix <code>sgam:</code>)</p>\n",
        '<p class="formats">The ontology and its concept schemes as data: '
        + link("ontology.ttl", "Turtle")
        + link("ontology.jsonld", "JSON-LD")
        + link("ontology.nt", "N-Triples")
        + link("ontology.rdf", "RDF/XML")
        + "</p>\n",
        "<h2>Metadata</h2>\n",
        facts_table(site, PATH, onto),
        "<h2>Contents</h2>\n",
        *[toc(name, anchor, terms) for name, anchor, terms, _ in sections],
        '<p><a href="#concept-schemes"><b>Concept schemes</b></a>: the SGAM plane and the '
        "controlled lists.</p>\n",
    ]
    for name, anchor, terms, kind in sections:
        body.append(f'<h2 id="{anchor}">{esc(name)}</h2>\n')
        body.extend(_section(site, t, kind) for t in terms)
    body.append('<h2 id="concept-schemes">Concept schemes</h2>\n')
    body.append(_schemes(site))
    body.append(
        '<h2 id="external-terms">External terms used</h2>\n<p>Reused, not redefined:</p>\n<ul>\n'
    )
    body.extend(f"<li>{link(str(t), str(t))}</li>\n" for t in external)
    body.append("</ul>\n")
    return page(
        PATH,
        "Ontology",
        "".join(body),
        version,
        description="Classes, properties and concept schemes of the sgam-onto ontology.",
        alternates=(("text/turtle", "ontology.ttl"), ("application/ld+json", "ontology.jsonld")),
    )
