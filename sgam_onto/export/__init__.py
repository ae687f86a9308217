"""Exports of the landscape into formats that other tools read, such as SSSOM mapping sets.

Each module here turns the loaded graph into one format and has no side effects; writing the
result to a file (atomically) is left to the command line.
"""
