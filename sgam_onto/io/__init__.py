"""File system helpers."""
