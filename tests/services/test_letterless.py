"""Units without a letter (separator lines) are never built, imported or served."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from translate.storage.tmx import tmxfile

from tmserver.cli import cli
from tmserver.services.build import build_memories
from tmserver.services.suggest import MatchEngine
from tmserver.services.suggest import MatchPolicy
from tmserver.services.suggest import suggest
from tmserver.store import queries
from tmserver.text.letters import has_letter
from tmserver.tmx import write_tmx
from tmserver.units import TranslationUnit

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "memories" / "announcements" / "000_6b75173c87418f4b.txt"
JUNK = [("******", "Vijesti"), ("News", "*" * 22), ("***", "***")]
GOOD = [("News", "Vijesti"), ("Local news", "Lokalne vijesti")]


def _units(rows: list[tuple[str, str]]) -> list[TranslationUnit]:
    return [
        TranslationUnit(source=s, target=t, source_lang="en", target_lang="hr")
        for s, t in rows
    ]


def test_build_skips_separator_lines_with_a_count(tmp_path: Path) -> None:
    lines = []
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        if line.startswith("U okviru"):
            lines += ["*" * 22, ""]
        lines.append(line)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("\n".join(lines), encoding="utf-8")
    report = build_memories(tmp_path / "in", tmp_path / "out")
    # the separator row is page furniture: left out before alignment (issue 13),
    # so it never becomes a unit the letterless guard has to skip
    assert report.furniture + report.letterless >= 1
    store = tmxfile((tmp_path / "out" / "a.tmx").read_bytes())
    assert store.units
    assert all(has_letter(u.source) and has_letter(u.target) for u in store.units)


def test_import_skips_them_and_says_how_many(runner: CliRunner, tmp_path: Path) -> None:
    memory = tmp_path / "m.tmx"
    write_tmx(_units(GOOD + JUNK), memory)
    result = runner.invoke(cli, ["import", str(memory)])
    assert result.exit_code == 0, result.output
    assert "3 without a letter skipped" in result.output
    stats = json.loads(runner.invoke(cli, ["stats", "--json"]).output)
    assert stats["total"] == 2
    assert stats["letterless"] == 0


def test_stats_counts_them_in_an_existing_memory(
    runner: CliRunner,
    settings,
    session,  # noqa: ANN001
) -> None:
    queries.add_units(session, _units(GOOD + JUNK))  # as an older version stored them
    session.commit()
    stats = json.loads(runner.invoke(cli, ["stats", "--json"]).output)
    assert stats["total"] == 5
    assert stats["letterless"] == 3
    table = " ".join(runner.invoke(cli, ["stats"]).output.split())
    assert "3 without a letter" in table


def test_they_are_never_served(session) -> None:  # noqa: ANN001
    queries.add_units(session, _units(GOOD + JUNK))
    session.commit()
    engine = MatchEngine()
    policy = MatchPolicy(min_similarity=50)
    for text in ("******", "News", "***", "*" * 22):
        for item in suggest(session, engine, text, "en", "hr", policy):
            assert has_letter(item.source) and has_letter(item.target)
    found = suggest(session, engine, "News", "en", "hr", policy)
    assert [(i.source, i.target) for i in found][0] == ("News", "Vijesti")
