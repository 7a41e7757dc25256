"""The false-alarm classes of real releases (issue 14), through the public path:
acronyms rendered locally, merged sentences, headlines, separators, variety
guesses, dates that lose a part."""

from __future__ import annotations

from tests.lintkit import ids
from tests.lintkit import pair
from tmserver.lint.documents import read_announcement
from tmserver.lint.linter import lint
from tmserver.lint.memory import InMemoryTM


def serious(findings) -> set[str]:  # noqa: ANN001
    return {f.check for f in findings if f.severity in {"error", "warning"}}


def test_acronym_counterpart_learnt_from_the_release() -> None:
    pairs = [
        pair("The CNB raised its rate.", "HNB je podigla kamatu.", index=0),
        pair(
            "Analysts expect the CNB to wait.",
            "Analitičari očekuju da HNB čeka.",
            index=1,
        ),
        pair(
            "The CNB governor spoke.",
            "Guverner Hrvatske narodne banke govorio je.",
            index=2,
        ),
    ]
    assert "acronym-missing" not in serious(lint(pairs).findings)


def test_acronym_counterpart_learnt_from_the_memory() -> None:
    memory = InMemoryTM()
    memory.add("IOM staff met.", "Osoblje MOM-a se sastalo.", "en", "bs")
    memory.add("IOM helps.", "MOM pomaže.", "en", "bs")
    assert memory.acronym_counterparts("IOM", "bs") == {"MOM"}
    found = ids("The IOM office opened.", "Ured MOM-a je otvoren.", "bs", memory=memory)
    assert "acronym-missing" not in found


def test_dropped_acronym_is_still_a_warning() -> None:
    found = ids(
        "Staff of the IOM met the mayor.",
        "Osoblje se sastalo s gradonačelnikom.",
        "bs",
        min_severity="warning",
    )
    assert "acronym-missing" in found


def test_implicit_subject_or_pronoun_is_info_only() -> None:
    for target in ("Očekuje rast cijena.", "Ona očekuje rast cijena."):
        result = lint([pair("The CNB expects prices to rise.", target)])
        levels = {f.severity for f in result.findings if f.check == "acronym-missing"}
        assert levels == {"info"}


ANNOUNCEMENT = "\n\n".join(
    [
        "Complaint filed over police conduct",
        "PREŠEVO, 3 May 2019 – A resident of Preševo filed a complaint with the "
        "Ombudsman against two police officers. The said complaint was lodged in "
        "Bujanovac. The Ombudsman will examine it within 30 days.",
        "* * *",
        "The Ombudsman's office is open on Mondays and Thursdays.",
        "PREŠEVO, 3. maja 2019. – Stanovnik Preševa podnio je pritužbu Ombudsmanu "
        "protiv dva policijska službenika, i to u Bujanovcu. Ombudsman će je "
        "razmotriti u roku od 30 dana.",
        "* * *",
        "Ured Ombudsmana otvoren je ponedjeljkom i četvrtkom.",
    ]
)


def test_announcement_structure_raises_no_warning() -> None:
    """English-only headline, separator lines, a sentence merged into its
    neighbour, a guessed variety: nothing at warning or above."""
    pairs = read_announcement(ANNOUNCEMENT, "release.txt")
    result = lint(pairs)
    assert serious(result.findings) == set(), [
        (f.check, f.message) for f in result.findings if f.severity != "info"
    ]
    assert "missing-sentence" in {f.check for f in result.findings}  # the headline


def test_weekday_change_in_an_announcement_is_caught() -> None:
    damaged = ANNOUNCEMENT.replace("ponedjeljkom i četvrtkom", "ponedjeljkom i utorkom")
    result = lint(read_announcement(damaged, "release.txt"))
    assert "weekday-mismatch" in serious(result.findings)


def test_variety_findings_from_an_uncertain_guess_are_info() -> None:
    uncertain = pair(
        "It lasted a week.", "Trajalo je tjedan dana.", "bs", variety_uncertain=True
    )
    certain = pair("It lasted a week.", "Trajalo je tjedan dana.", "bs")
    levels = {
        f.severity for f in lint([uncertain]).findings if f.check == "variety-mix"
    }
    assert levels == {"info"}
    levels = {f.severity for f in lint([certain]).findings if f.check == "variety-mix"}
    assert levels == {"warning"}


def test_separator_lines_are_never_linted() -> None:
    pairs = [pair("* * *", "---", index=0), pair("Headline here", "###", index=1)]
    result = lint(pairs)
    assert serious(result.findings) == set()
    assert result.segments == 2


def test_dates_that_lose_a_part() -> None:
    assert "date-mismatch" in ids("It opened in July 2017.", "Otvoren je u julu.", "bs")
    assert "date-mismatch" in ids("Due on 16 February.", "Rok je . februara.", "bs")
    assert "date-mismatch" not in ids(
        "It opened in July 2017.", "Otvoren je u julu 2017.", "bs"
    )


def test_every_message_is_one_line() -> None:
    """Messages say what is wrong and what the source says, on one line."""
    pairs = [
        pair(
            "Some forty people came on Monday.", "Došlo je 41 ljudi u utorak.", index=0
        ),
        pair("It pays 5 euros per day.", "Plaća 5 eura mjesečno.", index=1),
        pair("Staff of the IOM met Blake.", "Osoblje se sastalo.", index=2),
        pair("It opened in July 2017.", "Otvoren je u julu, 22. oktobra.", index=3),
    ]
    findings = lint(pairs).findings
    assert {f.check for f in findings} >= {
        "number-mismatch",
        "weekday-mismatch",
        "frequency-mismatch",
        "acronym-missing",
        "name-missing",
        "date-mismatch",
        "number-added",
    }
    for finding in findings:
        assert "\n" not in finding.message and finding.message.endswith(".")
