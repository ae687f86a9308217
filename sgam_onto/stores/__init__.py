"""Where queries run: the embedded pyoxigraph store (in memory or on disk) or a remote server.

Everything that answers a query looks like a pyoxigraph Store to the query runner (see
``base.StoreLike``), so the catalogue runs unchanged on every backend. Graphs are replaced in
one step (an Oxigraph update on disk, one Graph Store Protocol PUT remotely), never appended.
"""
