"""The landscape report (``sgam_onto.report``) as a fragment that sits inside the site's frame."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sgam_onto.landscape import Landscape

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)


def report_fragment(landscape: Landscape, lang: str = "en") -> str:
    """The HTML report built from the catalogue queries, reduced to its <body> content."""
    from sgam_onto.query.language import labels_in
    from sgam_onto.report import build_report, render_html

    report = build_report(labels_in(landscape.store, lang), version=landscape.version,
                          triples=len(landscape))
    text = render_html(report)
    match = _BODY.search(text)
    return match.group(1).strip() if match else text
