"""``tmserver detect``: split, variety, confidence and evidence per file."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tmserver.cli import cli

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "memories" / "announcements"
SERBIAN = (
    "Vlada Republike Srpske usvojila je plan bezbjednosti saobraćaja za opštine. "
    "Uslovi na putevima takođe su poboljšani."
)


def test_detect_json_gives_one_object_per_file(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["detect", "--json", str(SEEDS)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [Path(r["file"]).name for r in rows] == [
        "000_6b75173c87418f4b.txt",
        "004_e5dd8d32741df1c3.txt",
    ]
    sarajevo, belgrade = rows
    assert belgrade["variety"] == "sr-Latn" and not belgrade["low_confidence"]
    assert belgrade["english_paragraphs"] > 0 and belgrade["local_paragraphs"] > 0
    assert belgrade["words"] and belgrade["markers"]["ekavian"] > 0
    assert sarajevo["variety"] == "bs" and sarajevo["low_confidence"]
    assert "mixed-markers" in sarajevo["markers"]


def test_detect_reads_standard_input_and_local_only_text(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["detect", "-"], input=SERBIAN)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("-: sr-Latn ")
    assert "local only" in result.output
    assert "bezbjednosti" in result.output


def test_detect_reports_a_bad_file_and_exits_3(
    runner: CliRunner, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(SERBIAN, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00binary")
    result = runner.invoke(cli, ["detect", "--json", str(bad), str(good)])
    assert result.exit_code == 3
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert "bad.txt" in rows[0]["error"]
    assert rows[1]["variety"] == "sr-Latn"


def test_detect_many_files_in_one_call(runner: CliRunner, tmp_path: Path) -> None:
    for k in range(200):
        (tmp_path / f"{k:03d}.txt").write_text(SERBIAN, encoding="utf-8")
    result = runner.invoke(cli, ["detect", "--json", str(tmp_path)])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 200
