"""``POST /api/v1/pretranslate``: a release in, its draft out (JSON or a file).

The release comes as JSON ``{"text", "target_lang", "name"?, "format"?,
"min_similarity"?, "copy_source"?}`` or as a multipart upload (``file`` plus the same
fields as form values), so DOCX, XLIFF and PO releases work too. ``format`` is
``json`` (default: every segment with level and adaptations, plus the summary) or
one of the draft formats, answered as a download.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint
from flask import Response
from flask import request

from tmserver.errors import InvalidRequestError
from tmserver.errors import PayloadTooLargeError
from tmserver.formats.outputs import FORMATS
from tmserver.formats.outputs import MEDIA_TYPES
from tmserver.formats.outputs import render
from tmserver.formats.release import read_release
from tmserver.formats.summary import draft_json
from tmserver.services.pretranslate import pretranslate
from tmserver.services.pretranslate import settings_policy
from tmserver.web import openapi as api_doc
from tmserver.web.db import get_session
from tmserver.web.wire import boolean
from tmserver.web.wire import json_body
from tmserver.web.wire import json_request
from tmserver.web.wire import match_engine
from tmserver.web.wire import request_settings

pretranslate_api = Blueprint("pretranslate_api", __name__)
NON_BLANK = {"type": "string", "minLength": 1, "pattern": "\\S"}


def _release_input() -> tuple[bytes, str, dict[str, Any]]:
    upload = request.files.get("file")
    if upload is not None:
        return upload.read(), upload.filename or "release.txt", dict(request.form)
    if not request.is_json:
        raise InvalidRequestError("send a JSON object or a multipart file upload")
    payload = json_request()
    text = payload.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InvalidRequestError('"text" must be a non-empty string')
    for key in ("name", "format"):
        if key in payload and not isinstance(payload[key], str):
            raise InvalidRequestError(f'"{key}" must be a string')
    number = payload.get("min_similarity", 75.0)
    if isinstance(number, bool) or not isinstance(number, int | float):
        raise InvalidRequestError('"min_similarity" must be a number')
    return text.encode("utf-8"), payload.get("name") or "release.txt", payload


def _number(fields: dict[str, Any], name: str, default: float) -> float:
    raw = fields.get(name, default)
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise InvalidRequestError(f"{name} must be a number") from None
    if not 30 <= value <= 100:
        raise InvalidRequestError(f"{name} must be between 30 and 100")
    return value


def _flag(fields: dict[str, Any], name: str, *, form: bool) -> bool:
    """A JSON boolean, or ``true``/``false`` in a form: ``"yes"`` or ``1`` are a 400."""
    if not form:
        return boolean(fields, name, False)
    value = fields.get(name, "false")
    if value not in ("true", "false"):
        raise InvalidRequestError(f'"{name}" must be true or false')
    return value == "true"


@pretranslate_api.post("/api/v1/pretranslate")
def pretranslate_release() -> Response:
    """Pre-translate the posted release (see the module docstring)."""
    data, name, fields = _release_input()
    form = "file" in request.files
    target_lang = fields.get("target_lang")
    if not isinstance(target_lang, str) or not target_lang.strip():
        raise InvalidRequestError('"target_lang" is required')
    fmt = str(fields.get("format") or "json")
    if fmt != "json" and fmt not in FORMATS:
        raise InvalidRequestError(f"format must be json or one of {', '.join(FORMATS)}")
    if len(data) > request_settings().max_upload_bytes:
        raise PayloadTooLargeError("the release is larger than the upload limit")
    release = read_release(data, name)
    policy = settings_policy(
        request_settings(), _number(fields, "min_similarity", 75.0)
    )
    draft = pretranslate(
        get_session(),
        match_engine(),
        release,
        target_lang,
        policy,
        copy_source=_flag(fields, "copy_source", form=form),
    )
    if fmt == "json":
        return json_body(draft_json(draft))
    output = render(draft, fmt)
    stem = name.rsplit(".", 1)[0] or "release"
    response = Response(output.data, mimetype=output.media_type)
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{_safe(stem)}.{draft.target_lang}{output.suffix}"'
    )
    return response


def _draft_response() -> dict[str, Any]:
    """200: the draft as JSON, or as a file in one of the draft formats."""
    response = api_doc.json_response("draft", {"type": "object"})
    binary = {"schema": {"type": "string", "format": "binary"}}
    response["content"].update({media: binary for media in MEDIA_TYPES.values()})
    return response


def _safe(stem: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in stem)[:80]


api_doc.add_path(
    "/api/v1/pretranslate",
    "post",
    {
        "summary": "Pre-translate a release (text, HTML, DOCX, XLIFF or PO)",
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["text", "target_lang"],
                        "properties": {
                            "text": NON_BLANK,
                            "target_lang": api_doc.LANGUAGE_TAG,
                            "name": {"type": "string"},
                            "format": {"type": "string", "enum": ["json", *FORMATS]},
                            "min_similarity": {
                                "type": "number",
                                "minimum": 30,
                                "maximum": 100,
                            },
                            "copy_source": {"type": "boolean"},
                        },
                    }
                },
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file", "target_lang"],
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "target_lang": api_doc.LANGUAGE_TAG,
                            "format": {"type": "string", "enum": ["json", *FORMATS]},
                            "copy_source": {
                                "type": "string",
                                "enum": ["true", "false"],
                            },
                        },
                    }
                },
            },
        },
        "responses": {"200": _draft_response()}
        | api_doc.error_responses(400, 404, 413, 422),
    },
)
