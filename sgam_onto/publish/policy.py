"""The HTTP policies the site is served with, by `sgam-onto serve` and by the `.htaccess` alike:
the Content-Security-Policy of its pages and the CORS headers that let other origins use it."""

from __future__ import annotations

# Pages load only their own style sheet, pictures and scripts: nothing inline, nothing from
# elsewhere, no plug-ins, no framing by other sites; forms post back to the site only.
CSP_META = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'"
)
# The header adds what a <meta> tag cannot say (browsers ignore frame-ancestors there).
CSP = f"{CSP_META}; frame-ancestors 'none'"
# What a cross-origin client may send (a preflight asks for these) and read from an answer.
CORS_REQUEST_HEADERS = "Content-Type, Accept"
CORS_EXPOSED_HEADERS = "Location, X-Result-Limit, X-Result-Truncated, Retry-After"
