"""Request parsing and response shaping shared by the API blueprints.

The read, write and lint blueprints all decode query strings strictly, read JSON
object bodies and answer in the same JSON form (JSONP where amaGama allows it); these
helpers live here so that no blueprint imports another.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qs

from flask import Response
from flask import current_app
from flask import request

from tmserver.config import Settings
from tmserver.errors import InvalidRequestError
from tmserver.services import suggest as service
from tmserver.web.db import app_state

CACHE_CONTROL = "public, max-age=60"
_CALLBACK_RE = re.compile(r"^[A-Za-z_$][\w$.]{0,63}$")


def match_engine() -> service.MatchEngine:
    """The app's match engine."""
    return current_app.extensions["tmserver_match"]


def request_settings() -> Settings:
    return app_state().settings


def raw_args() -> dict[str, list[str]]:
    """Query parameters decoded strictly (invalid UTF-8 is a 400, not U+FFFD)."""
    raw = request.environ.get("QUERY_STRING", "")
    if isinstance(raw, str):
        raw = raw.encode("latin-1", "replace").decode("latin-1")
    try:
        return parse_qs(raw, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise InvalidRequestError("query string is not valid UTF-8") from None


def arg(args: dict[str, list[str]], name: str) -> str | None:
    values = args.get(name)
    return values[-1] if values else None


def number(
    args: dict[str, list[str]], name: str, default: float, low: float, high: float
) -> float:
    raw = arg(args, name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise InvalidRequestError(f"{name} must be a number, got {raw!r}") from None
    if not low <= value <= high:
        raise InvalidRequestError(f"{name} must be between {low:g} and {high:g}")
    return value


def json_body(payload: Any, *, status: int = 200, cache: bool = False) -> Response:
    """JSON, ``ensure_ascii=False`` (JSONP when a valid ``jsoncallback`` is given)."""
    body = json.dumps(payload, ensure_ascii=False)
    mimetype = "application/json"
    callback = request.args.get("jsoncallback")
    if callback and _CALLBACK_RE.match(callback):
        body, mimetype = f"{callback}({body})", "application/javascript"
    response = Response(body, status=status, mimetype=mimetype)
    response.headers["Content-Type"] = f"{mimetype}; charset=utf-8"
    if cache:
        response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def json_request() -> dict[str, Any]:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise InvalidRequestError("expected a JSON object body")
    return payload
