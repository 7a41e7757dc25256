"""``tmserver pretranslate`` and ``tmserver import`` of reviewed files, end to end.

The memory is built from the two founding announcements with ``tmserver build
--load``; releases are the English half of the Serbian one, changed the way the next
release of an announcement changes.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree
from translate.storage import xliff2 as toolkit_xliff2

from tmserver.cli import cli
from tmserver.config import Settings
from tmserver.formats.xliff import XLIFF2_NS

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "memories" / "announcements"
SERBIAN_SEED = SEEDS / "004_e5dd8d32741df1c3.txt"
NEW_SENTENCE = "The next training will take place in Novi Sad."
RETRANSLATED = "The migration situation in the Western Balkans remains complex."
NS = {"x": XLIFF2_NS}


def english_half() -> str:
    """Title and English paragraphs of the Serbian seed (up to the NBSP divider)."""
    text = SERBIAN_SEED.read_text(encoding="utf-8")
    return text.split("\n\u00a0\n")[0]


def changed_release() -> str:
    """New number, new date (the memory's own typo ``on22`` fixed), one new sentence."""
    text = english_half().replace("to 30 officers", "to 35 officers")
    text = text.replace("held on22 August", "held on 24 August")
    assert text != english_half()
    return f"{text}\n\n{NEW_SENTENCE}\n"


def run(runner: CliRunner, *args: str, code: int = 0) -> str:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture
def seeded(runner: CliRunner, settings: Settings) -> CliRunner:
    """The CLI on a memory built from the seed announcements."""
    memories = Path(settings.memories_dir)
    shutil.copytree(SEEDS, memories / "announcements")
    run(runner, "build", "--load")
    return runner


def levels(path: Path) -> list[str]:
    root = etree.parse(str(path)).getroot()
    return [s.get("subState").split(":")[1] for s in root.iterfind(".//x:segment", NS)]


def revise(xliff: Path, revised: Path) -> dict[str, str]:
    """What a reviewer does: fix every draft, translate the new sentence, sign off."""
    root = etree.parse(str(xliff)).getroot()
    fixes = {}
    for segment in root.iterfind(".//x:segment", NS):
        source = segment.find("x:source", NS).text
        target = segment.find("x:target", NS)
        if target is None:
            target = etree.SubElement(segment, f"{{{XLIFF2_NS}}}target")
        if segment.get("state") != "translated":
            if source == NEW_SENTENCE:
                target.text = "Sledeća obuka održaće se u Novom Sadu."
            elif target.text:
                target.text = target.text.replace("22. avgusta", "24. avgusta")
            else:
                target.text = "Donacija specijalizovane opreme IOM-a Srbija"
            fixes[source] = target.text
        elif source == RETRANSLATED:  # a better translation of an exact match
            target.text = "Migraciona situacija na Zapadnom Balkanu ostaje složena."
            fixes[source] = target.text
        segment.set("state", "final")
    revised.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return fixes


def test_round_trip_pretranslate_revise_import_and_all_exact(
    seeded: CliRunner, tmp_path: Path
) -> None:
    release = tmp_path / "release.txt"
    release.write_text(changed_release(), encoding="utf-8")
    draft = tmp_path / "draft.xlf"
    summary_file = tmp_path / "summary.json"
    output = run(
        seeded,
        "pretranslate",
        str(release),
        "--to",
        "sr-Latn",
        "-o",
        str(draft),
        "--summary-json",
        str(summary_file),
    )
    assert "words saved" in output
    first = levels(draft)
    assert first.count("none") == 2  # the untranslated title and the new sentence
    assert "near-exact" in first and "in-context" in first
    store = toolkit_xliff2.Xliff2File(draft.read_bytes())
    by_source = {u.source: u.target for u in store.units}
    number = next(s for s in by_source if "35 officers" in s)
    assert "35 službenika" in by_source[number]  # the new number, adapted
    summary = json.loads(summary_file.read_text(encoding="utf-8"))
    assert summary["values_adapted"] >= 1
    assert summary["levels"]["none"]["sentences"] == 2
    assert sum(v["sentences"] for v in summary["levels"].values()) == len(first)

    word = tmp_path / "draft.docx"
    run(seeded, "pretranslate", str(release), "--to", "sr-Latn", "--format", "docx",
        "-o", str(word))  # fmt: skip
    paragraphs = [
        p.text for p in docx.Document(io.BytesIO(word.read_bytes())).paragraphs
    ]
    assert any("35 službenika" in p for p in paragraphs)
    assert (tmp_path / "draft.review.docx").exists()

    revised = tmp_path / "release.sr-Latn.xlf"
    fixes = revise(draft, revised)
    run(seeded, "import", str(revised))
    again = tmp_path / "again.xlf"
    run(seeded, "pretranslate", str(release), "--to", "sr-Latn", "-o", str(again))
    assert set(levels(again)) <= {"exact", "in-context"}
    targets = {
        u.source: u.target for u in toolkit_xliff2.Xliff2File(again.read_bytes()).units
    }
    for source, text in fixes.items():
        assert targets[source] == text

    stats = json.loads(run(seeded, "stats", "--json"))
    # the re-translated sentence keeps both translations (the newest is offered)
    assert RETRANSLATED in fixes
    assert stats["sources_with_several_translations"] >= 1


def test_drafts_stay_out_unless_include_drafts(
    seeded: CliRunner, tmp_path: Path
) -> None:
    release = tmp_path / "release.txt"
    release.write_text(f"{NEW_SENTENCE}\n", encoding="utf-8")
    draft = tmp_path / "d.xlf"
    run(seeded, "pretranslate", str(release), "--to", "sr-Latn", "-o", str(draft),
        "--copy-source")  # fmt: skip
    assert levels(draft) == ["none"]
    before = json.loads(run(seeded, "stats", "--json"))["total"]
    assert "left out" in run(seeded, "import", str(draft))
    assert json.loads(run(seeded, "stats", "--json"))["total"] == before
    run(seeded, "import", "--include-drafts", str(draft))
    assert json.loads(run(seeded, "stats", "--json"))["total"] == before + 1


@pytest.mark.parametrize(
    ("name", "data", "where"),
    [
        ("broken.docx", b"PK\x03\x04 this is no zip archive", "broken.docx"),
        (
            "german.xlf",
            b'<?xml version="1.0"?>\n'
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1"\n'
            b' srcLang="de" trgLang="hr"><file id="f"><unit id="u">'
            b"<segment><source>Hallo</source></segment></unit></file></xliff>",
            "german.xlf:3",  # the line of srcLang (where the start tag ends)
        ),
        (
            "nomsgid.po",
            b'msgid "Hello"\nmsgstr "Zdravo"\n\nmsgstr "Ostalo"\n',
            "nomsgid.po:4",
        ),
    ],
)
def test_bad_releases_exit_3_naming_the_place_and_write_nothing(
    seeded: CliRunner, tmp_path: Path, name: str, data: bytes, where: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    release = work / name
    release.write_bytes(data)
    out = work / "out.xlf"
    result = seeded.invoke(
        cli, ["pretranslate", str(release), "--to", "hr", "-o", str(out)]
    )
    assert result.exit_code == 3, result.output
    assert where in result.output
    assert not out.exists()
    assert sorted(p.name for p in work.iterdir()) == [name]


def test_a_bad_file_in_an_import_imports_nothing(
    seeded: CliRunner, tmp_path: Path
) -> None:
    good = tmp_path / "good.tsv"
    good.write_text("english\tlocal\nHello there.\tZdravo.\n", encoding="utf-8")
    bad = tmp_path / "bad.po"
    bad.write_bytes(b'msgid "A"\nmsgstr "B"\n\nmsgstr "C"\n')
    before = json.loads(run(seeded, "stats", "--json"))["total"]
    result = seeded.invoke(
        cli, ["import", "--target-lang", "sr-Latn", str(good), str(bad)]
    )
    assert result.exit_code == 3, result.output
    assert "bad.po:4" in result.output
    assert json.loads(run(seeded, "stats", "--json"))["total"] == before
    run(seeded, "import", "--target-lang", "sr-Latn", str(good))
    assert json.loads(run(seeded, "stats", "--json"))["total"] == before + 1


def test_a_bad_tmx_beside_a_reviewed_file_imports_nothing(
    seeded: CliRunner, tmp_path: Path
) -> None:
    good = tmp_path / "good.tsv"
    good.write_text("english\tlocal\nHello there.\tZdravo.\n", encoding="utf-8")
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx version='1.4'><header/><body><tu>\n<tuv", encoding="utf-8")
    before = json.loads(run(seeded, "stats", "--json"))["total"]
    result = seeded.invoke(
        cli, ["import", "--target-lang", "sr-Latn", str(good), str(bad)]
    )
    assert result.exit_code == 3, result.output
    assert "bad.tmx" in result.output
    assert json.loads(run(seeded, "stats", "--json"))["total"] == before
