"""The one place where the site takes the landscape report from `sgam_onto.report`.

HOOK (report): the report module is expected to offer
``sgam_onto.report.html_report(landscape) -> str``, an HTML fragment or page; a full page is
reduced to its <body> content so that it sits inside the site's frame. Without the module the
site carries a report page that says so and points to the query catalogue.
"""

from __future__ import annotations

import importlib
import re

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.DOTALL | re.IGNORECASE)


def report_fragment(landscape: object) -> str | None:
    """The report as an HTML fragment, or None when no report module is installed."""
    try:
        module = importlib.import_module("sgam_onto.report")
    except ModuleNotFoundError as err:
        if err.name and err.name.startswith("sgam_onto.report"):
            return None
        raise
    render = getattr(module, "html_report", None)
    if render is None:
        return None
    text = str(render(landscape))
    match = _BODY.search(text)
    return match.group(1).strip() if match else text
