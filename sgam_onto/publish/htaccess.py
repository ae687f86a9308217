"""The Apache configuration that makes the static site answer like a linked-data server.

It follows the W3C "Best Practice Recipes for Publishing RDF Vocabularies" (recipe 3 for the
hash vocabulary, recipe 5 style for the slash instance IRIs): the vocabulary IRI and every
resource IRI answer 303 See Other towards the document in the format the client asks for,
HTML by default. Apache matches Accept by pattern and cannot weigh q-values; `sgam-onto serve`
negotiates with q-values and serves the same paths.
"""

from __future__ import annotations

# (Accept pattern, extension), in the order they are tried; HTML is the fallback.
RDF_TYPES = (
    (r"text/turtle", "ttl"),
    (r"application/x-turtle", "ttl"),
    (r"application/ld\+json", "jsonld"),
    (r"application/n-triples", "nt"),
    (r"application/rdf\+xml", "rdf"),
)
HTML_FIRST = r"(text/html|application/xhtml\+xml)"


def _negotiate(
    pattern: str, html_target: str, rdf_target: str, *, rdf_exts: tuple[str, ...]
) -> str:
    """Rules that redirect `pattern` to `rdf_target.EXT` for an RDF Accept, else HTML."""
    lines = []
    for accept, ext in RDF_TYPES:
        if ext not in rdf_exts:
            continue
        lines += [
            f"RewriteCond %{{HTTP_ACCEPT}} !^{HTML_FIRST}",
            f"RewriteCond %{{HTTP_ACCEPT}} {accept}",
            f"RewriteRule {pattern} {rdf_target}.{ext} [R=303,L]",
        ]
    lines.append(f"RewriteRule {pattern} {html_target} [R=303,L]")
    return "\n".join(lines)


def htaccess() -> bytes:
    """The .htaccess text (the same for every build)."""
    all_exts = ("ttl", "jsonld", "nt", "rdf")
    parts = [
        "# Linked-data configuration for the sgam-onto site (Apache 2.4, mod_rewrite,",
        "# mod_headers, mod_mime). https://w3id.org/sgam-onto/ is expected to redirect here.",
        "# If the site is not at the root of its host, set RewriteBase to its path.",
        "",
        "Options -MultiViews",
        "DirectoryIndex index.html",
        "",
        "AddType text/turtle .ttl",
        "AddType application/ld+json .jsonld",
        "AddType application/n-triples .nt",
        "AddType application/rdf+xml .rdf",
        "AddType application/sparql-query .rq",
        "AddType image/svg+xml .svg",
        "AddCharset UTF-8 .html .ttl .jsonld .nt .rdf .rq .svg .css",
        "",
        "<IfModule mod_headers.c>",
        "  Header merge Vary Accept",
        '  Header set Access-Control-Allow-Origin "*"',
        "</IfModule>",
        "",
        "RewriteEngine On",
        "# RewriteBase /",
        "",
        "# The ontology IRI https://w3id.org/sgam-onto (and its hash namespace): recipe 3.",
        _negotiate("^ontology$", "ontology.html", "ontology", rdf_exts=all_exts),
        "RewriteCond %{HTTP_ACCEPT} !^" + HTML_FIRST,
        "RewriteCond %{HTTP_ACCEPT} (text/turtle|application/ld\\+json|application/n-triples"
        "|application/rdf\\+xml)",
        "RewriteRule ^$ ontology [R=303,L]",
        "",
        "# Concepts of the hash namespace also have pages of their own.",
        _negotiate(
            "^concept/([A-Za-z0-9_-]+)$",
            "concept/$1.html",
            "concept/$1",
            rdf_exts=("ttl", "jsonld"),
        ),
        "",
        "# Instance resources https://w3id.org/sgam-onto/id/KIND/SLUG: 303 to a document.",
        _negotiate(
            "^id/([a-z0-9-]+)/([A-Za-z0-9_-]+)$",
            "id/$1/$2.html",
            "id/$1/$2",
            rdf_exts=("ttl", "jsonld"),
        ),
        "",
        "# The dataset description (VoID) at /void and /.well-known/void.",
        "RewriteRule ^(\\.well-known/)?void$ void.ttl [R=303,L]",
        "",
        "# Whole-dataset dumps without extension.",
        _negotiate("^data/sgam-onto$", "downloads.html", "data/sgam-onto", rdf_exts=all_exts),
        "",
    ]
    return ("\n".join(parts) + "\n").encode("utf-8")
