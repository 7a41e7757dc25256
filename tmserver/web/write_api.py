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

from flask import Blueprint
from flask import Response
from flask import request

from tmserver.errors import AuthError
from tmserver.errors import InvalidRequestError
from tmserver.errors import NotFoundError
from tmserver.services.memory import import_stream
from tmserver.services.memory import tmx_limits
from tmserver.services.pretranslate import is_reviewed_file
from tmserver.store import queries
from tmserver.store.bulk import MAX_ORIGIN_CHARS
from tmserver.web import openapi as api_doc
from tmserver.web.db import app_state
from tmserver.web.db import get_session
from tmserver.web.review_import import import_reviewed
from tmserver.web.unit_input import unit_from_request
from tmserver.web.wire import json_body
from tmserver.web.wire import json_request

write_api = Blueprint("write_api", __name__)

#: An upload's name becomes the origin ``api/<name>`` of its units.
MAX_NAME_CHARS = MAX_ORIGIN_CHARS - len("api/")


def require_token() -> None:
    """Refuse the request unless the write API is on and the bearer token matches."""
    token = app_state().settings.api_token
    if not token:
        raise NotFoundError("the write API is disabled (set TMSERVER_API_TOKEN)")
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    # WSGI hands header bytes over decoded as Latin-1: encode them back to compare
    # the bytes the client sent with the token's UTF-8 (a non-ASCII token works).
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("latin-1", "replace"), token.encode("utf-8")
    ):
        raise AuthError("missing or wrong bearer token")


@write_api.post("/api/v1/<slang>/<tlang>/unit")
def add_unit(slang: str, tlang: str) -> Response:
    """Add one unit ``{"source", "target", "context"?, "origin"?}`` (see
    :mod:`.unit_input` for what is refused at the door)."""
    require_token()
    unit = unit_from_request(slang, tlang, json_request())
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
    if len(name) > MAX_NAME_CHARS:
        raise InvalidRequestError(f"name is longer than {MAX_NAME_CHARS} characters")
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


_NO_CONTROLS = "[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]"


def _unit_field(min_length: int, max_length: int, *, blank: bool) -> dict:
    """A unit field as the door checks it (see unit_input.py)."""
    pattern = f"^{_NO_CONTROLS}*$"
    if not blank:
        pattern = (
            f"^{_NO_CONTROLS}*[^\\s\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f"
            f"\\ufffe\\uffff]{_NO_CONTROLS}*$"
        )
    return {
        "type": "string",
        "minLength": min_length,
        "maxLength": max_length,
        "pattern": pattern,
    }


_ADDED = {
    "type": "object",
    "required": ["ok", "added"],
    "properties": {"ok": {"const": True}, "added": {"type": "integer"}},
}
api_doc.add_path(
    "/api/v1/{slang}/{tlang}/unit",
    "post",
    {
        "summary": "Add a unit (needs the bearer token)",
        "description": "Source and target must be in different, known languages "
        "(else 404 unsupported_language); texts must be something TMX can carry "
        "(else 400) and have a letter (else 422).",
        "security": [{"bearer": []}],
        "parameters": api_doc.path_parameters("slang", "tlang"),
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["source", "target"],
                        "properties": {
                            "source": _unit_field(1, 20_000, blank=False),
                            "target": _unit_field(1, 20_000, blank=False),
                            "context": _unit_field(0, 20_000, blank=True),
                            "origin": _unit_field(0, MAX_ORIGIN_CHARS, blank=True),
                        },
                    }
                }
            },
        },
        "responses": {
            "201": api_doc.json_response("added", _ADDED),
            "200": api_doc.json_response("already stored (added is 0)", _ADDED),
        }
        | api_doc.error_responses(400, 401, 404, 413, 422, 503),
    },
)
api_doc.add_path(
    "/api/v1/import",
    "post",
    {
        "summary": "Import a TMX file atomically (needs the bearer token)",
        "security": [{"bearer": []}],
        "parameters": [
            {
                "name": "name",
                "in": "query",
                "schema": {"type": "string", "maxLength": MAX_NAME_CHARS},
            }
        ],
        "requestBody": {
            "required": True,
            "content": {
                "application/xml": {"schema": {"type": "string", "minLength": 1}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                },
            },
        },
        "responses": {
            "200": api_doc.json_response(
                "imported",
                {
                    "type": "object",
                    "required": ["ok", "read", "added"],
                    "properties": {
                        "ok": {"const": True},
                        "read": {"type": "integer"},
                        "added": {"type": "integer"},
                    },
                },
            )
        }
        | api_doc.error_responses(400, 401, 404, 413, 422, 503),
    },
)
