"""The read-only SPARQL 1.1 Protocol endpoint at /sparql: GET and POST queries checked
before they reach the engine (size, nesting, updates, SERVICE, foreign graphs), run by the
query workers under a time limit, answered in the negotiated result format; without a query,
the query form or the SPARQL service description."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from sgam_onto import settings
from sgam_onto.publish.formats import HTML
from sgam_onto.query.text_limits import check_query_text
from sgam_onto.serve import guard, protocol, sparql_page
from sgam_onto.serve.negotiation import negotiate
from sgam_onto.serve.pool import PoolBusy, QueryError, QueryTimeout, WorkerFailed
from sgam_onto.serve.responder import Responder
from sgam_onto.serve.site_routes import DOCUMENT_OFFERS

MAX_BODY = 1 << 20
_HOST = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?\Z|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?\Z")


class SparqlEndpoint(Responder):
    """POST on /sparql, and the queries that GET and POST carry."""

    def _is_sparql(self) -> bool:
        return urlsplit(self.path).path.rstrip("/") == "/sparql"

    def do_POST(self) -> None:
        if not self._is_sparql():
            self._text(405, "only /sparql accepts POST", {"Allow": "GET, HEAD, OPTIONS"})
            return
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            self._text(411, "send the body with a Content-Length")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            self._text(400, "bad Content-Length")
            return
        if length > MAX_BODY:
            self.close_connection = True
            self._text(413, f"request body over {MAX_BODY} bytes")
            return
        self.reader.expire_in(self.server.body_timeout)
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            self.close_connection = True
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(urlsplit(self.path).query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        elif ctype == "application/sparql-query":
            params.setdefault("query", []).append(body.decode("utf-8", "replace"))
        elif ctype == "application/sparql-update":
            self._text(403, "this endpoint is read-only: SPARQL updates are not accepted")
            return
        else:
            self._text(415, "POST application/x-www-form-urlencoded or application/sparql-query")
            return
        self._sparql(params, head=False)

    def _endpoint_iri(self) -> str:
        host = self.headers.get("Host") or ""
        if not _HOST.match(host):
            address, port = self.server.server_address[:2]
            host = f"{address}:{port}"
        return f"http://{host}{urlsplit(self.path).path}"

    def _describe_service(self, limits_note: str, *, head: bool) -> None:
        """GET /sparql without a query: the query form for browsers, else the SPARQL service
        description in the RDF format asked for."""
        from sgam_onto.serve.description import service_description

        srv = self.server
        found = negotiate(DOCUMENT_OFFERS, self.headers.get("Accept"))
        if found is None:
            self._text(406, "the service description is available as: " + ", ".join(
                o.media_types[0] for o in DOCUMENT_OFFERS), {"Vary": "Accept"}, head=head)
            return
        offer, _ = found
        if offer.key == "html":
            body = sparql_page.query_page(srv.catalogue, srv.version, limits_note)
            self._send(200, body, HTML, {"Vary": "Accept"}, head=head)
            return
        import pyoxigraph as ox

        from sgam_onto.publish.formats import BY_EXT
        from sgam_onto.serve.results import XML_KEYS, xml_safe

        fmt = BY_EXT[offer.key]
        triples = service_description(self._endpoint_iri(), srv.pool.triples, srv.version)
        data = ox.serialize(triples, format=fmt.oxigraph) or b""
        self._send(
            200, xml_safe(data) if offer.key in XML_KEYS else data, fmt.media_type,
            {"Vary": "Accept"}, head=head,
        )

    def _check_size(self, text: str, *, head: bool) -> bool:
        """The CLI's query limits, before anything parses the text: False when refused."""
        most = settings.current().max_query_chars
        if len(text) > most:
            self._text(413, f"the query is {len(text):,} characters; the limit is {most:,}",
                       head=head)
            return False
        depth = settings.current().max_nesting_depth
        try:
            for form in (text, guard.decode_escapes(text)):  # as sent, and as parsed
                check_query_text(form, "query")
                guard.check_operator_runs(form, depth)
        except settings.LimitError as err:
            self._text(400, str(err), head=head)
            return False
        except guard.Refused as refusal:
            self._text(refusal.status, refusal.message, head=head)
            return False
        return True

    def _sparql(self, params: dict[str, list[str]], *, head: bool) -> None:
        srv = self.server
        limits_note = (
            f"Queries run at most {srv.pool.timeout:g} s and return at most "
            f"{srv.max_rows} rows or triples."
        )
        if "update" in params:
            self._text(
                403, "this endpoint is read-only: SPARQL updates are not accepted", head=head
            )
            return
        queries = params.get("query", [])
        if not queries:
            self._describe_service(limits_note, head=head)
            return
        if len(queries) > 1:
            self._text(400, "give exactly one 'query' parameter", head=head)
            return
        text = queries[0]
        if not self._check_size(text, head=head):
            return
        try:
            guard.check_dataset(
                params.get("default-graph-uri", []), params.get("named-graph-uri", [])
            )
            form = guard.check_query(text)
        except guard.Refused as refusal:
            self._text(refusal.status, refusal.message, head=head)
            return
        graph_form = form in ("CONSTRUCT", "DESCRIBE")
        chosen = protocol.answer_format(form, params, self.headers.get("Accept"))
        fmt = chosen.key
        if fmt == "html":
            fmt = "ttl" if graph_form else "json"
        try:
            answer = srv.pool.run(text, fmt, srv.max_rows)
        except QueryError as err:
            self._text(400, str(err), head=head)
            return
        except (QueryTimeout, PoolBusy, WorkerFailed) as err:
            self._text(503, str(err), {"Retry-After": "1"}, head=head)
            return
        headers = {
            "Vary": "Accept",
            "Cache-Control": "no-store",
            "X-Result-Limit": str(srv.max_rows),
            "X-Result-Truncated": "true" if answer.truncated else "false",
        }
        if chosen.key == "html":
            if graph_form:
                from sgam_onto.publish.html import esc, page

                body = page(
                    "sparql",
                    "SPARQL results",
                    "<h1>SPARQL results</h1>\n"
                    + sparql_page._form(text)
                    + f"<pre>{esc(answer.body.decode('utf-8'))}</pre>\n",
                    srv.version,
                )
            else:
                body = sparql_page.results_page(
                    text, answer.body, answer.truncated, srv.max_rows, srv.version
                )
            self._send(200, body, HTML, headers, head=head)
            return
        self._send(200, answer.body, chosen.media_type, headers, head=head)
