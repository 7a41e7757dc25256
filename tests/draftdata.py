"""A small real draft for the format tests: seed sentences with every match level."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime

from tmserver.formats.model import Adaptation
from tmserver.formats.model import Candidate
from tmserver.formats.model import Draft
from tmserver.formats.model import DraftSegment
from tmserver.formats.model import Release
from tmserver.formats.release import read_release

OLD_NUMBER = "IOM Serbia donated specialized tactical equipment to 30 officers."
RELEASE_TEXT = (
    "IOM Serbia donation of specialized equipment\n\n"
    "IOM Serbia donated specialized tactical equipment to 35 officers. "
    "The conference was held at the UN House in Sarajevo on October 19, 2018.\n\n"
    'Migrants & "asylum seekers" <remain> vulnerable.\n'
)


def sample_release(name: str = "release.txt") -> Release:
    return read_release(RELEASE_TEXT.encode("utf-8"), name)


def sample_draft(release: Release | None = None, target_lang: str = "hr") -> Draft:
    """Exact, near-exact (adapted), fuzzy and unmatched segments."""
    release = release or sample_release()
    segments = release.segments
    drafted = [
        DraftSegment(
            segments[0],
            "IOM Srbija donirala je specijaliziranu opremu",
            "exact",
            quality=100.0,
            origin="announcements/004.txt",
            match_source=segments[0].text,
            candidates=(
                Candidate(
                    segments[0].text,
                    "IOM Srbija donirala je specijaliziranu opremu",
                    100.0,
                    "announcements/004.txt",
                    "exact",
                ),
            ),
        ),
        DraftSegment(
            segments[1],
            "IOM Srbija donirala je taktičku opremu za 35 službenika.",
            "near-exact",
            quality=99.0,
            origin="announcements/004.txt",
            match_source=OLD_NUMBER,
            adapted=(Adaptation("number", "30", "35"),),
            candidates=(
                Candidate(
                    OLD_NUMBER,
                    "IOM Srbija donirala je taktičku opremu za 35 službenika.",
                    99.0,
                    "announcements/004.txt",
                    "near-exact",
                ),
            ),
        ),
        DraftSegment(
            segments[2],
            "Konferencija je održana u zgradi UN-a u Sarajevu 18. listopada 2018.",
            "fuzzy-high",
            quality=88.0,
            origin="announcements/000.txt",
            match_source="The conference was held at the UN House in Sarajevo.",
            unadapted=("October 19, 2018",),
            candidates=(
                Candidate(
                    "The conference was held at the UN House in Sarajevo.",
                    "Konferencija je održana u zgradi UN-a u Sarajevu.",
                    88.0,
                    "announcements/000.txt",
                    "fuzzy-high",
                ),
            ),
        ),
    ]
    drafted += [DraftSegment(s, "", "none") for s in segments[3:]]
    return Draft(
        release,
        target_lang,
        tuple(drafted),
        datetime(2026, 12, 4, 18, 0, tzinfo=UTC),
        tool_version="test",
    )
