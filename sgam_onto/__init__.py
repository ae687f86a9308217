"""The IEC SRD 63268 standardization landscape as a validated, queryable knowledge graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sgam-onto")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = ["__version__"]
