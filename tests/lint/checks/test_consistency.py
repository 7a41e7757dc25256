"""Against the memory and within the release."""

from __future__ import annotations

import pytest

from tests.lintkit import ids
from tests.lintkit import pair
from tmserver.lint.config import LintConfig
from tmserver.lint.linter import lint
from tmserver.lint.memory import InMemoryTM


@pytest.fixture
def memory() -> InMemoryTM:
    tm = InMemoryTM()
    tm.add_all(
        [
            (
                "The Ministry of Security organised the conference.",
                "Ministarstvo sigurnosti organiziralo je konferenciju.",
                "en",
                "bs",
            ),
            (
                "The Ministry of Security supports the victims.",
                "Ministarstvo sigurnosti podržava žrtve.",
                "en",
                "bs",
            ),
            (
                "The Ministry of Security met the partners.",
                "Ministarstvo sigurnosti sastalo se s partnerima.",
                "en",
                "bs",
            ),
            (
                "Trafficking in human beings is a serious crime.",
                "Trgovina ljudima je težak zločin.",
                "en",
                "bs",
            ),
        ]
    )
    return tm


@pytest.mark.parametrize(
    ("source", "target", "fires"),
    [
        (
            "Trafficking in human beings is a serious crime.",
            "Trgovina ljudima je težak zločin.",
            set(),
        ),
        (
            "Trafficking in human beings is a serious crime!",
            "Trgovina ljudima je težak zločin!",
            set(),
        ),
        (
            "Trafficking in human beings is a serious crime.",
            "Trgovina ljudima je ozbiljno krivično djelo.",
            {"memory-mismatch"},
        ),
        (
            "The Ministry of Security opened the office.",
            "Ministarstvo sigurnosti otvorilo je ured.",
            set(),
        ),
        (
            "The Ministry of Security opened the office.",
            "Ministarstvu sigurnosti je otvoren ured.",
            set(),
        ),
        (
            "The Ministry of Security opened the office.",
            "Ministarstvo bezbjednosti otvorilo je ured.",
            {"term-mismatch"},
        ),
    ],
)
def test_memory_checks(
    memory: InMemoryTM, source: str, target: str, fires: set[str]
) -> None:
    assert (
        ids(source, target, "bs", memory=memory) & {"memory-mismatch", "term-mismatch"}
        == fires
    )


def test_memory_finding_shows_the_memory_translation(memory: InMemoryTM) -> None:
    result = lint(
        [
            pair(
                "Trafficking in human beings is a serious crime.",
                "Nešto drugo sasvim.",
                "bs",
            )
        ],
        memory=memory,
    )
    (finding,) = [f for f in result.findings if f.check == "memory-mismatch"]
    assert finding.memory_target == "Trgovina ljudima je težak zločin."
    assert "Trgovina ljudima je težak zločin." in finding.message


def test_fuzzy_memory_match(memory: InMemoryTM) -> None:
    match = memory.best_match(
        "Trafficking in human beings is a serious crimes.", "en", "bs"
    )
    assert match is not None and 95 <= match.quality < 100
    assert memory.best_match("Something else entirely.", "en", "bs") is None


def test_configured_term_is_inflection_aware() -> None:
    config = LintConfig(
        terms={
            "International Organization for Migration": (
                "Međunarodna organizacija za migracije",
            )
        }
    )
    source = "The International Organization for Migration helped."
    assert (
        ids(
            source,
            "Pomoć Međunarodne organizacije za migracije stigla je.",
            "bs",
            config=config,
        )
        & {"term-mismatch"}
        == set()
    )
    assert ids(
        source,
        "Pomoć Međunarodne organizacije za migrante stigla je.",
        "bs",
        config=config,
    ) & {"term-mismatch"} == {"term-mismatch"}


def test_release_consistency() -> None:
    pairs = [
        pair("Close the menu now.", "Zatvori izbornik sada.", "hr", 0),
        pair("Close the menu now.", "Zatvorite izbornik sada.", "hr", 1),
        pair("Open the menu now.", "Otvori izbornik sada.", "hr", 2),
        pair("Open this menu now.", "Otvori izbornik sada.", "hr", 3),
    ]
    found = {(f.check, f.segment) for f in lint(pairs).findings}
    assert ("inconsistent-translation", 1) in found
    assert ("reused-translation", 3) in found
    assert ("inconsistent-translation", 0) not in found


def test_length_ratio_bounds_come_from_the_memory() -> None:
    tm = InMemoryTM()
    tm.add_all(
        (f"Source sentence number {i} is here.", "T" * (30 + i % 40), "en", "bs")
        for i in range(300)
    )
    low, high = tm.ratio_bounds("en", "bs")
    assert 0.8 < low < high < 2.2
    assert InMemoryTM().ratio_bounds("en", "bs") is None
