"""Serve a published site locally with content negotiation and a read-only SPARQL endpoint.

The entry point is ``sgam_onto.serve.server.make_server``; the package imports none of its
modules, so importing one loads only what it needs.
"""
