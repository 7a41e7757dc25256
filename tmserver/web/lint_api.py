"""``POST /api/v1/lint``: the release linter over HTTP (JSON or SARIF)."""

from __future__ import annotations

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import jsonify
from flask import request

from tmserver.errors import InvalidRequestError
from tmserver.errors import PayloadTooLargeError
from tmserver.lint.config import LintConfig
from tmserver.lint.report.json_report import json_document
from tmserver.lint.report.sarif import sarif_document
from tmserver.services.lint import lint_request
from tmserver.services.lint import pairs_from_request
from tmserver.services.lintstore import LintMemoryCache
from tmserver.web import openapi as api_doc
from tmserver.web.db import app_state
from tmserver.web.db import get_session
from tmserver.web.wire import boolean
from tmserver.web.wire import json_request

lint_api = Blueprint("lint_api", __name__)


@lint_api.before_request
def _cap_the_body() -> None:
    """Lint costs seconds per megabyte and RSS many times the body: cap the body far
    below the upload cap (``TMSERVER_MAX_LINT_BYTES``) before anything is read."""
    request.max_content_length = app_state().settings.max_lint_bytes


@lint_api.post("/api/v1/lint")
def lint_endpoint() -> Response:
    """Lint a bilingual announcement, an English + local pair, or a TMX document."""
    body = json_request()
    settings = app_state().settings
    fmt = body.get("format", "json")
    if fmt not in ("json", "sarif"):
        raise InvalidRequestError('"format" must be "json" or "sarif"')
    for key in ("text", "source_text", "target_text", "tmx", "target_lang"):
        if body.get(key) is not None and not isinstance(body[key], str):
            raise InvalidRequestError(f'"{key}" must be a string')
    use_memory = boolean(body, "memory", True)
    pairs = pairs_from_request(
        text=body.get("text"),
        source_text=body.get("source_text"),
        target_text=body.get("target_text"),
        tmx=body.get("tmx"),
        target_lang=body.get("target_lang"),
    )
    if len(pairs) > settings.max_lint_segments:
        raise PayloadTooLargeError(
            f"more than {settings.max_lint_segments:,} segment pairs in one request "
            "(TMSERVER_MAX_LINT_SEGMENTS)"
        )
    extensions = current_app.extensions
    result = lint_request(
        pairs,
        LintConfig(),
        session=get_session() if use_memory else None,
        engine=extensions.get("tmserver_match") if use_memory else None,
        cache=extensions.setdefault(
            "tmserver_lint_memory", LintMemoryCache(max_bytes=settings.lint_cache_bytes)
        ),
    )
    if fmt == "sarif":
        return jsonify(sarif_document(result))
    target_lang = pairs[0].target_lang if pairs else body.get("target_lang")
    return jsonify(json_document(result, target_lang=target_lang))


_FINDING = {
    "type": "object",
    "required": ["check", "severity", "message", "line", "segment", "source", "target"],
    "properties": {
        "check": {"type": "string", "examples": ["number-mismatch"]},
        "code": {"type": "string", "examples": ["TM-NUM-001"]},
        "severity": {"enum": ["error", "warning", "info"]},
        "message": {"type": "string"},
        "path": {"type": "string"},
        "line": {"type": "integer"},
        "segment": {"type": "integer"},
        "unit_id": {"type": "string"},
        "source": {"type": "string"},
        "target": {"type": "string"},
        "span": {
            "oneOf": [
                {"type": "array", "items": {"type": "integer"}, "minItems": 2},
                {"type": "null"},
            ]
        },
        "side": {"enum": ["source", "target"]},
        "memory_source": {"type": ["string", "null"]},
        "memory_target": {"type": ["string", "null"]},
        "fingerprint": {"type": "string"},
    },
}
_INPUTS = ("text", "source_text", "target_text", "tmx")
_OPTIONS = {
    "target_lang": api_doc.LANGUAGE_TAG,
    "format": {"enum": ["json", "sarif"], "default": "json"},
    "memory": {"type": "boolean", "default": True},
}


def _shape(*given: str) -> dict:
    """One input shape: these members (non-blank text), none of the others."""
    others = [name for name in _INPUTS if name not in given]
    text = {"type": "string", "minLength": 1, "pattern": "\\S"}
    return {
        "type": "object",
        "required": list(given),
        "properties": {name: text for name in given} | _OPTIONS,
        "not": {"anyOf": [{"required": [name]} for name in others]},
    }


_BODY = {"oneOf": [_shape("text"), _shape("source_text", "target_text"), _shape("tmx")]}
api_doc.add_path(
    "/api/v1/lint",
    "post",
    {
        "summary": "Lint a bilingual release (announcement, text pair or TMX)",
        "description": "Give exactly one input: text, source_text + target_text, or "
        "tmx. Bodies over TMSERVER_MAX_LINT_BYTES and inputs of more than "
        "TMSERVER_MAX_LINT_SEGMENTS segment pairs are a 413; text that is not a "
        "bilingual announcement (or TMX that is not TMX) is a 422.",
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _BODY}},
        },
        "responses": {
            "200": api_doc.json_response(
                "findings (or a SARIF 2.1.0 log with format sarif)",
                {
                    "type": "object",
                    "properties": {
                        "ok": {"const": True},
                        "target_lang": {"type": ["string", "null"]},
                        "summary": {
                            "type": "object",
                            "additionalProperties": {"type": "integer"},
                        },
                        "findings": {"type": "array", "items": _FINDING},
                    },
                },
            )
        }
        | api_doc.error_responses(400, 404, 413, 422, 503),
    },
)
