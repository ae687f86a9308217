"""Serve a published site locally with content negotiation and a read-only SPARQL endpoint.

    >>> from sgam_onto.serve import make_server
    >>> server = make_server("site/", port=8080)
    >>> server.serve_forever()

Imports are lazy so that query worker processes (``python -m sgam_onto.serve.worker``) load
nothing but the engine.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SiteServer", "make_server"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from sgam_onto.serve import app

        return getattr(app, name)
    raise AttributeError(name)
