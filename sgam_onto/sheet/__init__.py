"""Spreadsheets for contributors: a kind of resource exported as a table and read back.

``kinds.toml`` says which columns each kind has; ``table`` turns a graph into rows and rows
into a graph (pure); ``files`` reads and writes XLSX and CSV.
"""
