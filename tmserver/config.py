"""Settings: one frozen dataclass, one documented table, read from ``TMSERVER_*``.

Every setting is a field below with its help text; ``docs/settings.md`` documents each
one and a test keeps the two in step. Only the edges (web, CLI) build ``Settings``;
everything below them receives explicit parameters.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from tmserver.errors import InvalidRequestError

ENV_PREFIX = "TMSERVER_"


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    """Runtime configuration. Field names map to ``TMSERVER_<NAME>`` variables."""

    database_url: str = _setting(
        "",
        "SQLAlchemy URL of the memory database. Empty: an SQLite file "
        "`tmserver.db` in the instance directory.",
    )
    instance_dir: str = _setting(
        "instance", "Directory for the embedded SQLite database and other state."
    )
    memories_dir: str = _setting(
        "memories", "Directory of TMX memories loaded into the embedded database."
    )
    host: str = _setting("127.0.0.1", "Address `tmserver serve` listens on.")
    port: int = _setting(8080, "Port `tmserver serve` listens on.")
    workers: int = _setting(2, "Worker processes of `tmserver serve`.")
    threads: int = _setting(
        16,
        "Threads per worker process of `tmserver serve`; a slow or stalled client "
        "holds one thread, never a whole worker.",
    )
    db_lock_timeout: int = _setting(
        30,
        "Seconds a write (import, API unit or upload) waits for another writer "
        'before failing with "the memory is busy" (exit 3, HTTP 503 with '
        "`Retry-After`); nothing is written then.",
    )
    min_similarity: int = _setting(
        70, "Default lowest match quality (percent) returned by the suggestion API."
    )
    max_candidates: int = _setting(
        5, "Default number of suggestions returned per query."
    )
    api_token: str = _setting(
        "",
        "Bearer token that enables the write API (adding units, uploading TMX). "
        "Empty: the server is read-only.",
    )
    max_tmx_bytes: int = _setting(
        4 * 1024**3, "Largest TMX file `tmserver import` and `serve` read, in bytes."
    )
    max_upload_bytes: int = _setting(
        100 * 1024**2, "Largest request body (TMX upload, lint input) in bytes."
    )
    max_lint_bytes: int = _setting(
        1024**2,
        "Largest body of a `POST /api/v1/lint` request in bytes (larger: 413).",
    )
    max_lint_segments: int = _setting(
        5_000,
        "Most segment pairs one `POST /api/v1/lint` request may hold (more: 413).",
    )
    lint_cache_bytes: int = _setting(
        32 * 1024**2,
        "Approximate size in bytes of each server process's cache of lint look-ups "
        "in the memory; the least recently used answers are dropped beyond it.",
    )
    max_units: int = _setting(
        5_000_000, "Most translation units accepted from one TMX file."
    )
    max_segment_chars: int = _setting(
        20_000, "Longest segment accepted from a TMX file, in characters."
    )
    align_min_confidence: int = _setting(
        50,
        "Lowest alignment confidence (percent) of a sentence pair `tmserver align` "
        "and `tmserver build` put into the memory; weaker links go to a review file.",
    )
    max_query_chars: int = _setting(
        2_000, "Longest query text accepted by the suggestion API, in characters."
    )
    match_refresh_seconds: int = _setting(
        2,
        "How often (seconds) each server process checks the database for changes "
        "made by other processes before answering a suggestion request.",
    )
    match_delta_limit: int = _setting(
        20_000,
        "Most units written since the last index build that each server process "
        "searches by brute force; past it (or after a deletion) the process rebuilds "
        "its index from the database.",
    )
    match_max_verify: int = _setting(
        500,
        "Most candidates verified exactly per suggestion query (the index's recall "
        "cap; higher is slower and closer to a brute-force scan; 0: no cap, the exact "
        "search, which returns what a brute-force scan returns but is several times "
        "slower on a large memory of near duplicates).",
    )
    match_context_penalty: int = _setting(
        0,
        "Quality points taken off a suggestion whose context differs from the "
        "request's `context` parameter (0: off; Weblate uses about 5).",
    )
    match_age_penalty_per_year: int = _setting(
        0,
        "Quality points taken off a suggestion per year since its unit last changed "
        "(0: off; capped at 10 points).",
    )

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, **overrides: Any
    ) -> Settings:
        """Build settings from ``TMSERVER_*`` variables, then explicit overrides.

        :raises InvalidRequestError: when a variable does not parse as its type.
        """
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for spec in dataclasses.fields(cls):
            name = ENV_PREFIX + spec.name.upper()
            if name in environ:
                values[spec.name] = _parse(name, environ[name], spec.type)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def resolved_database_url(self) -> str:
        """The database URL, defaulting to the embedded SQLite file."""
        if self.database_url:
            return self.database_url
        path = Path(self.instance_dir).resolve() / "tmserver.db"
        return f"sqlite:///{path}"

    def is_embedded(self) -> bool:
        """True for SQLite, the default: its schema is created on first use.

        A server database (PostgreSQL) is created and upgraded by ``tmserver init-db``
        only, so an app server never changes a shared schema behind its owner's back.
        """
        return self.resolved_database_url().startswith("sqlite")


def _parse(name: str, raw: str, type_name: Any) -> Any:
    if type_name in (int, "int"):
        try:
            return int(raw)
        except ValueError:
            raise InvalidRequestError(
                f"{name} must be an integer, got {raw!r}"
            ) from None
    return raw


def documented_settings() -> list[tuple[str, Any, str]]:
    """(environment variable, default, help) for every setting, for the docs."""
    return [
        (ENV_PREFIX + spec.name.upper(), spec.default, spec.metadata["help"])
        for spec in dataclasses.fields(Settings)
    ]
