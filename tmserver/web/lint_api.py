"""``POST /api/v1/lint``: the release linter over HTTP (JSON or SARIF)."""

from __future__ import annotations

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import jsonify
from flask import request

from tmserver.errors import InvalidRequestError
from tmserver.lintconfig import LintConfig
from tmserver.report.json_report import json_document
from tmserver.report.sarif import sarif_document
from tmserver.services.lint import MemoryCache
from tmserver.services.lint import lint_request
from tmserver.services.lint import pairs_from_request
from tmserver.web.db import get_session

lint_api = Blueprint("lint_api", __name__)


@lint_api.post("/api/v1/lint")
def lint_endpoint() -> Response:
    """Lint a bilingual announcement, an English + local pair, or a TMX document."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidRequestError("the body must be a JSON object")
    fmt = body.get("format", "json")
    if fmt not in ("json", "sarif"):
        raise InvalidRequestError('"format" must be "json" or "sarif"')
    for key in ("text", "source_text", "target_text", "tmx", "target_lang"):
        if body.get(key) is not None and not isinstance(body[key], str):
            raise InvalidRequestError(f'"{key}" must be a string')
    pairs = pairs_from_request(
        text=body.get("text"),
        source_text=body.get("source_text"),
        target_text=body.get("target_text"),
        tmx=body.get("tmx"),
        target_lang=body.get("target_lang"),
    )
    use_memory = body.get("memory", True) is not False
    cache = current_app.extensions.setdefault("tmserver_lint_memory", MemoryCache())
    result = lint_request(
        pairs,
        LintConfig(),
        session=get_session() if use_memory else None,
        cache=cache if use_memory else None,
    )
    if fmt == "sarif":
        return jsonify(sarif_document(result))
    target_lang = pairs[0].target_lang if pairs else body.get("target_lang")
    return jsonify(json_document(result, target_lang=target_lang))
