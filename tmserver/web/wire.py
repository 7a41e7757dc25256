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
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.routing import RequestRedirect

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


#: Deepest nesting of arrays/objects a JSON body may have (our bodies need 2).
MAX_JSON_DEPTH = 32
#: Largest JSON body of any endpoint (the longest suggest text, escaped, fits): a
#: JSON document costs many times its size to parse, so the 100 MB upload cap is
#: far too high for one. Endpoints may cap lower (lint does).
MAX_JSON_BYTES = 4 * 1024**2


def json_request() -> dict[str, Any]:
    """The request's JSON object body, or a 400 for anything else.

    Parsed here rather than by ``get_json(silent=True)``, which lets a deeply nested
    body's ``RecursionError`` escape as a 500 and accepts escaped lone surrogates
    (``"\\ud800"``) that fail later when the text is encoded. A body over the
    request's ``max_content_length`` (at most :data:`MAX_JSON_BYTES`) is a 413.
    """
    limit = request.max_content_length
    if limit is None or limit > MAX_JSON_BYTES:
        request.max_content_length = MAX_JSON_BYTES
    raw = request.get_data(cache=True)
    try:
        payload = json.loads(raw)
    except (ValueError, RecursionError):
        raise InvalidRequestError("the body is not valid JSON (UTF-8)") from None
    if not isinstance(payload, dict):
        raise InvalidRequestError("expected a JSON object body")
    _check_json_values(payload)
    return payload


def _check_json_values(payload: Any) -> None:
    """Refuse lone surrogates in any string and nesting deeper than MAX_JSON_DEPTH."""
    pending = [(payload, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            _check_string(value)
        elif isinstance(value, (dict, list)):
            if depth > MAX_JSON_DEPTH:
                raise InvalidRequestError(
                    f"the JSON body is nested deeper than {MAX_JSON_DEPTH} levels"
                )
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str):
                    _check_string(key)
                pending.append((item, depth + 1))


def _check_string(value: str) -> None:
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise InvalidRequestError(
                "the JSON body holds a lone surrogate (not Unicode text)"
            ) from None


def boolean(payload: dict[str, Any], name: str, default: bool) -> bool:
    """A JSON boolean member: ``"no"`` or ``0`` are a 400, never silently true."""
    value = payload.get(name, default)
    if not isinstance(value, bool):
        raise InvalidRequestError(f'"{name}" must be true or false')
    return value


#: Sent with every response; the page adds its own, wider, CSP (web/ui.py).
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
}


def refuse_redirect_from_a_resource() -> None:
    """``before_request`` hook: a method a URL does not allow is a 405 there.

    Werkzeug would redirect ``GET /api/v1/en/hr/unit`` (a POST-only resource) to the
    suggestion route ``…/unit/``; a URL that names a resource of its own answers
    405 with ``Allow`` instead, and only URLs that name nothing are redirected.
    """
    if not isinstance(request.routing_exception, RequestRedirect):
        return
    adapter = current_app.url_map.bind_to_environ(request.environ)
    allowed = adapter.allowed_methods(request.path)
    if allowed and request.method not in allowed:
        raise MethodNotAllowed(valid_methods=sorted(allowed))


def add_security_headers(response: Response) -> Response:
    """``after_request`` hook: the security headers, where a view set none."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response
