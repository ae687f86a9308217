"""The landscape report: catalogue query answers assembled into Markdown or self-contained HTML.

`build_report(store)` runs the catalogue queries the report is made of (see `sections.SECTIONS`)
and returns plain data; `render_markdown` and `render_html` turn that data into text. Each
section names the query that produced it, so a reader can rerun it with `sgam-onto query`.
"""

from sgam_onto.report.build import build_report
from sgam_onto.report.checks import CheckOutcome, run_checks
from sgam_onto.report.html import render_html
from sgam_onto.report.markdown import render_markdown
from sgam_onto.report.model import Cell, Report, SectionData
from sgam_onto.report.sections import SECTIONS, Section

FORMATS = ("md", "html")

__all__ = [
    "FORMATS",
    "SECTIONS",
    "Cell",
    "CheckOutcome",
    "Report",
    "Section",
    "SectionData",
    "build_report",
    "render_html",
    "render_markdown",
    "run_checks",
]
