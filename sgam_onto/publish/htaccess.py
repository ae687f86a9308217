"""The Apache configuration that makes the static site answer like a linked-data server.

It follows the W3C "Best Practice Recipes for Publishing RDF Vocabularies" (recipe 3 for the
hash vocabulary, recipe 5 style for the slash instance IRIs): the vocabulary IRI, its version
IRI and every resource IRI answer 303 See Other towards the document in the format the client
asks for, HTML by default. The formats come from the one table that `publish` and `serve` use.

Apache's mod_rewrite matches text, it does not weigh q-values; the rules below make it weigh
them as far as regular expressions can:

- each format's q is read from the Accept header into a bucket (absent or 1; 0.1 to 0.9 by
  the first decimal; 0.001 to 0.099; q=0 excludes), by the format's own media types if the
  client names one, else by `text/*` or `application/*`, else by `*/*` (the more specific
  range wins);
- the format with the highest bucket wins; HTML wins ties, then the table's order decides.

What Apache cannot do here: tell apart q-values within one bucket (0.55 and 0.5 tie); weigh a
type named twice (the first entry counts); answer 406 (a client that accepts nothing we have
gets HTML). `sgam-onto serve` negotiates exactly. The static site has no SPARQL endpoint:
/sparql exists only under `sgam-onto serve`, and no rule here pretends otherwise.
"""

from __future__ import annotations

import re

from sgam_onto.publish.formats import HTML, RDF_FORMATS
from sgam_onto.publish.policy import CORS_REQUEST_HEADERS, CSP

# Order of the buckets, lowest first: "0" is 0.001-0.099, "1".."9" are 0.1-0.9, "a" is 1.
BUCKETS = "0123456789a"
NONQ = r"(?:;(?!\s*q=)[^,;]*)*"  # media-type parameters other than q
Q_ONE = r"(?:;\s*q=1(?:\.0{0,3})?\s*(?:;[^,]*)?)?"  # no q, or q=1


def _start(types: tuple[str, ...]) -> str:
    alternatives = "|".join(re.escape(t) for t in types)
    return rf"(?:^|,)\s*(?:{alternatives})\s*"


def _things() -> dict[str, tuple[str, ...]]:
    """What a bucket is read for: HTML, each RDF format (by all its media types), wildcards."""
    things = {"HTML": (HTML,)}
    things |= {f.ext.upper(): f.media_types for f in RDF_FORMATS}
    things |= {"TEXT": ("text/*",), "APPLICATION": ("application/*",), "ANY": ("*/*",)}
    return things


def _buckets(name: str, types: tuple[str, ...]) -> list[str]:
    """Rules that set Q_<name> to the bucket of `types` and N_<name> when they are named."""
    start = _start(types)
    unset = f"RewriteCond %{{ENV:Q_{name}}} ^$"
    rule = "RewriteRule ^ - [E=Q_{0}:{1}]"
    return [
        f"RewriteCond %{{HTTP_ACCEPT}} {start}(?:;|,|$) [NC]",
        f"RewriteRule ^ - [E=N_{name}:1]",
        f"RewriteCond %{{HTTP_ACCEPT}} {start}{NONQ}{Q_ONE}(?:,|$) [NC]",
        rule.format(name, "a"),
        unset,
        f"RewriteCond %{{HTTP_ACCEPT}} {start}{NONQ};\\s*q=0\\.([1-9]) [NC]",
        rule.format(name, "%1"),
        unset,
        f"RewriteCond %{{HTTP_ACCEPT}} {start}{NONQ};\\s*q=0\\.0(?:0?[1-9]) [NC]",
        rule.format(name, "0"),
    ]


def _effective(name: str, major: str) -> list[str]:
    """E_<name>: the bucket of its own types if named, else of `major`/*, else of */*."""
    return [
        f"RewriteCond %{{ENV:N_{name}}} =1",
        f"RewriteCond %{{ENV:Q_{name}}} ^(.*)$",
        f"RewriteRule ^ - [E=E_{name}:%1]",
        f"RewriteCond %{{ENV:N_{name}}} !=1",
        f"RewriteCond %{{ENV:N_{major}}} =1",
        f"RewriteCond %{{ENV:Q_{major}}} ^(.*)$",
        f"RewriteRule ^ - [E=E_{name}:%1]",
        f"RewriteCond %{{ENV:N_{name}}} !=1",
        f"RewriteCond %{{ENV:N_{major}}} !=1",
        "RewriteCond %{ENV:Q_ANY} ^(.*)$",
        f"RewriteRule ^ - [E=E_{name}:%1]",
    ]


def _compare(strict: bool) -> str:
    """A regex over "LEFT/RIGHT" (two buckets, empty = excluded) true when RIGHT beats LEFT
    (`strict`) or at least equals it; an excluded RIGHT never beats anything."""
    parts = []
    for i, left in enumerate(["", *BUCKETS]):
        higher = BUCKETS[i if strict else max(i - 1, 0) :]
        if not higher:
            continue
        parts.append(f"{left}/[{higher}]")
    if not strict:
        parts.append("/")  # both excluded: equal
    return "^(?:" + "|".join(parts) + ")$"


def _major(media_type: str) -> str:
    return "TEXT" if media_type.startswith("text/") else "APPLICATION"


def negotiation_rules(pattern: str) -> list[str]:
    """Rules that, for URL paths matching `pattern`, set LD_FORMAT to the extension of the RDF
    format the client prefers over HTML (left unset when HTML is preferred)."""
    lines = [
        "# Skip the weighing for every path that is not negotiated.",
        f"RewriteRule !{pattern} - [S={{skip}}]",
    ]
    body: list[str] = []
    for name, types in _things().items():
        body += _buckets(name, types)
    body += _effective("HTML", "TEXT")
    for fmt in RDF_FORMATS:
        body += _effective(fmt.ext.upper(), _major(fmt.media_type))
    for i, fmt in enumerate(RDF_FORMATS):
        me = fmt.ext.upper()
        body.append(f"RewriteCond %{{ENV:E_HTML}}/%{{ENV:E_{me}}} {_compare(True)}")
        for j, other in enumerate(RDF_FORMATS):
            if other is fmt:
                continue
            strict = j < i  # an earlier format wins a tie
            body.append(f"RewriteCond %{{ENV:E_{other.ext.upper()}}}/%{{ENV:E_{me}}} "
                        f"{_compare(strict)}")
        body.append(f"RewriteRule ^ - [E=LD_FORMAT:{fmt.ext}]")
    skip = sum(1 for line in body if line.startswith("RewriteRule"))
    lines[1] = lines[1].format(skip=skip)
    return lines + body


NEGOTIATED = (
    r"^(|ontology|[0-9]+\.[0-9]+\.[0-9]+|concept/[A-Za-z0-9_-]+"
    r"|id/[a-z0-9-]+/[A-Za-z0-9_-]+|data/sgam-onto)$"
)


def _redirect(pattern: str, rdf_target: str, html_target: str | None) -> list[str]:
    exts = "|".join(f.ext for f in RDF_FORMATS)
    lines = [
        f"RewriteCond %{{ENV:LD_FORMAT}} ^({exts})$",
        f"RewriteRule {pattern} {rdf_target}.%1 [R=303,L]",
    ]
    if html_target is not None:
        lines.append(f"RewriteRule {pattern} {html_target} [R=303,L]")
    return lines


def htaccess(version: str) -> bytes:
    """The .htaccess text for the site of package version `version`."""
    add_types = [f"AddType {f.media_type} .{f.ext}" for f in RDF_FORMATS]
    exts = " ".join(f".{f.ext}" for f in RDF_FORMATS)
    version_re = re.escape(version)
    parts = [
        "# Linked-data configuration for the sgam-onto site (Apache 2.4, mod_rewrite,",
        "# mod_headers, mod_mime). https://w3id.org/sgam-onto/ is expected to redirect here.",
        "# If the site is not at the root of its host, change RewriteBase to its path.",
        "# The static site has no SPARQL endpoint; `sgam-onto serve` adds one at /sparql.",
        "",
        "Options -MultiViews",
        "DirectoryIndex index.html",
        "",
        *add_types,
        "AddType application/sparql-query .rq",
        "AddType text/tab-separated-values .tsv",
        "AddType image/svg+xml .svg",
        f"AddCharset UTF-8 .html .rq .svg .css .tsv {exts}",
        "",
        "<IfModule mod_headers.c>",
        "  Header always merge Vary Accept",
        '  Header always set Access-Control-Allow-Origin "*"',
        '  Header always set Access-Control-Allow-Methods "GET, HEAD, OPTIONS"',
        f'  Header always set Access-Control-Allow-Headers "{CORS_REQUEST_HEADERS}"',
        '  Header always set X-Content-Type-Options "nosniff"',
        '  <FilesMatch "\\.(html|svg)$">',
        f'    Header always set Content-Security-Policy "{CSP}"',
        "  </FilesMatch>",
        "</IfModule>",
        "",
        "RewriteEngine On",
        "RewriteBase /",
        "",
        "# Weigh the Accept header once, by RFC 9110 as far as regular expressions can: q=0",
        "# excludes; a format named outright beats text/* or application/*, which beat */*;",
        "# the highest q wins, HTML on a tie. Apache cannot: tell q-values apart within one",
        "# tenth (0.55 ties 0.5), weigh a type named twice (the first counts), or answer 406",
        "# (HTML instead). LD_FORMAT names the RDF format that won, if one did.",
        *negotiation_rules(NEGOTIATED),
        "",
        "# The ontology IRI https://w3id.org/sgam-onto (and its hash namespace): recipe 3.",
        *_redirect("^ontology$", "ontology", "ontology.html"),
        *_redirect("^$", "ontology", None),
        "",
        f"# The version IRI https://w3id.org/sgam-onto/{version}: this release of the ontology.",
        *_redirect(f"^{version_re}$", "ontology", "ontology.html"),
        "",
        "# Concepts of the hash namespace also have pages of their own.",
        *_redirect("^concept/([A-Za-z0-9_-]+)$", "concept/$1", "concept/$1.html"),
        "",
        "# Instance resources https://w3id.org/sgam-onto/id/KIND/SLUG: 303 to a document.",
        *_redirect("^id/([a-z0-9-]+)/([A-Za-z0-9_-]+)$", "id/$1/$2", "id/$1/$2.html"),
        "",
        "# The dataset description (VoID) at /void and /.well-known/void.",
        "RewriteRule ^(\\.well-known/)?void$ void.ttl [R=303,L]",
        "",
        "# Whole-dataset dumps without extension.",
        *_redirect("^data/sgam-onto$", "data/sgam-onto", "downloads.html"),
        "",
        "# The SSSOM mapping set is a file at the path its mapping_set_id names",
        "# (mappings/sgam-onto.sssom.tsv); it needs no rule.",
        "",
    ]
    return ("\n".join(parts) + "\n").encode("utf-8")
