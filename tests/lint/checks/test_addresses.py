"""URLs, e-mail addresses, handles, hashtags; acronyms and do-not-translate terms."""

from __future__ import annotations

import pytest

from tests.lintkit import ids
from tests.lintkit import pair
from tmserver.lint.config import LintConfig
from tmserver.lint.config import config_from_mapping
from tmserver.lint.linter import lint

ADDRESS = {"url-mismatch", "handle-mismatch"}


@pytest.mark.parametrize(
    ("source", "target", "fires"),
    [
        ("See https://www.iom.int/news.", "Vidi https://www.iom.int/news.", set()),
        ("Write to info@iom.int.", "Pišite na info@iom.int.", set()),
        (
            "Follow @IOMBiH and #supportformigrants",
            "Pratite @IOMBiH i #supportformigrants",
            set(),
        ),
        (
            "See https://www.iom.int/news.",
            "Vidi https://www.iom.int/new.",
            {"url-mismatch"},
        ),
        ("Write to info@iom.int.", "Pišite na info@iom.in.", {"url-mismatch"}),
        ("Follow @IOMBiH", "Pratite nas", {"handle-mismatch"}),
        (
            "Use #supportformigrants",
            "Koristite #podrskamigrantima",
            {"handle-mismatch"},
        ),
    ],
)
def test_addresses(source: str, target: str, fires: set[str]) -> None:
    assert ids(source, target, "bs") & ADDRESS == fires


@pytest.mark.parametrize(
    ("source", "target", "lang", "fires"),
    [
        ("IOM helped.", "IOM je pomogao.", "bs", set()),
        ("With IOM support", "Uz podršku IOM-a", "bs", set()),
        ("With IOM support", "Uz IOMovu podršku", "bs", set()),
        ("The MUP said", "MUP-a je saopćio", "bs", set()),
        ("The OSCE mission", "Misija OEBS-a", "bs", set()),
        ("The OSCE mission", "Мисија ОЕБС-а", "sr-Cyrl", set()),
        ("The UN said", "УН је саопштио", "sr-Cyrl", set()),
        ("EU funds", "Sredstva Europske unije", "hr", set()),
        ("IN A HEADLINE ALL IN CAPS", "NASLOV VELIKIM SLOVIMA", "hr", set()),
        ("IOM helped.", "Organizacija je pomogla.", "bs", {"acronym-missing"}),
        ("The NTS ruled", "Fond je odlučio", "hr", {"acronym-missing"}),
        ("The campaign CHILDREN ON THE MOVE starts.", "Kampanja počinje.", "bs", set()),
        ("The UN OHCHR report", "Izvještaj UN-a", "bs", {"acronym-missing"}),
        ("The OSCE mission", "Misija je stigla", "bs", {"acronym-missing"}),
    ],
)
def test_acronyms(source: str, target: str, lang: str, fires: set[str]) -> None:
    assert (
        ids(source, target, lang, min_severity="warning") & {"acronym-missing"} == fires
    )


@pytest.mark.parametrize(
    ("acronym", "min_length", "alone"),
    [
        ("NTS", 3, "warning"),
        ("GC", 3, "info"),
        ("NTS", 4, "info"),
        ("GC", 2, "warning"),
    ],
)
def test_unknown_acronym_missing_is_info_when_short_unless_kept_elsewhere(
    acronym: str, min_length: int, alone: str
) -> None:
    config = LintConfig(acronym_warning_min_length=min_length)
    pairs = [pair(f"The {acronym} ruled", "Fond je odlučio", "hr")]
    (finding,) = lint(pairs, config).findings
    assert (finding.check, finding.severity) == ("acronym-missing", alone)
    pairs.append(pair(f"The {acronym} met", f"{acronym} se sastao", "hr", index=1))
    (finding,) = lint(pairs, config).findings
    assert (finding.check, finding.severity) == ("acronym-missing", "warning")


def test_configured_acronym_mapping() -> None:
    config = config_from_mapping({"acronyms": {"MoI": ["MUP"]}})
    assert ids("The MoI said", "MUP je rekao", "sr-Latn", config=config) == set()
    assert "acronym-missing" in ids(
        "The MoI said", "Ministarstvo je rekao", "sr-Latn", config=config
    )


@pytest.mark.parametrize(
    ("target", "fires"),
    [
        ("Festival Sarajevo Film Festival počinje", set()),
        ("Sarajevski filmski festival počinje", {"dnt-term"}),
    ],
)
def test_do_not_translate(target: str, fires: set[str]) -> None:
    config = LintConfig(do_not_translate=("Sarajevo Film Festival",))
    assert (
        ids("The Sarajevo Film Festival starts", target, "bs", config=config)
        & {"dnt-term"}
        == fires
    )


def test_acronym_kept_in_the_memory_makes_a_missing_one_a_warning() -> None:
    from tmserver.lint.memory import InMemoryTM

    memory = InMemoryTM()
    memory.add("The GC met.", "GC se sastao.", "en", "hr")
    (finding,) = [
        f
        for f in lint(
            [pair("The GC ruled", "Fond je odlučio", "hr")], memory=memory
        ).findings
        if f.check == "acronym-missing"
    ]
    assert finding.severity == "warning"
