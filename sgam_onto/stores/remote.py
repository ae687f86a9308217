"""A remote triple store through the W3C protocols: SPARQL 1.1 Protocol and Graph Store Protocol.

Queries go out as POSTed forms (SPARQLWrapper builds them) asking for SPARQL results JSON, with
parameters bound by a VALUES block of terms serialised by Oxigraph, never pasted in as text.
The answer is parsed by Oxigraph into the same QuerySolutions the embedded store returns, so the
query runner and the formats do not know the difference. A graph is replaced by ONE Graph Store
Protocol PUT of N-Triples: the server swaps the whole graph or, on failure, keeps the old one.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

from sgam_onto.errors import SgamError
from sgam_onto.stores.base import DEFAULT_GRAPH_NAME
from sgam_onto.stores.credentials import Credentials
from sgam_onto.stores.http import RemoteError, Response, send, short_body
from sgam_onto.stores.layouts import Endpoint

RESULTS_JSON = ("application/sparql-results+json", "application/json")
N_TRIPLES = "application/n-triples"


@dataclass
class RemoteStore:
    """Queries one remote endpoint; ``graph`` (an IRI) is sent as ``default-graph-uri``."""

    endpoint: Endpoint
    graph: str | None = None
    credentials: Credentials | None = None
    timeout: float = 30.0

    def query(
        self,
        query: str,
        *,
        substitutions: Mapping[ox.Variable, Any] | None = None,
        **_: Any,
    ) -> ox.QuerySolutions | ox.QueryBoolean:
        """Run a SELECT or ASK query remotely; substitutions become a VALUES block."""
        from sgam_onto.query.binding import inject_values

        bindings = {var.value: term for var, term in (substitutions or {}).items()}
        text = inject_values(query, bindings) if bindings else query
        url = self.endpoint.require("query")
        answer = self._post(url, text)
        if answer.content_type not in RESULTS_JSON:
            shown = answer.content_type or "no content type"
            detail = short_body(answer.body, 80)
            raise RemoteError(
                f"{url}: not a SPARQL endpoint: the answer is {shown}, not SPARQL results JSON"
                + (f" ({detail})" if detail else "")
            )
        try:
            return ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as err:
            message = f"{url}: the answer is not valid SPARQL results JSON: {err}"
            raise RemoteError(message) from None

    def quads_for_pattern(
        self, subject: Any, predicate: Any, object: Any, graph_name: Any = None
    ) -> Iterable[ox.Quad]:
        """Matching triples of the queried graph, as quads in the default graph."""
        names = {"s": subject, "p": predicate, "o": object}
        fixed = {ox.Variable(k): v for k, v in names.items() if v is not None}
        result = self.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", substitutions=fixed)
        assert isinstance(result, ox.QuerySolutions)
        return [ox.Quad(row["s"], row["p"], row["o"], ox.DefaultGraph()) for row in result]

    def _post(self, url: str, text: str) -> Response:
        from SPARQLWrapper import JSON, POST, SELECT, URLENCODED, SPARQLWrapper

        from sgam_onto.query.lexer import query_form

        wrapper = SPARQLWrapper(url)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setReturnFormat(JSON)
        wrapper.setOnlyConneg(True)  # no format=json parameters some servers reject
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its guess at the form is replaced just below
            wrapper.setQuery(text)
        # SPARQLWrapper guesses the form with a regular expression that words in a comment
        # can fool (it then sends `update=` or asks for XML); the tokenizer knows better.
        wrapper.queryType = query_form(text) or SELECT
        if self.graph and self.graph != DEFAULT_GRAPH_NAME:
            wrapper.addDefaultGraph(self.graph)
        built = wrapper._createRequest()  # the protocol request; sent by our transport below
        headers = {k: v for k, v in built.header_items() if k.lower() != "user-agent"}
        headers["User-Agent"] = "sgam-onto"
        body = built.data if isinstance(built.data, bytes) else b""
        return send(
            "POST",
            built.full_url,
            creds=self.credentials,
            scheme=self.endpoint.auth,
            body=body,
            headers=headers,
            timeout=self.timeout,
        )


def gsp_url(endpoint: Endpoint, graph: str) -> str:
    """The Graph Store Protocol URL of a named graph (``?graph=IRI``, indirect identification)."""
    base = endpoint.require("gsp")
    joiner = "&" if "?" in base else "?"
    if graph == DEFAULT_GRAPH_NAME:
        return f"{base}{joiner}default"
    return f"{base}{joiner}{urlencode({'graph': graph})}"


def replace_graph(
    endpoint: Endpoint,
    graph: str,
    data: bytes | Iterable[bytes],
    *,
    length: int | None = None,
    credentials: Credentials | None = None,
    timeout: float = 30.0,
    content_type: str = N_TRIPLES,
) -> int:
    """Replace ``graph`` with ``data`` in ONE PUT; returns the HTTP status (200, 201 or 204).

    ``data`` is a complete, already validated document; an iterable of chunks needs ``length``.
    """
    if graph != DEFAULT_GRAPH_NAME:
        try:
            ox.NamedNode(graph)
        except ValueError as err:
            raise SgamError(f"--graph {graph!r}: not a valid IRI ({err})") from None
    url = gsp_url(endpoint, graph)
    answer = send(
        "PUT",
        url,
        creds=credentials,
        scheme=endpoint.auth,
        body=data,
        length=length,
        headers={"Content-Type": f"{content_type}; charset=utf-8"},
        timeout=timeout,
    )
    return answer.status
