"""The write API: add units, upload TMX. Off unless ``TMSERVER_API_TOKEN`` is set.

Every write needs ``Authorization: Bearer <token>`` (compared in constant time).
Uploads are capped by ``TMSERVER_MAX_UPLOAD_BYTES`` (Flask's ``MAX_CONTENT_LENGTH``
plus the TMX reader's own limits) and atomic: one transaction, rolled back on the
first bad unit, so a failed upload leaves the memory as it was. The read side sees
the change within ``TMSERVER_MATCH_REFRESH_SECONDS`` through the change counter.
"""

from __future__ import annotations

import hmac
import io
from typing import Any

from flask import Blueprint
from flask import Response
from flask import request

from tmserver.errors import AuthError
from tmserver.errors import InvalidRequestError
from tmserver.errors import NotFoundError
from tmserver.services import suggest as service
from tmserver.services.memory import import_stream
from tmserver.services.memory import tmx_limits
from tmserver.services.pretranslate import is_reviewed_file
from tmserver.store import queries
from tmserver.text.lang import normalise_tag
from tmserver.units import TranslationUnit
from tmserver.web import openapi as api_doc
from tmserver.web.db import app_state
from tmserver.web.db import get_session
from tmserver.web.review_import import import_reviewed
from tmserver.web.wire import json_body

write_api = Blueprint("write_api", __name__)

MAX_FIELD_CHARS = 20_000


def require_token() -> None:
    """Refuse the request unless the write API is on and the bearer token matches."""
    token = app_state().settings.api_token
    if not token:
        raise NotFoundError("the write API is disabled (set TMSERVER_API_TOKEN)")
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        raise AuthError("missing or wrong bearer token")


def _field(payload: dict[str, Any], name: str, *, required: bool) -> str:
    value = payload.get(name, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise InvalidRequestError(f'"{name}" must be a non-empty string')
    if len(value) > MAX_FIELD_CHARS:
        raise InvalidRequestError(
            f'"{name}" is longer than {MAX_FIELD_CHARS} characters'
        )
    return value


@write_api.post("/api/v1/<slang>/<tlang>/unit")
def add_unit(slang: str, tlang: str) -> Response:
    """Add one unit ``{"source", "target", "context"?, "origin"?}``."""
    require_token()
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise InvalidRequestError("expected a JSON object body")
    target = _field(payload, "target", required=True)
    unit = TranslationUnit(
        source=_field(payload, "source", required=True),
        target=target,
        source_lang=normalise_tag(slang),
        target_lang=normalise_tag(service.resolve_target(tlang), target),
        context=_field(payload, "context", required=False),
        origin=_field(payload, "origin", required=False) or "api",
    )
    session = get_session()
    with session.begin():
        added = queries.add_units(session, [unit])
    return json_body({"ok": True, "added": added}, status=201 if added else 200)


@write_api.post("/api/v1/import")
def import_tmx() -> Response:
    """Import a TMX, XLIFF, PO or bilingual TSV file (raw body or multipart
    ``file``; the name's suffix says which), all or nothing."""
    require_token()
    upload = request.files.get("file")
    if upload is not None:
        stream, name = upload.stream, upload.filename or "upload.tmx"
    else:
        data = request.get_data(cache=False)
        if not data:
            raise InvalidRequestError("empty body: send a TMX document")
        stream, name = io.BytesIO(data), request.args.get("name", "upload.tmx")
    if is_reviewed_file(name):
        return import_reviewed(stream.read(), name)
    state = app_state()
    session = get_session()
    with session.begin():
        report = import_stream(
            session,
            stream,
            name=f"api/{name}",
            limits=tmx_limits(state.settings, upload=True),
        )
    return json_body({"ok": True, "read": report.read, "added": report.added})


api_doc.add_path(
    "/api/v1/{slang}/{tlang}/unit",
    "post",
    {
        "summary": "Add a unit (needs the bearer token)",
        "security": [{"bearer": []}],
        "requestBody": {
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["source", "target"],
                        "properties": {
                            "source": {"type": "string"},
                            "target": {"type": "string"},
                            "context": {"type": "string"},
                            "origin": {"type": "string"},
                        },
                    }
                }
            }
        },
        "responses": {"201": api_doc.json_response("added", {"type": "object"})}
        | api_doc.error_responses(400, 401, 404, 413),
    },
)
api_doc.add_path(
    "/api/v1/import",
    "post",
    {
        "summary": "Import a TMX file atomically (needs the bearer token)",
        "security": [{"bearer": []}],
        "requestBody": {
            "content": {
                "application/xml": {"schema": {"type": "string"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                },
            }
        },
        "responses": {"200": api_doc.json_response("imported", {"type": "object"})}
        | api_doc.error_responses(400, 401, 404, 413, 422),
    },
)
