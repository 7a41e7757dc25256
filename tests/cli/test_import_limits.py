"""``tmserver import`` refuses, before writing, what the schema cannot hold, with the
same exit code and message on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.server import REPO
from tests.tmxdata import FOOTER
from tests.tmxdata import HEADER
from tmserver.store.db import make_engine
from tmserver.store.db import upgrade_schema


def tu_with_origin(source: str, origin: str) -> str:
    return (
        f'<tu><prop type="x-origin">{origin}</prop>'
        f'<tuv xml:lang="en"><seg>{source}</seg></tuv>'
        f'<tuv xml:lang="hr"><seg>Prijevod.</seg></tuv></tu>\n'
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'memory.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
    engine = make_engine(url)
    upgrade_schema(engine)
    engine.dispose()
    return url


@pytest.mark.parametrize(("length", "code"), [(1000, 0), (1001, 3)])
def test_an_origin_longer_than_the_schema_holds_is_bad_input(
    database: str, tmp_path: Path, length: int, code: int
) -> None:
    body = tu_with_origin("Fine.", "ok") + tu_with_origin("Long.", "o" * length)
    tmx = tmp_path / "long-origin.tmx"
    tmx.write_text(HEADER + body + FOOTER, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "tmserver", "import", str(tmx)],
        env={**os.environ, "PYTHONPATH": str(REPO), "TMSERVER_DATABASE_URL": database},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == code, run.stderr
    assert "Traceback" not in run.stderr
    engine = make_engine(database)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM units")).scalar()
    engine.dispose()
    if code:
        assert "long-origin.tmx" in run.stderr and "1,000" in run.stderr
        assert stored == 0  # all or nothing: the fine unit is not stored either
    else:
        assert stored == 2
