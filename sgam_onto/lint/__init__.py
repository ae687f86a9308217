"""Lint of RDF files beyond SHACL: spellings, schemes, hidden characters, datatypes,
undeclared terms and contributions that reach into the project's own vocabulary.

``lint_files(paths, landscape)`` returns the findings for the given files (each parsed by the
strict syntax gate; a file that cannot be parsed raises LoadError), judged against the loaded
landscape: its declarations say which project terms exist, its IRIs which spellings are taken.
``validate`` can add the findings to its report; ``sgam-onto lint`` prints them. The files are
read as streams (``run``), so a file of a million statements costs time in proportion to its
size and memory for its findings, not for its terms.
"""

from __future__ import annotations

from sgam_onto.lint.findings import Finding
from sgam_onto.lint.rules import RULES
from sgam_onto.lint.run import lint_files

__all__ = ["RULES", "Finding", "lint_files"]
