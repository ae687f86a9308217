"""The real landscape and the SRD text, shared with the catalogue tests."""

from tests.queries.conftest import landscape, srd_text

__all__ = ["landscape", "srd_text"]
