"""The command line: help, import/export/stats, exit codes, atomic imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from translate.storage.tmx import tmxfile

from tests.tmxdata import SEED_PAIRS
from tests.tmxdata import write_tmx
from tmserver.cli import cli

COMMANDS = [
    "serve",
    "init-db",
    "import",
    "export",
    "stats",
    "align",
    "build",
    "detect",
    "lint",
    "evaluate",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_group_help_lists_commands(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


def test_import_stats_export_round_trip(runner: CliRunner, tmp_path: Path) -> None:
    source = write_tmx(tmp_path / "seed.tmx", SEED_PAIRS)
    result = runner.invoke(cli, ["import", str(source)])
    assert result.exit_code == 0, result.output
    assert "3 new" in result.output

    again = runner.invoke(cli, ["import", str(source)])
    assert "0 new, 3 already stored" in again.output

    stats = runner.invoke(cli, ["stats", "--json"])
    assert '"total": 3' in stats.output

    out = tmp_path / "out.tmx"
    exported = runner.invoke(cli, ["export", "-o", str(out), "--target-lang", "hr"])
    assert exported.exit_code == 0, exported.output
    store = tmxfile(out.read_bytes())
    pairs = [(u.source, u.target) for u in store.units]
    assert pairs == SEED_PAIRS


def test_malformed_file_aborts_the_whole_import(runner: CliRunner, tmp_path: Path):
    good = write_tmx(tmp_path / "good.tmx", SEED_PAIRS)
    bad = tmp_path / "bad.tmx"
    bad.write_text(write_tmx(tmp_path / "x.tmx", SEED_PAIRS).read_text()[:-30])
    result = runner.invoke(cli, ["import", str(good), str(bad)])
    assert result.exit_code == 3
    assert "bad.tmx:" in result.output
    stats = runner.invoke(cli, ["stats", "--json"])
    assert '"total": 0' in stats.output


def test_missing_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["import", str(tmp_path / "nope.tmx")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_unsafe_tmx_is_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    evil = tmp_path / "evil.tmx"
    evil.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<tmx version="1.4"><header '
        'srclang="en"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv>'
        '<tuv xml:lang="hr"><seg>x</seg></tuv></tu></body></tmx>'
    )
    result = runner.invoke(cli, ["import", str(evil)])
    assert result.exit_code == 3
    assert "evil.tmx" in result.output


def test_init_db_reports_the_revision(runner: CliRunner) -> None:
    first = runner.invoke(cli, ["init-db"])
    assert first.exit_code == 0, first.output
    assert "upgraded from nothing" in first.output
    second = runner.invoke(cli, ["init-db"])
    assert "up to date" in second.output


def test_init_db_on_postgres(postgres_url: str) -> None:
    result = CliRunner().invoke(cli, ["--database-url", postgres_url, "init-db"])
    assert result.exit_code == 0, result.output
    assert "upgraded from nothing" in result.output


def test_bad_database_url_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--database-url", "nosuchdb://x", "stats"])
    assert result.exit_code == 2
    assert "database URL" in result.output


def test_unprepared_postgres_says_to_run_init_db(postgres_url: str) -> None:
    result = CliRunner().invoke(cli, ["--database-url", postgres_url, "stats"])
    assert result.exit_code == 2
    assert "tmserver init-db" in result.output


def test_import_into_postgres_after_init_db(postgres_url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    source = write_tmx(tmp_path / "seed.tmx", SEED_PAIRS)
    assert (
        runner.invoke(cli, ["--database-url", postgres_url, "init-db"]).exit_code == 0
    )
    result = runner.invoke(cli, ["--database-url", postgres_url, "import", str(source)])
    assert result.exit_code == 0, result.output
    assert "3 new" in result.output
