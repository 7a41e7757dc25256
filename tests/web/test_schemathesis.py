"""Schemathesis over ``/api/openapi.json`` against a live ``tmserver serve``.

Every check schemathesis has (server errors, status codes, content types, response
schemas, positive data accepted and negative data rejected, methods, Allow, auth),
a bounded number of examples per operation, the bearer token supplied: 0 failures.
The few documented exceptions are in tests/data/schemathesis.toml. Runs against
SQLite and PostgreSQL (their limits must agree).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.server import serve
from tests.tmxdata import SEED_PAIRS
from tests.tmxdata import write_tmx
from tmserver.store.db import make_engine
from tmserver.store.db import upgrade_schema

CONFIG = Path(__file__).resolve().parents[1] / "data" / "schemathesis.toml"
TOKEN = "schemathesis-token"
EXAMPLES = int(os.environ.get("TMSERVER_TEST_SCHEMATHESIS_EXAMPLES", "8"))


def schemathesis_command() -> list[str]:
    found = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("schemathesis is not installed (it is in the test extra)")
    return [found]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("database", "phases"),
    [
        ("sqlite", "examples,coverage,fuzzing,stateful"),
        # boundary values (the longest fields) are what differ between databases
        ("postgresql", "coverage"),
    ],
)
def test_the_api_conforms_to_its_openapi_document(
    request: pytest.FixtureRequest, tmp_path: Path, database: str, phases: str
) -> None:
    (tmp_path / "memories").mkdir()
    write_tmx(tmp_path / "memories" / "seed.tmx", SEED_PAIRS)
    env = {"TMSERVER_API_TOKEN": TOKEN, "TMSERVER_DB_LOCK_TIMEOUT": "5"}
    if database == "postgresql":
        url = request.getfixturevalue("postgres_url")
        engine = make_engine(url)
        upgrade_schema(engine)
        engine.dispose()
        env["TMSERVER_DATABASE_URL"] = url
    with serve(tmp_path, workers=2, extra_env=env) as server:
        run = subprocess.run(
            [
                *schemathesis_command(),
                "--no-color",
                "--config-file",
                str(CONFIG),
                "run",
                f"{server.url}/api/openapi.json",
                "--checks",
                "all",
                "--max-examples",
                str(EXAMPLES),
                "--phases",
                phases,
                "--workers",
                "1",
                "--header",
                f"Authorization: Bearer {TOKEN}",
            ],
            capture_output=True,
            text=True,
            timeout=600,
            env={**os.environ, "NO_COLOR": "1"},
            cwd=tmp_path,  # its cache directory goes there, not into the checkout
        )
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
    tested = re.search(r"Tested:\s+(\d+)", run.stdout)
    assert tested and int(tested.group(1)) >= 14, run.stdout[-3000:]
