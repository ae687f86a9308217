"""The page frame of the published site and small helpers that escape everything they write.

Every piece of text and every attribute that comes from the data goes through `esc` / `attr`,
so a literal holding markup is shown as text, never interpreted. Text holding bidi controls
(U+202E and the like, which reorder what a reader sees) is isolated, so its effect ends where
it ends; only http(s) IRIs and paths inside the site become links (an IRI such as
<javascript:alert(1)> is shown as text); and every page carries a strict Content-Security-
Policy, for hosts where no header can be set.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from sgam_onto.publish.policy import CSP_META
from sgam_onto.publish.site import relative
from sgam_onto.tables import html_table

NAV = (
    ("index.html", "Home"),
    ("ontology.html", "Ontology"),
    ("id/index.html", "Resources"),
    ("pictures.html", "Pictures"),
    ("queries.html", "Queries"),
    ("report.html", "Report"),
    ("downloads.html", "Downloads"),
)

CSS = """\
:root { --ink: #1d2530; --muted: #5f6b7a; --line: #d5dbe3; --accent: #1f5fbf; --bg: #f6f8fb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 "DejaVu Sans", system-ui, sans-serif; color: var(--ink); }
header.site { background: var(--ink); color: #fff; padding: .6rem 1.2rem; display: flex;
  flex-wrap: wrap; gap: 1.2rem; align-items: baseline; }
header.site a { color: #fff; text-decoration: none; }
header.site .brand { font-weight: bold; font-size: 1.1rem; }
header.site nav a { margin-right: 1rem; opacity: .9; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.2rem 3rem; }
h1 { font-size: 1.6rem; margin: .6rem 0; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
a { color: var(--accent); }
code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: .9em; }
pre { background: var(--bg); border: 1px solid var(--line); padding: .7rem; overflow-x: auto; }
.iri { color: var(--muted); word-break: break-all; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .6rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
th { background: var(--bg); }
td.prop { width: 16rem; }
.lang, .dt { color: var(--muted); font-size: .8em; margin-left: .3em; }
.types a { margin-right: .5em; }
.formats a { margin-right: .8em; }
section.term { border-top: 1px solid var(--line); padding-top: .4rem; }
figure { margin: 1rem 0; }
figure img { max-width: 100%; border: 1px solid var(--line); }
footer.site { color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line);
  padding: 1rem 1.2rem; text-align: center; }
"""


# Every page carries the site's policy as a meta tag too, for static hosts that send no
# headers. (The pages have no inline script or style; keep it so.)
CSP = CSP_META

# Bidi controls: embeddings, overrides, isolates and marks.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_FSI, _PDI = "\u2068", "\u2069"


def has_bidi(text: str) -> bool:
    return any(char in BIDI for char in text)


def esc(text: object) -> str:
    """Text escaped for element content and double-quoted attributes; text holding bidi
    controls is wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE, the plain-text
    form of <bdi> (it works in <title> and attributes too), so an override inside stops at
    its end."""
    value = str(text)
    escaped = html.escape(value, quote=True)
    return f"{_FSI}{escaped}{_PDI}" if has_bidi(value) else escaped


def isolated(text: object) -> str:
    """Escaped text for element content, in <bdi dir="auto"> when it holds bidi controls."""
    value = str(text)
    return f'<bdi dir="auto">{esc(value)}</bdi>' if has_bidi(value) else esc(value)


_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these before reading a scheme


def safe_href(href: str) -> bool:
    """An http(s) IRI or a reference without a scheme (a path in the site)."""
    match = _SCHEME.match(_IGNORED_IN_URLS.sub("", href))
    return match is None or match.group(1).lower() in ("http", "https")


def link(href: str, text: str, cls: str | None = None) -> str:
    """A link, or the text alone (as an IRI) if ``href`` is not http(s) or a site path."""
    if not safe_href(href):
        return f'<span class="iri">{isolated(text)}</span>'
    klass = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(href)}"{klass}>{isolated(text)}</a>'


def table(headers: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table whose cells are already-escaped HTML fragments; headers are escaped here."""
    return html_table(headers, rows, heading=esc, cell=_cell)


def _cell(fragment: str) -> str:
    """A cell whose text may run right to left takes its direction from its content."""
    return f'<td dir="auto">{fragment}</td>' if has_bidi(fragment) else f"<td>{fragment}</td>"


def page(
    path: str,
    title: str,
    body: str,
    version: str,
    *,
    alternates: Iterable[tuple[str, str]] = (),
    description: str = "",
) -> bytes:
    """A complete HTML page at site path `path`; `body` is trusted, already-escaped markup."""
    rel = lambda target: relative(path, target)  # noqa: E731
    nav = "".join(link(rel(target), text) for target, text in NAV)
    alt = "".join(
        f'\n<link rel="alternate" type="{esc(mime)}" href="{esc(rel(target))}">'
        for mime, target in alternates
    )
    meta = f'\n<meta name="description" content="{esc(description)}">' if description else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)} — sgam-onto</title>{meta}\n"
        f'<link rel="stylesheet" href="{esc(rel("style.css"))}">\n'
        f'<link rel="icon" href="{esc(rel("favicon.ico"))}">{alt}\n'
        "</head>\n<body>\n"
        f'<header class="site"><a class="brand" href="{esc(rel("index.html"))}">sgam-onto</a>'
        f"<nav>{nav}</nav></header>\n"
        f"<main>\n{body}\n</main>\n"
        f'<footer class="site">sgam-onto {esc(version)} — a knowledge graph of the '
        "IEC SRD 63268:2020 standardization landscape. Data and ontology under the "
        '<a href="https://www.apache.org/licenses/LICENSE-2.0">Apache License 2.0</a>.</footer>\n'
        "</body>\n</html>\n"
    ).encode()
