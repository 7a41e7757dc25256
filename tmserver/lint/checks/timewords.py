"""Weekdays and frequency words: ``Mondays and Thursdays`` is not ``ponedjeljkom i
utorkom``; ``per day`` is not ``mesečno``.

BCS forms are matched in every case (``utorak``, ``utorka``, ``utorkom``) and script
(Cyrillic is transliterated). Serbian ``nedelja`` is both "Sunday" and "week", so it
stands for Sunday only where the source has no week.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tmserver.lint.checks.base import LintContext
from tmserver.lint.checks.base import SegmentCheck
from tmserver.lint.checks.base import in_latin
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair

WEEKDAYS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
_EN_WEEKDAY_RE = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"
)
#: Every case form of each weekday (and the adjectives: subotnji, petkom).
_BCS_WEEKDAYS = (
    r"poned(?:j)?eljak|poned(?:j)?eljk\w*|pondjeljak",
    r"utorak|utork\w*",
    r"srijed(?:a|e|i|u|om)|sred(?:a|u|om)",
    r"četvrtak|četvrtk\w*",
    r"petak|petk(?:a|u|om|e)",
    r"subot\w*",
    r"ned(?:j)?elj(?:a|e|i|u|om)|ned(?:j)?eljn\w*",
)
_BCS_WEEKDAY_RE = re.compile(
    r"(?<![^\W\d_])(?:"
    + "|".join(f"(?P<d{i}>{pattern})" for i, pattern in enumerate(_BCS_WEEKDAYS))
    + r")(?![^\W\d_])"
)
_EN_WEEK_RE = re.compile(r"\bweek", re.I)
#: The local weekday names used in messages.
_LOCAL_NAMES = (
    "ponedjeljak/ponedeljak",
    "utorak",
    "srijeda/sreda",
    "četvrtak",
    "petak",
    "subota",
    "nedjelja/nedelja",
)


def source_weekdays(text: str) -> dict[int, tuple[int, int]]:
    """Weekdays an English text names (0 = Monday), with the first span of each."""
    found: dict[int, tuple[int, int]] = {}
    for match in _EN_WEEKDAY_RE.finditer(text):
        found.setdefault(WEEKDAYS.index(match.group(1)), match.span())
    return found


@lru_cache(maxsize=32768)
def target_weekdays(text: str) -> dict[int, tuple[int, int]]:
    """Weekdays a BCS text names (0 = Monday), with the first span of each.

    Spans are offsets in the text as given when it is in Latin script, else in its
    transliteration.
    """
    found: dict[int, tuple[int, int]] = {}
    lowered = text.lower()
    if not _WEEKDAY_HINT_RE.search(lowered):
        return found
    latin = in_latin(lowered) if _has_cyrillic(lowered) else lowered
    for match in _BCS_WEEKDAY_RE.finditer(latin):
        day = int(match.lastgroup[1:])  # type: ignore[index]
        found.setdefault(day, match.span())
    return found


#: Substrings every weekday form has (Latin and Cyrillic): a fast first test.
_WEEKDAY_HINTS = (
    "poned pondj utor sred srijed četvrt petk petak subot nedel nedjel "
    "понед утор сред сријед четврт петк петак субот недел недјел"
).split()
_WEEKDAY_HINT_RE = re.compile("|".join(map(re.escape, _WEEKDAY_HINTS)))
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")


def _has_cyrillic(text: str) -> bool:
    return _CYRILLIC_RE.search(text) is not None


class WeekdayMismatch(SegmentCheck):
    id = "weekday-mismatch"
    code = "TM-DAT-004"
    severity = "warning"
    family = "dates"
    description = "The target names a different weekday than the source."
    help = (
        "Carry weekdays over: Mondays and Thursdays → ponedjeljkom i četvrtkom "
        "(not utorkom). Any case form is fine."
    )

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        source = source_weekdays(pair.source)
        target = target_weekdays(pair.target)
        if not source and not target:
            return []
        if 6 in target and 6 not in source and _EN_WEEK_RE.search(pair.source):
            del target[6]  # Serbian "nedelja" = week
        missing = [day for day in source if day not in target]
        added = [day for day in target if day not in source]
        if not added:
            return []  # a weekday left out is rephrasing, a different one an error
        found = []
        names = ", ".join(_LOCAL_NAMES[day] for day in added)
        for day in missing or [None]:
            if day is None:
                message = (
                    f"The target names {names}, a weekday the source does not mention."
                )
                found.append(self.finding(pair, message))
                continue
            start, end = source[day]
            found.append(
                self.finding(
                    pair,
                    f"Source says {WEEKDAYS[day]} ({_LOCAL_NAMES[day]}); the target "
                    f"has {names}.",
                    span=(start, end),
                    side="source",
                )
            )
        return found


#: Frequency classes: English and BCS patterns (BCS in lower-case Latin).
_FREQUENCIES = {
    "hourly": (
        r"\bhourly\b|\b(?:per|an|each|every) hour\b|\bmph\b|/h\b",
        r"(?<![^\W\d_])(?:na sat|po satu|svakog sata|svaki sat|na čas|po času)\b"
        r"|km/h|/h\b",
    ),
    "daily": (
        r"\bdaily\b|\b(?:per|a|each|every) day\b|/day\b",
        r"(?<![^\W\d_])(?:dnevn\w*|svakodnevn\w*|na dan|po danu|svaki dan|svakog "
        r"dana|dnevice)",
    ),
    "weekly": (
        r"\bweekly\b|\b(?:per|a|each|every) week\b|/week\b",
        r"(?<![^\W\d_])(?:tjedn[aeiou]\w*|tjedno|sedmičn\w*|nedj?eljno|nedj?eljn[iaeou]\w*"
        r"|na sedmicu|svake sedmice|svakog tjedna|svake nedj?elje|na tjedan)",
    ),
    "monthly": (
        r"\bmonthly\b|\b(?:per|a|each|every) month\b|/month\b",
        r"(?<![^\W\d_])(?:mj?esečn\w*|na mj?esec|svakog mj?eseca|svaki mj?esec)",
    ),
    "yearly": (
        r"\b(?:yearly|annual|annually)\b|\b(?:per|a|each|every) year\b|\bper annum\b"
        r"|/year\b",
        r"(?<![^\W\d_])(?:godišnj[eiaou]\w*|na godinu|svake godine|na godišnjem)",
    ),
}
_FREQUENCY_RES = {
    name: (re.compile(english, re.I), re.compile(local))
    for name, (english, local) in _FREQUENCIES.items()
}
_LOCAL_FREQUENCY = {
    "hourly": "na sat",
    "daily": "dnevno/na dan",
    "weekly": "sedmično/tjedno/nedeljno",
    "monthly": "mjesečno/mesečno",
    "yearly": "godišnje",
}
_ENGLISH_FREQUENCY = {
    "hourly": "per hour",
    "daily": "per day",
    "weekly": "weekly",
    "monthly": "monthly",
    "yearly": "per year",
}


#: Substrings every frequency form has, per side: a fast first test.
_FREQUENCY_HINTS = (
    tuple("hour mph /h dai day week month year annual annum".split()),
    tuple(
        (
            "sat čas /h dnevn dan tjed sedmi deljn djeljn mesec mjesec mjeseč meseč "
            "godiš godin сат час дневн дан седми тјед дељн дјељн месеч мјесеч "
            "годиш годин"
        ).split()
    ),
)


_FREQUENCY_HINT_RES = tuple(
    re.compile("|".join(map(re.escape, hints))) for hints in _FREQUENCY_HINTS
)


@lru_cache(maxsize=32768)
def frequencies(text: str, *, english: bool) -> dict[str, tuple[int, int]]:
    """Frequency classes a text names, with the first span of each (offsets in the
    transliteration for Cyrillic targets)."""
    side = 0 if english else 1
    lowered = text.lower()
    if not _FREQUENCY_HINT_RES[side].search(lowered):
        return {}
    if not english and _has_cyrillic(lowered):
        lowered = in_latin(lowered)
    if english:
        lowered = text
    found = {}
    for name, regexes in _FREQUENCY_RES.items():
        match = regexes[side].search(lowered)
        if match:
            found[name] = match.span()
    return found


class FrequencyMismatch(SegmentCheck):
    id = "frequency-mismatch"
    code = "TM-DAT-005"
    severity = "warning"
    family = "dates"
    description = (
        "A unit of time is changed: per day in the source, monthly in the target."
    )
    help = (
        "Keep the frequency: per day → dnevno/na dan, weekly → sedmično/tjedno/"
        "nedeljno, monthly → mjesečno/mesečno, per year → godišnje."
    )

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        target = frequencies(pair.target, english=False)  # the rarer side first
        if not target:
            return []
        source = frequencies(pair.source, english=True)
        added = [name for name in target if name not in source]
        missing = [name for name in source if name not in target]
        if not added or not missing:
            return []  # only a frequency replaced by another one is reported
        written = ", ".join(_LOCAL_FREQUENCY[name] for name in added)
        return [
            self.finding(
                pair,
                f"Source says {_ENGLISH_FREQUENCY[name]!r}; the target has "
                f"{written} instead (expected {_LOCAL_FREQUENCY[name]}).",
                span=source[name],
                side="source",
            )
            for name in missing
        ]
