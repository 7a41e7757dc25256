"""The gunicorn worker ``tmserver serve`` runs: threads, and JSON error bodies.

Why threads (gunicorn's ``gthread``): a sync worker is held by one slow or stalled
client for the whole ``timeout``, so two stalled connections made a two-worker server
unresponsive. A thread worker waits for a new connection's first bytes in its poller
and holds one of its threads, not the process, while a request is read.

Why a subclass: requests gunicorn refuses before the app sees them (a request line or
headers over the limits, a malformed request) would get gunicorn's HTML page; clients
of this server expect the project's JSON error body everywhere.
"""

from __future__ import annotations

import json
from typing import Any

from gunicorn.http import errors as http_errors
from gunicorn.http import message
from gunicorn.workers.gthread import ThreadWorker

#: The request line a query of TMSERVER_MAX_QUERY_CHARS characters can need: every
#: character percent-encoded from up to 4 UTF-8 bytes (12 bytes), plus the path and
#: the other parameters.
BYTES_PER_QUERY_CHAR = 12
REQUEST_LINE_OVERHEAD = 2048

_STATUS = (
    (http_errors.LimitRequestLine, 414, "URI Too Long", "uri_too_long"),
    (
        http_errors.LimitRequestHeaders,
        431,
        "Request Header Fields Too Large",
        "request_header_fields_too_large",
    ),
)
#: Malformed requests: the client's fault, a 400. (Response-header errors are the
#: app's, and the few other statuses gunicorn picks are left to it.)
_BAD_REQUEST = (
    http_errors.InvalidRequestLine,
    http_errors.InvalidRequestMethod,
    http_errors.InvalidHTTPVersion,
    http_errors.ObsoleteFolding,
    http_errors.InvalidChunkSize,
    http_errors.ChunkMissingTerminator,
    http_errors.InvalidChunkExtension,
    http_errors.InvalidProxyLine,
)
_RESPONSE_ERRORS = (
    http_errors.InvalidResponseHeader,
    http_errors.InvalidResponseHeaderName,
)


def request_line_limit(max_query_chars: int) -> int:
    """The request-line limit that fits the documented longest query."""
    return max_query_chars * BYTES_PER_QUERY_CHAR + REQUEST_LINE_OVERHEAD


def allow_request_line(limit: int) -> None:
    """Let gunicorn's parser accept request lines up to ``limit`` bytes.

    gunicorn clamps ``limit_request_line`` to its own 8,190-byte constant, below what
    a 2,000-character Cyrillic query percent-encodes to; the constant is raised (never
    lowered) to the limit the server is configured with.
    """
    if limit > message.MAX_REQUEST_LINE:
        message.MAX_REQUEST_LINE = limit


def error_body(status: int, code: str, text: str) -> bytes:
    """The project's JSON error body (tmserver.web.errors) as an HTTP response."""
    body = json.dumps(
        {"ok": False, "status": status, "code": code, "error": text}
    ).encode("utf-8")
    return body


class JSONErrorThreadWorker(ThreadWorker):
    """gunicorn's thread worker, answering refused requests with the JSON body."""

    def handle_error(self, req: Any, client: Any, addr: Any, exc: Exception) -> None:
        status, reason, code = 400, "Bad Request", "bad_request"
        for kind, kind_status, kind_reason, kind_code in _STATUS:
            if isinstance(exc, kind):
                status, reason, code = kind_status, kind_reason, kind_code
                break
        else:
            malformed = isinstance(
                exc,
                (
                    *_BAD_REQUEST,
                    http_errors.InvalidHeader,
                    http_errors.InvalidHeaderName,
                ),
            ) and not isinstance(exc, _RESPONSE_ERRORS)
            if not malformed:
                super().handle_error(req, client, addr, exc)
                return
        self.log.warning("Invalid request from %s: %s", (addr or ("",))[0], exc)
        body = error_body(status, code, f"{reason.lower()}: {exc}")
        head = (
            f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            "X-Content-Type-Options: nosniff\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode("ascii")
        try:
            client.sendall(head + body)
        except OSError:
            self.log.debug("Failed to send error message.")
