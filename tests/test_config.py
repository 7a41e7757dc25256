from __future__ import annotations

import re
from pathlib import Path

import pytest

from tmserver.config import Settings
from tmserver.config import documented_settings
from tmserver.errors import InvalidRequestError

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


def test_defaults_need_no_configuration(tmp_path: Path) -> None:
    settings = Settings.from_env({}, instance_dir=str(tmp_path))
    assert settings.is_embedded()
    assert settings.resolved_database_url() == f"sqlite:///{tmp_path / 'tmserver.db'}"
    assert (settings.host, settings.port) == ("127.0.0.1", 8080)


def test_environment_overrides_and_explicit_overrides_win() -> None:
    env = {"TMSERVER_PORT": "9000", "TMSERVER_DATABASE_URL": "postgresql://db/tm"}
    settings = Settings.from_env(env, port=9100)
    assert settings.port == 9100
    assert settings.database_url == "postgresql://db/tm"
    assert not settings.is_embedded()


def test_bad_integer_is_a_clear_error() -> None:
    with pytest.raises(InvalidRequestError, match="TMSERVER_PORT"):
        Settings.from_env({"TMSERVER_PORT": "eighty"})


@pytest.mark.parametrize(("name", "default", "help"), documented_settings())
def test_every_setting_is_documented(name: str, default: object, help: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert re.search(rf"`{name}`", text), f"{name} missing from docs/settings.md"
    assert help
