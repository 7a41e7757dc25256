"""One JSON error body for every error the web edge returns, routing errors included.

Shape: ``{"ok": false, "status": 404, "code": "not_found", "error": "..."}``.
"""

from __future__ import annotations

import logging

from flask import Flask
from flask import Response
from flask import jsonify
from werkzeug.exceptions import HTTPException

from tmserver.errors import MemoryBusyError
from tmserver.errors import TMServerError

log = logging.getLogger(__name__)
#: What a 503 "memory busy" tells the client to wait before trying again.
RETRY_AFTER_SECONDS = 5


def error_response(status: int, code: str, message: str) -> Response:
    """The canonical JSON error response."""
    response = jsonify({"ok": False, "status": status, "code": code, "error": message})
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def _slug(name: str) -> str:
    return name.lower().replace(" ", "_").replace("-", "_")


def register_error_handlers(app: Flask) -> None:
    """Route TMServerError, HTTP errors and anything unexpected to the JSON body."""

    @app.errorhandler(TMServerError)
    def _tmserver_error(error: TMServerError) -> Response:
        if error.status_code >= 500:
            log.error("server error: %s", error)
        response = error_response(error.status_code, error.code, str(error))
        if isinstance(error, MemoryBusyError):
            response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        status = error.code or 500
        response = error_response(status, _slug(error.name), error.description or "")
        if status == 405 and error.valid_methods:  # type: ignore[attr-defined]
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        log.exception("unhandled error", exc_info=error)
        return error_response(500, "internal_error", "internal server error")
