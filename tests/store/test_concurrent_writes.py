"""Writers at the same time, and writers killed half-way, on SQLite and PostgreSQL.

Real ``tmserver import`` processes against a real SQLite file or the real PostgreSQL:
two overlapping imports whose shared units come in opposite orders both succeed and
store every unit; a writer that cannot get the lock within TMSERVER_DB_LOCK_TIMEOUT
exits 3 with "the memory is busy" and writes nothing; ``kill -9`` at any point of an
import leaves the database exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.server import REPO
from tests.tmxdata import write_tmx
from tmserver.store.db import make_engine
from tmserver.store.db import make_session_factory
from tmserver.store.db import upgrade_schema
from tmserver.units import TranslationUnit


def pairs(start: int, stop: int) -> list[tuple[str, str]]:
    return [
        (f"Sentence number {i} of the notice.", f"Rečenica broj {i}.")
        for i in range(start, stop)
    ]


def environment(url: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "TMSERVER_DATABASE_URL": url}
    env.update(extra)
    return env


def start_import(url: str, *files: Path, **extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tmserver", "import", *map(str, files)],
        env=environment(url, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(run: subprocess.Popen, timeout: float = 120) -> int:
    """Wait for an import, closing its pipes; its exit code."""
    run.communicate(timeout=timeout)
    return run.returncode


def stored(url: str) -> set[tuple[str, str]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT source, target FROM units"))
            return {(s, t) for s, t in rows}
    finally:
        engine.dispose()


def fingerprint(url: str) -> str:
    """A digest of every row of the memory and its change counter."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                text("SELECT key, source, target, origin FROM units ORDER BY key")
            ).all()
            counter = connection.execute(
                text("SELECT counter FROM memory_state")
            ).scalar()
    finally:
        engine.dispose()
    return hashlib.sha256(repr((rows, counter)).encode()).hexdigest()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A prepared, empty memory on each database."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'memory.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    upgrade_schema(engine)
    engine.dispose()
    return url


@pytest.mark.slow
def test_overlapping_imports_in_opposite_orders_lose_nothing(
    database: str, tmp_path: Path
) -> None:
    # shared units 4,000..8,000 appear in both files, in opposite orders
    first = write_tmx(tmp_path / "a.tmx", pairs(0, 8_000))
    second = write_tmx(tmp_path / "b.tmx", list(reversed(pairs(4_000, 12_000))))
    third = write_tmx(tmp_path / "c.tmx", pairs(12_000, 14_000))
    runs = [
        start_import(database, first, third),
        start_import(database, third, second),
        start_import(database, second, first),
    ]
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        assert "Traceback" not in err
    assert stored(database) == set(pairs(0, 14_000))


def test_api_and_import_writers_at_once_lose_nothing(database: str) -> None:
    """Single-unit writes interleaved with a bulk write from another session."""
    engine = make_engine(database)
    factory = make_session_factory(engine)
    from tmserver.store import queries

    try:
        with factory() as bulk, factory() as single:
            with bulk.begin():
                queries.add_units(
                    bulk, [TranslationUnit(s, t, "en", "hr") for s, t in pairs(0, 50)]
                )
            with single.begin():
                added = queries.add_units(
                    single, [TranslationUnit(*pairs(49, 51)[1], "en", "hr")]
                )
            assert added == 1
    finally:
        engine.dispose()
    assert stored(database) == set(pairs(0, 51))


def hold_sqlite_write_lock(url: str) -> sqlite3.Connection:
    connection = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("UPDATE memory_state SET counter = counter")
    return connection


def test_a_writer_waits_then_reports_the_memory_busy_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'memory.db'}"
    engine = make_engine(url)
    upgrade_schema(engine)
    engine.dispose()
    before = fingerprint(url)
    tmx = write_tmx(tmp_path / "a.tmx", pairs(0, 100))
    lock = hold_sqlite_write_lock(url)
    try:
        started = time.monotonic()
        run = start_import(url, tmx, TMSERVER_DB_LOCK_TIMEOUT="1")
        _, err = run.communicate(timeout=60)
        waited = time.monotonic() - started
    finally:
        lock.rollback()
        lock.close()
    assert run.returncode == 3, err
    assert "busy" in err and "Traceback" not in err
    assert waited >= 1.0
    assert fingerprint(url) == before
    # once the other writer is done, the same import goes through
    again = start_import(url, tmx)
    assert finish(again) == 0
    assert stored(url) == set(pairs(0, 100))


def test_a_writer_waits_then_reports_the_memory_busy_postgresql(
    postgres_url: str, tmp_path: Path
) -> None:
    engine = make_engine(postgres_url)
    upgrade_schema(engine)
    before = fingerprint(postgres_url)
    tmx = write_tmx(tmp_path / "a.tmx", pairs(0, 100))
    factory = make_session_factory(engine)
    from tmserver.store import queries

    holder = factory()
    try:
        holder.begin()
        # an uncommitted unit the import also holds: the import must wait for it
        queries.add_units(holder, [TranslationUnit(*pairs(50, 51)[0], "en", "hr")])
        run = start_import(postgres_url, tmx, TMSERVER_DB_LOCK_TIMEOUT="1")
        _, err = run.communicate(timeout=60)
    finally:
        holder.rollback()
        holder.close()
        engine.dispose()
    assert run.returncode == 3, err
    assert "busy" in err and "Traceback" not in err
    assert fingerprint(postgres_url) == before


@pytest.mark.slow
def test_kill_9_mid_import_leaves_no_partial_import(
    database: str, tmp_path: Path
) -> None:
    """Killed at 15 % to 97 % of its run time, an import has stored nothing, or (when
    the kill came after its commit) all of it; never a part."""
    seed = write_tmx(tmp_path / "seed.tmx", pairs(0, 500))
    assert finish(start_import(database, seed)) == 0
    before = fingerprint(database)
    big = write_tmx(tmp_path / "big.tmx", pairs(400, 40_400))
    started = time.monotonic()
    assert finish(start_import(database, big), 300) == 0  # timed, then undone
    seconds = time.monotonic() - started
    complete = fingerprint(database)
    _reset(database, seed)
    killed = 0
    for fraction in (0.15, 0.3, 0.5, 0.7, 0.85, 0.97):
        url, name = _tagged(database)
        run = start_import(url, big)
        time.sleep(seconds * fraction)
        run.send_signal(signal.SIGKILL)
        finish(run, 30)
        _wait_for_server_side_end(database, name)
        after = fingerprint(database)
        assert after in (before, complete), f"partial import at {fraction:.0%}"
        if run.returncode == -signal.SIGKILL and after == before:
            killed += 1
        if after != before:
            _reset(database, seed)
    assert killed >= 2  # kills that landed before the commit (load varies)


def _tagged(url: str) -> tuple[str, str]:
    """The URL with a PostgreSQL application name to find the import's backend by."""
    if not url.startswith("postgresql"):
        return url, ""
    name = f"kill9-{uuid.uuid4().hex[:12]}"
    return f"{url}{'&' if '?' in url else '?'}application_name={name}", name


def _wait_for_server_side_end(url: str, name: str) -> None:
    """A killed client's PostgreSQL backend may still be finishing (a COMMIT already
    sent lands after the kill): wait until it is gone before looking."""
    if not name:
        return
    engine = make_engine(url)
    try:
        for _ in range(300):
            with engine.connect() as connection:
                alive = connection.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE application_name = :n"
                    ),
                    {"n": name},
                ).scalar()
            if not alive:
                return
            time.sleep(0.1)
    finally:
        engine.dispose()
    raise AssertionError("the killed import's backend did not end")


def _reset(url: str, seed: Path) -> None:
    """Empty the memory and import the seed again (same rows, same counter)."""
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM units"))
        connection.execute(text("UPDATE memory_state SET counter = 0, updated = NULL"))
    engine.dispose()
    assert finish(start_import(url, seed)) == 0
