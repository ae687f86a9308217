"""The endpoint's HTML face: a query form listing the catalogue, and results as a table.

Everything from the query or the data is escaped; the page runs no script.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from sgam_onto.namespace import BASE, ID_BASE, NS, SPARQL_PREFIX
from sgam_onto.publish.formats import RDF_FORMATS
from sgam_onto.publish.html import esc, page, table

DEFAULT_QUERY = SPARQL_PREFIX + """\
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?item ?label WHERE {
  ?item a sgam:CoordinationItem ; rdfs:label ?label .
} ORDER BY ?label"""


def _form(query: str) -> str:
    return (
        '<form method="get" action="sparql">\n'
        f'<textarea name="query" rows="12" cols="100" aria-label="SPARQL query">{esc(query)}'
        "</textarea><br>\n"
        '<label>Results as <select name="format">'
        '<option value="html">HTML table</option><option value="json">SPARQL JSON</option>'
        '<option value="xml">SPARQL XML</option><option value="csv">CSV</option>'
        '<option value="tsv">TSV</option>'
        + "".join(
            f'<option value="{f.ext}">{esc(f.label)} (CONSTRUCT)</option>' for f in RDF_FORMATS
        )
        + "</select></label>\n"
        '<button type="submit">Run</button>\n</form>\n'
    )


def query_page(catalogue: list, version: str, limits: str) -> bytes:
    """GET /sparql without a query: the form and the stored queries to start from."""
    rows = []
    for q in catalogue:
        required = q.header is not None and any(p.required for p in q.header.params)
        action = (
            f'<a href="sparql?format=html&amp;query={esc(quote(q.text))}">run</a>'
            if not required
            else '<span class="muted">needs parameters</span>'
        )
        rows.append([f"<code>{esc(q.name)}</code>", esc(q.summary), action])
    body = (
        "<h1>SPARQL endpoint</h1>\n"
        "<p>Read-only SPARQL 1.1 Protocol endpoint over the landscape: GET or POST "
        "<code>query</code>, or POST <code>application/sparql-query</code>. SELECT and ASK "
        "answer in SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE in "
        + ", ".join(esc(f.label) for f in RDF_FORMATS)
        + ", chosen by the Accept header or <code>format</code>. Asked for RDF, this address "
        f"gives its SPARQL service description. {esc(limits)}</p>\n"
        + _form(DEFAULT_QUERY)
        + "<h2>Query catalogue</h2>\n"
        + table(["Name", "Summary", ""], rows)
    )
    return page("sparql", "SPARQL endpoint", body, version)


def _local_href(iri: str) -> str:
    """Landscape IRIs link to this server's copy of their document; others stay absolute."""
    if iri.startswith(NS):
        return "ontology.html#" + iri.split("#", 1)[1]
    if iri.startswith(ID_BASE):
        return iri[len(BASE) :]
    return iri


def _cell(term: dict) -> str:
    value = esc(term.get("value", ""))
    if term.get("type") == "uri":
        return f'<a href="{esc(_local_href(term["value"]))}">{value}</a>'
    if "xml:lang" in term:
        return f'{value}<span class="lang">@{esc(term["xml:lang"])}</span>'
    if "datatype" in term:
        return f'{value}<span class="dt">{esc(str(term["datatype"]).rsplit("#", 1)[-1])}</span>'
    return value


def results_page(query: str, json_body: bytes, truncated: bool, cap: int, version: str) -> bytes:
    """SELECT/ASK results (given as SPARQL JSON) as an HTML table under the form."""
    doc = json.loads(json_body)
    if "boolean" in doc:
        result = f"<p>ASK: <b>{'true' if doc['boolean'] else 'false'}</b></p>\n"
    else:
        variables = doc["head"]["vars"]
        bindings = doc["results"]["bindings"]
        rows = [[_cell(b[v]) if v in b else "" for v in variables] for b in bindings]
        note = f" (cut at {cap} rows)" if truncated else ""
        result = f"<p>{len(rows)} rows{esc(note)}.</p>\n" + table(variables, rows)
    body = "<h1>SPARQL results</h1>\n" + _form(query) + result
    return page("sparql", "SPARQL results", body, version)
