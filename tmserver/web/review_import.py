"""The write API's import of reviewed XLIFF, PO and bilingual TSV files.

``POST /api/v1/import`` hands these here by file name (``?name=`` or the upload's
name); ``include_drafts`` and ``target_lang`` come as query or form values. One
transaction: a bad file leaves the memory as it was.
"""

from __future__ import annotations

from flask import Response
from flask import request

from tmserver.services.pretranslate import describe
from tmserver.services.pretranslate import import_reviewed_upload
from tmserver.web.db import get_session
from tmserver.web.wire import json_body


def import_reviewed(data: bytes, name: str) -> Response:
    """Import one reviewed file (the caller has checked the token)."""
    values = request.values
    include = values.get("include_drafts", "").lower() in ("1", "true", "yes", "on")
    session = get_session()
    with session.begin():
        report = import_reviewed_upload(
            session,
            f"{name}",
            data,
            target_lang=values.get("target_lang") or None,
            include_drafts=include,
        )
    return json_body({"ok": True} | describe(report))
