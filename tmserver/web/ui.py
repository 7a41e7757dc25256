"""The translators' page at ``/``: one server-rendered template plus plain JS and CSS.

The page talks to the server only through the public JSON API (suggest, concordance,
lint, stats), exactly like any other client. It loads nothing from other hosts: the
Content-Security-Policy sent with it forbids that, so the page works on a server
without internet access and leaks nothing to third parties.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint
from flask import Response
from flask import render_template

bp = Blueprint(
    "ui",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/ui/static",
)

#: Everything the page may load comes from this server; no inline script, no frames.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


@dataclass(frozen=True)
class TargetLanguage:
    """One choice in the page's language-pair menu."""

    tag: str
    name: str


#: Target languages offered on the page, in menu order; the source is always English.
PAGE_TARGETS = (
    TargetLanguage("bs", "Bosnian"),
    TargetLanguage("hr", "Croatian"),
    TargetLanguage("sr-Latn", "Serbian (Latin)"),
    TargetLanguage("sr-Cyrl", "Serbian (Cyrillic)"),
)


@bp.get("/")
def index() -> Response:
    """Render the page; the views fill themselves in from the JSON API."""
    html = render_template(
        "ui.html", source_lang="en", targets=PAGE_TARGETS, api_prefix="/api/v1"
    )
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
