"""Which answer format a SPARQL Protocol request gets, from its query form, the Accept header
and the `format` / `output` / `results` parameters that clients such as SPARQLWrapper send.

A parameter value that names a format fitting the query form wins; any other value is ignored
(never an error: clients send these parameters to every endpoint, with values meant for others),
and the Accept header decides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sgam_onto.publish.formats import HTML, RDF_FORMATS
from sgam_onto.serve.negotiation import Offer, negotiate

FORMAT_PARAMS = ("format", "output", "results")

# SELECT / ASK: key for the worker, media types (the first is what we label it with).
RESULT_OFFERS = (
    Offer(
        "json",
        (
            "application/sparql-results+json",
            "application/json",
            "text/javascript",
            "application/javascript",
        ),
    ),
    Offer("xml", ("application/sparql-results+xml", "application/xml", "text/xml")),
    Offer("csv", ("text/csv",)),
    Offer("tsv", ("text/tab-separated-values",)),
    Offer("html", (HTML,)),
)
RESULT_NAMES = {
    "json": "json",
    "xml": "xml",
    "csv": "csv",
    "tsv": "tsv",
    "html": "html",
    "srj": "json",
    "srx": "xml",
}
GRAPH_OFFERS = (*(Offer(f.ext, f.media_types) for f in RDF_FORMATS), Offer("html", (HTML,)))
GRAPH_NAMES = {name: f.ext for f in RDF_FORMATS for name in f.names} | {
    "json": "jsonld",
    "html": "html",
}


@dataclass(frozen=True)
class Choice:
    """The answer format: the worker's key and the media type of the response."""

    key: str
    media_type: str


def _from_params(
    params: Mapping[str, Sequence[str]], offers: Sequence[Offer], names: Mapping[str, str]
) -> Choice | None:
    by_key = {o.key: o for o in offers}
    for param in FORMAT_PARAMS:
        for value in params.get(param, []):
            wanted = value.strip().lower()
            key = names.get(wanted)
            if key is None:  # a media type as the value
                key = next((o.key for o in offers if wanted in o.media_types), None)
            if key in by_key:
                media = wanted if wanted in by_key[key].media_types else by_key[key].media_types[0]
                return Choice(key, media)
    return None


def answer_format(form: str, params: Mapping[str, Sequence[str]], accept: str | None) -> Choice:
    """The format for a `form` query (SELECT, ASK, CONSTRUCT, DESCRIBE).

    When the Accept header allows none of them, the form's default answers rather than a 406
    (RFC 9110 lets a server disregard Accept): clients that send one Accept header for every
    query form, such as rdflib's SPARQLStore, read the answer by its Content-Type.
    """
    graph_form = form in ("CONSTRUCT", "DESCRIBE")
    offers = GRAPH_OFFERS if graph_form else RESULT_OFFERS
    chosen = _from_params(params, offers, GRAPH_NAMES if graph_form else RESULT_NAMES)
    if chosen is not None:
        return chosen
    offer, media = negotiate(offers, accept) or (offers[0], offers[0].media_types[0])
    return Choice(offer.key, media)
