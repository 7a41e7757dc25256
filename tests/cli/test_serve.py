"""A real ``tmserver serve`` process: gunicorn workers, embedded database, memories."""

from __future__ import annotations

from pathlib import Path

from tests.server import serve
from tests.tmxdata import SEED_PAIRS
from tests.tmxdata import write_tmx


def test_serve_loads_memories_into_the_embedded_database(tmp_path: Path) -> None:
    (tmp_path / "memories").mkdir()
    write_tmx(tmp_path / "memories" / "seed.tmx", SEED_PAIRS)
    with serve(tmp_path) as server:
        status, body = server.get_json("/healthz")
        assert status == 200
        assert body == {"ok": True, "units": 3, "database": "sqlite"}
        status, body = server.get_json("/nowhere")
        assert status == 404 and body["code"] == "not_found"
    assert (tmp_path / "instance" / "tmserver.db").is_file()


def test_serve_works_on_an_empty_memory(tmp_path: Path) -> None:
    with serve(tmp_path, workers=1) as server:
        status, body = server.get_json("/api/v1/stats")
        assert status == 200
        assert body["total"] == 0 and body["pairs"] == []
