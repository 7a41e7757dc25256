"""TMX dates: ``YYYYMMDDThhmmssZ`` in UTC, read leniently, written strictly.

TMX 1.4b allows exactly one date form (ISO 8601 basic format in UTC). Reading also
accepts the other ISO 8601 spellings Python understands, because some tools write
``2024-03-01T10:00:00Z``; a date that is not ISO 8601 at all is an error.
"""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from functools import lru_cache

TMX_DATE_FORMAT = "%Y%m%dT%H%M%SZ"


@lru_cache(maxsize=4096)
def parse_tmx_date(value: str) -> datetime:
    """An aware UTC datetime from a TMX date; naive values are taken as UTC.

    Cached because a memory usually repeats a handful of dates many times.

    :raises ValueError: when ``value`` is not an ISO 8601 date and time.
    """
    parsed = datetime.fromisoformat(value.strip())
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def format_tmx_date(value: datetime) -> str:
    """``YYYYMMDDThhmmssZ`` for ``value``; naive datetimes are taken as UTC.

    Sub-second precision is dropped: TMX cannot carry it.
    """
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime(TMX_DATE_FORMAT)
