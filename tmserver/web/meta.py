"""Health and memory statistics endpoints."""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint
from flask import Response
from flask import jsonify

from tmserver.store import queries
from tmserver.web.db import app_state
from tmserver.web.db import get_session

meta = Blueprint("meta", __name__)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@meta.get("/healthz")
def healthz() -> Response:
    """Liveness plus a cheap database round trip."""
    units = queries.count_units(get_session())
    dialect = app_state().engine.dialect.name
    return jsonify({"ok": True, "units": units, "database": dialect})


@meta.get("/api/v1/stats")
def memory_stats() -> Response:
    """Units per language pair and origin, and when the memory last changed."""
    result = queries.stats(get_session())
    return jsonify(
        {
            "total": result.total,
            "last_update": _iso(result.last_update),
            "pairs": [
                {
                    "source_lang": pair.source_lang,
                    "target_lang": pair.target_lang,
                    "units": pair.units,
                    "origins": [
                        {
                            "origin": o.origin,
                            "units": o.units,
                            "last_update": _iso(o.last_update),
                        }
                        for o in pair.origins
                    ],
                }
                for pair in result.pairs
            ],
        }
    )
