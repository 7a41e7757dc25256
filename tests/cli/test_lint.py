"""``tmserver lint`` end to end: inputs, formats, config, memory, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tmserver.cli import cli
from tmserver.store.db import make_engine
from tmserver.store.db import make_session_factory
from tmserver.store.db import upgrade_schema
from tmserver.store.queries import add_units
from tmserver.tmx import iter_tmx

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x"
          adminlang="en" srclang="en" datatype="plaintext"/>
  <body>
    <tu tuid="a">
      <tuv xml:lang="en"><seg>Inflation rose 2.5 percent.</seg></tuv>
      <tuv xml:lang="hr"><seg>{first}</seg></tuv>
    </tu>
    <tu tuid="b">
      <tuv xml:lang="en"><seg>The meeting was held in Sarajevo.</seg></tuv>
      <tuv xml:lang="hr"><seg>Sastanak je održan u Sarajevu.</seg></tuv>
    </tu>
  </body>
</tmx>
"""
XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="bs" datatype="plaintext" original="x">
    <body>
      <trans-unit id="u1">
        <source>See www.iom.int for details.</source>
        <target>Pogledajte www.iom.ba za detalje.</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"""
XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0"
       srcLang="en" trgLang="sr-Latn">
  <file id="f1">
    <unit id="u1">
      <segment>
        <source>On October 18, 2018 we met.</source>
        <target>Sastali smo se 19. oktobra 2018.</target>
      </segment>
    </unit>
  </file>
</xliff>
"""
PO = """msgid ""
msgstr ""
"Language: hr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Close the menu"
msgstr "Zatvori izbornik"

msgid "Inflation rose 2.5 percent."
msgstr "Inflacija je porasla 3,5 posto."
"""
ANNOUNCEMENT = (
    "IOM opens an office\n\n"
    "The International Organization for Migration (IOM) opened an office in Sarajevo "
    "on 18 October 2018. The office employs 25 people.\n\n"
    "IOM otvara ured\n\n"
    "Međunarodna organizacija za migracije (IOM) otvorila je ured u Sarajevu "
    "18. oktobra 2018. Ured zapošljava 25 osoba.\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def clean_tmx(tmp_path: Path) -> Path:
    return write(
        tmp_path / "clean.tmx", TMX.format(first="Inflacija je porasla 2,5 posto.")
    )


@pytest.fixture
def bad_tmx(tmp_path: Path) -> Path:
    return write(
        tmp_path / "bad.tmx", TMX.format(first="Inflacija je porasla 3,5 posto.")
    )


def test_clean_release_exits_0(runner: CliRunner, clean_tmx: Path) -> None:
    result = runner.invoke(
        cli, ["lint", str(clean_tmx)], env={"GITHUB_ACTIONS": "false"}
    )
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output


def test_findings_exit_1_with_line_of_the_segment(
    runner: CliRunner, bad_tmx: Path
) -> None:
    result = runner.invoke(cli, ["lint", str(bad_tmx), "--format", "json"])
    assert result.exit_code == 1
    document = json.loads(result.output)
    (finding,) = [f for f in document["findings"] if f["check"] == "number-mismatch"]
    assert finding["line"] == 8 and finding["unit_id"] == "a"


@pytest.mark.parametrize(
    ("fail_on", "code"), [("error", 1), ("warning", 1), ("never", 0)]
)
def test_fail_on(runner: CliRunner, bad_tmx: Path, fail_on: str, code: int) -> None:
    result = runner.invoke(cli, ["lint", str(bad_tmx), "--fail-on", fail_on])
    assert result.exit_code == code


def test_warnings_fail_only_with_fail_on_warning(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "w.tmx", TMX.format(first="Inflacija je porasla 2.5 posto.")
    )
    assert runner.invoke(cli, ["lint", str(path)]).exit_code == 0
    assert (
        runner.invoke(cli, ["lint", str(path), "--fail-on", "warning"]).exit_code == 1
    )


@pytest.mark.parametrize(
    ("name", "text", "check", "line"),
    [
        ("r.xlf", XLIFF12, "url-mismatch", 7),
        ("r.xliff", XLIFF20, "date-mismatch", 8),
        ("r.po", PO, "number-mismatch", 10),
    ],
)
def test_xliff_and_po(
    runner: CliRunner, tmp_path: Path, name: str, text: str, check: str, line: int
) -> None:
    path = write(tmp_path / name, text)
    result = runner.invoke(cli, ["lint", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    found = {(f["check"], f["line"]) for f in json.loads(result.output)["findings"]}
    assert (check, line) in found


def test_announcement_one_file(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path / "news.txt", ANNOUNCEMENT)
    result = runner.invoke(cli, ["lint", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["segments"] >= 3


def test_announcement_pair_with_a_dropped_sentence(
    runner: CliRunner, tmp_path: Path
) -> None:
    english, local = (
        ANNOUNCEMENT.split("\n\n\n")
        if "\n\n\n" in ANNOUNCEMENT
        else (
            ANNOUNCEMENT.split("IOM otvara ured")[0],
            "IOM otvara ured" + ANNOUNCEMENT.split("IOM otvara ured")[1],
        )
    )
    write(tmp_path / "news.en.txt", english)
    write(tmp_path / "news.bs.txt", local.replace(" Ured zapošljava 25 osoba.", ""))
    result = runner.invoke(
        cli,
        [
            "lint",
            str(tmp_path / "news.en.txt"),
            str(tmp_path / "news.bs.txt"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.output
    checks = {f["check"] for f in json.loads(result.output)["findings"]}
    assert "missing-sentence" in checks


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "junit", "github", "text", "json"])
def test_every_format_to_a_file(
    runner: CliRunner, bad_tmx: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(
        cli, ["lint", str(bad_tmx), "--format", fmt, "--output", str(out)]
    )
    assert result.exit_code == 1
    assert "TM-NUM-001" in out.read_text(
        encoding="utf-8"
    ) or "number-mismatch" in out.read_text(encoding="utf-8")


def test_github_actions_is_detected(
    runner: CliRunner, bad_tmx: Path, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    result = runner.invoke(
        cli,
        ["lint", str(bad_tmx)],
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)},
    )
    assert result.exit_code == 1
    assert result.output.startswith("::error file=")
    assert "## Translation lint" in summary.read_text(encoding="utf-8")


def _database(path: Path, tmx: Path) -> str:
    """A SQLite memory holding the units of ``tmx``; its URL."""
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade_schema(engine)
    with make_session_factory(engine).begin() as session:
        add_units(session, iter_tmx(tmx))
    engine.dispose()
    return url


@pytest.mark.parametrize("kind", ["tmx", "database"])
def test_memory(runner: CliRunner, tmp_path: Path, kind: str) -> None:
    memory = write(
        tmp_path / "memory.tmx", TMX.format(first="Inflacija je porasla 2,5 posto.")
    )
    reference = str(memory) if kind == "tmx" else _database(tmp_path / "m.db", memory)
    release = write(
        tmp_path / "r.tmx", TMX.format(first="Stopa inflacije je 2,5 posto viša.")
    )
    result = runner.invoke(
        cli,
        [
            "lint",
            str(release),
            "--memory",
            reference,
            "--format",
            "json",
            "--fail-on",
            "warning",
        ],
    )
    assert result.exit_code == 1
    (finding,) = [
        f
        for f in json.loads(result.output)["findings"]
        if f["check"] == "memory-mismatch"
    ]
    assert finding["memory_target"] == "Inflacija je porasla 2,5 posto."


def test_config_file_disables_and_sets_severity(
    runner: CliRunner, bad_tmx: Path, tmp_path: Path
) -> None:
    config = write(tmp_path / "tmlint.toml", 'disable = ["number-mismatch"]\n')
    assert (
        runner.invoke(cli, ["lint", str(bad_tmx), "--config", str(config)]).exit_code
        == 0
    )
    config = write(tmp_path / "tmlint.toml", '[severity]\nnumber-mismatch = "info"\n')
    assert (
        runner.invoke(cli, ["lint", str(bad_tmx), "--config", str(config)]).exit_code
        == 0
    )


def test_setup_cfg_section(runner: CliRunner, bad_tmx: Path, tmp_path: Path) -> None:
    config = write(
        tmp_path / "setup.cfg", "[tmserver:lint]\ndisable = number-mismatch, quotes\n"
    )
    assert (
        runner.invoke(cli, ["lint", str(bad_tmx), "--config", str(config)]).exit_code
        == 0
    )


@pytest.mark.parametrize(
    "args",
    [
        ["lint"],
        ["lint", "missing.tmx"],
        ["lint", "{tmx}", "--format", "xml"],
        ["lint", "{tmx}", "--config", "{bad_config}"],
        ["lint", "{tmx}", "--memory", "missing.tmx"],
    ],
)
def test_usage_errors_exit_2(
    runner: CliRunner, clean_tmx: Path, tmp_path: Path, args: list[str]
) -> None:
    bad_config = write(tmp_path / "bad.toml", 'disable = ["no-such-check"]\n')
    args = [a.format(tmx=clean_tmx, bad_config=bad_config) for a in args]
    assert runner.invoke(cli, args).exit_code == 2


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("broken.tmx", b"<tmx><body><tu>"),
        (
            "entity.tmx",
            b'<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tmx/>',
        ),
        ("binary.txt", b"\x00\x01\x02binary"),
        ("latin1.txt", "Čćž text".encode("cp1250")),
    ],
)
def test_unreadable_input_exits_3(
    runner: CliRunner, tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(cli, ["lint", str(path)])
    assert result.exit_code == 3, result.output


def test_tmx_tuv_without_seg_exits_3_naming_file_and_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "r.tmx",
        TMX.format(first="x").replace(
            '<tuv xml:lang="hr"><seg>x</seg></tuv>', '<tuv xml:lang="hr"/>'
        ),
    )
    result = runner.invoke(cli, ["lint", str(path)])
    assert result.exit_code == 3, result.output
    assert f"{path}:8: " in result.output


def test_directory_is_searched(runner: CliRunner, tmp_path: Path) -> None:
    release = tmp_path / "release"
    release.mkdir()
    write(release / "a.tmx", TMX.format(first="Inflacija je porasla 3,5 posto."))
    write(release / "notes.md", "not linted")
    result = runner.invoke(cli, ["lint", str(release), "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["files"] == [str(release / "a.tmx")]


def test_announcement_lines_point_into_each_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    english, local = ANNOUNCEMENT.split("IOM otvara ured")
    write(tmp_path / "news.en.txt", english)
    write(
        tmp_path / "news.bs.txt",
        "IOM otvara ured" + local.replace("zapošljava 25 osoba", "zapošljava 52 osobe"),
    )
    result = runner.invoke(
        cli,
        [
            "lint",
            str(tmp_path / "news.en.txt"),
            str(tmp_path / "news.bs.txt"),
            "--format",
            "json",
        ],
    )
    (finding,) = [
        f
        for f in json.loads(result.output)["findings"]
        if f["check"] == "number-mismatch"
    ]
    assert (finding["path"], finding["line"]) == (str(tmp_path / "news.bs.txt"), 3)
