"""The OpenAPI 3.1 document at ``/api/openapi.json``, assembled from every blueprint.

Each web module describes its own endpoints by calling :func:`add_path` at import
time (or adding to :data:`PATHS`), so the document cannot drift from the code that
registers the routes. Shared schemas go into :data:`SCHEMAS`.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask import Response
from flask import jsonify

from tmserver import __version__

#: path → {method → operation}, filled by the web modules.
PATHS: dict[str, dict[str, Any]] = {}
#: name → JSON schema, referenced as ``#/components/schemas/<name>``.
SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["ok", "status", "code", "error"],
        "properties": {
            "ok": {"const": False},
            "status": {"type": "integer"},
            "code": {"type": "string"},
            "error": {"type": "string"},
        },
    }
}

openapi = Blueprint("openapi", __name__)


def add_path(path: str, method: str, operation: dict[str, Any]) -> None:
    """Describe ``method`` on ``path`` (OpenAPI path template, ``{name}`` params)."""
    PATHS.setdefault(path, {})[method.lower()] = operation


def json_response(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    """An OpenAPI response object with a JSON body."""
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }


def error_responses(*statuses: int) -> dict[str, Any]:
    """Responses for the given error statuses, all with the shared error body."""
    ref = {"$ref": "#/components/schemas/Error"}
    return {str(s): json_response("error", ref) for s in statuses}


#: A language tag as the server parses it (tmserver.text.lang).
LANGUAGE_TAG = {"type": "string", "pattern": "^[A-Za-z]{2,3}([-_@][A-Za-z0-9]{1,8})*$"}
_QUERY_CHARS = "[^\\x00\\ufffd]"


def query_text(max_length: int, *, blank: bool = True) -> dict[str, Any]:
    """A query text: 1 to ``max_length`` characters, no NUL or U+FFFD (the marks of
    undecodable bytes); ``blank=False``: not only white space either."""
    schema: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": max_length}
    if blank:
        schema["pattern"] = f"^{_QUERY_CHARS}*$"
    else:
        schema["pattern"] = f"^{_QUERY_CHARS}*[^\\s\\x00\\ufffd]{_QUERY_CHARS}*$"
    return schema


def path_parameters(*names: str) -> list[dict[str, Any]]:
    """Required language-tag path parameters."""
    return [
        {"name": name, "in": "path", "required": True, "schema": LANGUAGE_TAG}
        for name in names
    ]


def document() -> dict[str, Any]:
    """The whole OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "tmserver",
            "version": __version__,
            "description": "Translation memory for English ↔ Bosnian, Croatian and "
            "Serbian announcements; amaGama/Weblate-compatible suggestion API.",
        },
        "paths": dict(sorted(PATHS.items())),
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


@openapi.get("/api/openapi.json")
def openapi_json() -> Response:
    """Serve the document."""
    return jsonify(document())


add_path(
    "/healthz",
    "get",
    {
        "summary": "Liveness and database round trip",
        "responses": {
            "200": json_response(
                "ok",
                {
                    "type": "object",
                    "properties": {
                        "ok": {"type": "boolean"},
                        "units": {"type": "integer"},
                        "database": {"enum": ["sqlite", "postgresql"]},
                    },
                },
            )
        },
    },
)
add_path(
    "/api/v1/stats",
    "get",
    {
        "summary": "Units per language pair and origin, last update",
        "responses": {"200": json_response("statistics", {"type": "object"})},
    },
)
add_path(
    "/api/openapi.json",
    "get",
    {
        "summary": "This document",
        "responses": {"200": json_response("OpenAPI 3.1", {"type": "object"})},
    },
)
add_path(
    "/",
    "get",
    {
        "summary": "The translators' web page (HTML)",
        "responses": {
            "200": {"description": "HTML page", "content": {"text/html": {}}}
        },
    },
)
