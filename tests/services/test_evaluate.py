"""``tmserver evaluate``: scores of the memory's best suggestions on a release."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tmserver.cli import cli
from tmserver.services.evaluate import band_of
from tmserver.services.evaluate import evaluate_units
from tmserver.services.suggest import MatchEngine
from tmserver.services.suggest import MatchPolicy
from tmserver.store import queries
from tmserver.tmx import write_tmx
from tmserver.units import TranslationUnit

MEMORY = [
    ("The office is closed on Monday.", "Ured je zatvoren u ponedjeljak."),
    ("IOM helped 250 families in Sarajevo.", "IOM je pomogao 250 obitelji u Sarajevu."),
    ("The meeting starts at 10:30.", "Sastanak počinje u 10.30."),
]
RELEASE = [
    ("The office is closed on Monday.", "Ured je zatvoren u ponedjeljak."),
    (
        "IOM helped 1,300 families in Sarajevo.",
        "IOM je pomogao 1.300 obitelji u Sarajevu.",
    ),
    ("The meeting starts at 14:45.", "Sastanak počinje u 14.45."),
    ("Whales sing in the deep ocean.", "Kitovi pjevaju u dubokom oceanu."),
]


def _units(rows: list[tuple[str, str]], origin: str) -> list[TranslationUnit]:
    return [
        TranslationUnit(
            source=s, target=t, source_lang="en", target_lang="hr", origin=origin
        )
        for s, t in rows
    ]


@pytest.mark.parametrize(
    ("quality", "band"),
    [
        (100.0, "100"),
        (99.9, "95-99"),
        (95.0, "95-99"),
        (84.9, "75-84"),
        (70.0, "70-74"),
        (69.9, "none"),
        (None, "none"),
    ],
)
def test_bands(quality: float | None, band: str) -> None:
    assert band_of(quality) == band


def test_evaluation_with_and_without_placeables(session) -> None:  # noqa: ANN001
    queries.add_units(session, _units(MEMORY, "memory.tmx"))
    queries.add_units(session, _units(RELEASE, "release.tmx"))  # must be excluded
    session.commit()
    report = evaluate_units(
        session,
        MatchEngine(),
        _units(RELEASE, "release.tmx"),
        MatchPolicy(),
        release="r",
    )
    with_p, without_p = report.variants
    assert report.units == 4
    assert with_p.hit_rate == without_p.hit_rate == 0.75
    shares = {b.band: b.share for b in with_p.bands}
    assert shares["none"] == 0.25
    assert shares["95-99"] == 0.5  # both numeric variants became near-exact
    assert with_p.overall.chrf > without_p.overall.chrf
    assert {b.band: b.scores.chrf for b in with_p.bands}["95-99"] == pytest.approx(
        100.0
    )
    assert set(report.signatures) == {"chrF", "BLEU", "TER"}
    assert "nrefs:1" in report.signatures["BLEU"]


def test_cli_prints_scores_and_signatures(runner: CliRunner, tmp_path: Path) -> None:
    memory = tmp_path / "memory.tmx"
    release = tmp_path / "release.tmx"
    write_tmx(_units(MEMORY, "memory.tmx"), memory)
    write_tmx(_units(RELEASE, "release.tmx"), release)
    assert runner.invoke(cli, ["import", str(memory)]).exit_code == 0
    result = runner.invoke(cli, ["evaluate", str(release)])
    assert result.exit_code == 0, result.output
    assert "hit rate 75.0%" in result.output
    assert "chrF signature: nrefs:1" in result.output
    as_json = runner.invoke(cli, ["evaluate", "--json", str(release)])
    payload = json.loads(as_json.output)
    assert [v["name"] for v in payload["variants"]] == [
        "with placeables",
        "without placeables",
    ]


def test_cli_rejects_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["evaluate", str(tmp_path / "nope.tmx")])
    assert result.exit_code == 2


STALE_MEMORY = [
    (
        "Only 40 residents of Presevo attended the public meeting on the new bridge.",
        "Svega 40 građana Preševa prisustvovalo je javnom sastanku o novom mostu.",
    ),
    (
        "We met 5 people from the municipality during the long field visit.",
        "Tijekom dugog terenskog posjeta sreli smo nekoliko ljudi iz općine.",
    ),
]
STALE_RELEASE = [
    (
        "Only 55 residents of Presevo attended the public meeting on the new bridge.",
        "Svega 55 građana Preševa prisustvovalo je javnom sastanku o novom mostu.",
    ),
    (
        "We met 3 people from the municipality during the long field visit.",
        "Tijekom dugog terenskog posjeta sreli smo troje ljudi iz općine.",
    ),
]


def test_stale_values_counted_with_and_without_adaptation(session) -> None:  # noqa: ANN001
    queries.add_units(session, _units(STALE_MEMORY, "memory.tmx"))
    session.commit()
    report = evaluate_units(
        session, MatchEngine(), _units(STALE_RELEASE, "release.tmx"), MatchPolicy()
    )
    adapted, stored = report.variants
    # served as stored: the old 40 at 99 %, silently
    assert stored.stale.suggestions == 1
    assert stored.stale.near_exact == 1
    assert stored.stale.silent == 1
    # adapted: 40 → 55 substituted; the 5 (not in the target) is no stale digit
    assert adapted.stale.near_exact == 0
    assert adapted.stale.silent == 0


def test_cli_reports_stale_values(runner: CliRunner, tmp_path: Path) -> None:
    memory = tmp_path / "memory.tmx"
    release = tmp_path / "release.tmx"
    write_tmx(_units(STALE_MEMORY, "memory.tmx"), memory)
    write_tmx(_units(STALE_RELEASE, "release.tmx"), release)
    assert runner.invoke(cli, ["import", str(memory)]).exit_code == 0
    payload = json.loads(
        runner.invoke(cli, ["evaluate", "--json", str(release)]).output
    )
    stale = {v["name"]: v["stale"] for v in payload["variants"]}
    assert stale["without placeables"]["near_exact"] == 1
    assert stale["with placeables"]["near_exact"] == 0
    text = runner.invoke(cli, ["evaluate", str(release)]).output
    assert "stale values" in text
