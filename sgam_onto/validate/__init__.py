"""SHACL validation of the landscape and of contributions to it.

``validate(...)`` is the one entry (``api``): an engine (``engines``: pyshacl or the fast
path) and lint give one outcome.
``validate_files(files)`` loads the landscape with the files added and validates it all;
``validate_landscape(landscape, extra_graph=None)`` validates an already loaded landscape.
Both return a ValidationOutcome; ``render(outcome, format)`` turns it into a report.
pyshacl is imported only when validation runs.
"""

from sgam_onto.validate.api import validate, validate_files, validate_graph, validate_landscape
from sgam_onto.validate.render import FORMATS, render
from sgam_onto.validate.results import ValidationOutcome, ValidationResult

__all__ = [
    "FORMATS",
    "ValidationOutcome",
    "ValidationResult",
    "render",
    "validate",
    "validate_files",
    "validate_graph",
    "validate_landscape",
]
