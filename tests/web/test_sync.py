"""The embedded database follows the TMX files of the memories directory."""

from __future__ import annotations

from pathlib import Path

from tests.tmxdata import SEED_PAIRS
from tests.tmxdata import write_tmx
from tmserver.config import Settings
from tmserver.web import create_app


def units(settings: Settings) -> int:
    return create_app(settings).test_client().get("/healthz").get_json()["units"]


def test_changed_and_removed_files_are_reloaded(settings: Settings) -> None:
    memories = Path(settings.memories_dir)
    write_tmx(memories / "a.tmx", SEED_PAIRS)
    (memories / "sub").mkdir()
    write_tmx(memories / "sub" / "b.tmx", SEED_PAIRS[:1], lang="bs")
    assert units(settings) == 4
    write_tmx(memories / "a.tmx", SEED_PAIRS[:2])
    assert units(settings) == 3
    (memories / "sub" / "b.tmx").unlink()
    assert units(settings) == 2
