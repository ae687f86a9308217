"""The published site over HTTP: files, directory indexes, and resource IRIs without an
extension answered 303 See Other towards the document in the negotiated format.

Resource IRIs (``/id/body/iec-tc57-wg17``, ``/ontology``, the version IRI ``/0.1.0``, ``/`` for
RDF clients) redirect towards the document in the format the client prefers (RFC 9110
q-values, see `negotiation`), with ``Vary: Accept``; HTML is the default; an Accept header that
excludes every format gets 406 with the list of them. Locations are relative, so the server
works behind any path prefix.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from sgam_onto.publish.formats import HTML, RDF_FORMATS
from sgam_onto.serve.negotiation import Offer, negotiate
from sgam_onto.serve.responder import Responder

EXTENSION_TYPES = {
    ".html": HTML,
    **{f".{f.ext}": f.media_type for f in RDF_FORMATS},
    ".svg": "image/svg+xml",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".rq": "application/sparql-query; charset=utf-8",
    ".json": "application/json",
    ".tsv": "text/tab-separated-values",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain",
}
DOCUMENT_OFFERS = (Offer("html", (HTML,)), *(Offer(f.ext, f.media_types) for f in RDF_FORMATS))


class SiteRoutes(Responder):
    """GET and HEAD on the site's files and resource IRIs."""

    def _site(self, path: str, *, head: bool) -> None:
        """Answer for ``path`` (percent-decoded), any path but /sparql."""
        if "\x00" in path or "\\" in path or any(seg in ("..", ".") for seg in path.split("/")):
            self._text(400, "bad path", head=head)
            return
        rel = path.lstrip("/")
        if any(seg.startswith(".") for seg in rel.split("/") if seg and seg != ".well-known"):
            self._text(404, "not found", head=head)
            return
        if rel in ("", "ontology", self.server.version):
            self._negotiate(
                rel,
                "index.html" if rel == "" else "ontology.html",
                "ontology",
                head=head,
                serve_html_directly=rel == "",
            )
            return
        if rel in ("void", ".well-known/void"):
            self._redirect("void.ttl" if rel == "void" else "../void.ttl", head=head)
            return
        if rel == "data/sgam-onto":
            self._negotiate(rel, "downloads.html", "data/sgam-onto", head=head)
            return
        target = self._file(rel)
        if target is not None and target.is_file():
            ctype = EXTENSION_TYPES.get(target.suffix, "application/octet-stream")
            self._send(200, target.read_bytes(), ctype, head=head)
            return
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                self._redirect(posixpath.basename(path.rstrip("/")) + "/", head=head)
                return
            index = target / "index.html"
            if index.is_file():
                self._send(200, index.read_bytes(), HTML, head=head)
                return
        document = self._file(rel + ".html")
        if document is not None and document.is_file() and "." not in posixpath.basename(rel):
            self._negotiate(rel, rel + ".html", rel, head=head)
            return
        self._text(404, f"not found: {path}", head=head)

    def _file(self, rel: str) -> Path | None:
        candidate = (self.server.site / rel).resolve()
        if candidate != self.server.site and self.server.site not in candidate.parents:
            return None
        return candidate

    def _negotiate(
        self, rel: str, html_doc: str, stem: str, *, head: bool, serve_html_directly: bool = False
    ) -> None:
        """303 from `rel` towards the format the client prefers among the documents that
        exist: `html_doc`, or `stem`.EXT for RDF (both site paths)."""
        documents = {}
        for offer in DOCUMENT_OFFERS:
            doc = html_doc if offer.key == "html" else f"{stem}.{offer.key}"
            file = self._file(doc)
            if file is not None and file.is_file():
                documents[offer.key] = doc
        offers = [o for o in DOCUMENT_OFFERS if o.key in documents]
        found = negotiate(offers, self.headers.get("Accept"))
        if found is None:
            available = ", ".join(o.media_types[0] for o in offers)
            self._text(
                406,
                f"not available in an acceptable format; available: {available}",
                {"Vary": "Accept"},
                head=head,
            )
            return
        target = documents[found[0].key]
        if found[0].key == "html" and serve_html_directly:
            file = self._file(html_doc)
            assert file is not None
            self._send(200, file.read_bytes(), HTML, {"Vary": "Accept"}, head=head)
            return
        self._redirect(posixpath.relpath(target, posixpath.dirname(rel) or "."), head=head)
