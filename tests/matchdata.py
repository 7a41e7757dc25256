"""Shared fixtures data for the suggestion API tests: a small real-looking memory."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime

from tmserver.units import TranslationUnit

OLD = datetime(2019, 5, 1, tzinfo=UTC)
NEW = datetime(2024, 5, 1, tzinfo=UTC)

ROWS = [
    (
        "en",
        "hr",
        "The office is closed on Monday.",
        "Ured je zatvoren u ponedjeljak.",
        "a.tmx",
        OLD,
    ),
    (
        "en",
        "hr",
        "The office is closed on Monday.",
        "Ured je zatvoren u ponedjeljak.",
        "b.tmx",
        NEW,
    ),
    (
        "en",
        "hr",
        "The office is closed on Tuesday.",
        "Ured je zatvoren u utorak.",
        "a.tmx",
        OLD,
    ),
    (
        "en",
        "bs",
        "The office is closed on Monday.",
        "Kancelarija je zatvorena u ponedjeljak.",
        "a.tmx",
        OLD,
    ),
    (
        "en",
        "sr-Cyrl",
        "The office is closed on Monday.",
        "Канцеларија је затворена у понедељак.",
        "c.tmx",
        NEW,
    ),
    (
        "en",
        "hr",
        "On October 18, 2018, IOM helped 2.5 million people.",
        "Dana 18. listopada 2018. IOM je pomogao 2,5 milijuna ljudi.",
        "iom.tmx",
        NEW,
    ),
    (
        "en",
        "bs",
        "On October 18, 2018, IOM helped 2.5 million people.",
        "Dana 18. oktobra 2018. IOM je pomogao 2,5 miliona ljudi.",
        "iom.tmx",
        NEW,
    ),
    (
        "en",
        "hr",
        "Read more at https://example.org/a/b today.",
        "Više na https://example.org/a/b danas.",
        "w.tmx",
        NEW,
    ),
    ("en", "hr", "Computer", "Računalo", "kde.tmx", OLD),
    ("en", "hr", "Computers", "Računala", "kde.tmx", OLD),
    ("en", "hr", "My Computer", "Moje računalo", "kde.tmx", OLD),
]


def units() -> list[TranslationUnit]:
    """The memory as TranslationUnits."""
    return [
        TranslationUnit(
            source=source,
            target=target,
            source_lang=slang,
            target_lang=tlang,
            origin=origin,
            changed=changed,
        )
        for slang, tlang, source, target, origin, changed in ROWS
    ]
