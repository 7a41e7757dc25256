"""Dates and times by value: ``October 18, 2018`` = ``18. listopada 2018.``."""

from __future__ import annotations

import os
import re
from decimal import Decimal

from tmserver.lint.checks.base import LintContext
from tmserver.lint.checks.base import SegmentCheck
from tmserver.lint.checks.base import in_latin
from tmserver.lint.checks.numbers import number_word_in
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair
from tmserver.text.placeables import EN_MONTHS
from tmserver.text.placeables import MONTH_FORMS
from tmserver.text.placeables import Placeable
from tmserver.text.placeables import render

_EN_MONTH_RE = re.compile(
    r"\b(?:January|February|June|July|August|September|October|November|December)\b"
)
_US_DATE_RE = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}/\d{4}(?![\d/])")


def _compatible(a: tuple, b: tuple) -> bool:
    """Dates agree where both name a part, and share at least one part."""
    shared = [
        (x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None
    ]
    return bool(shared) and all(x == y for x, y in shared)


def _numbers_of(target: list[Placeable]) -> set[Decimal]:
    values: set[Decimal] = set()
    for placeable in target:
        if placeable.kind in {"number", "percent"}:
            values.add(placeable.value)
            if placeable.alt is not None:
                values.add(placeable.alt)
        elif placeable.kind in {"date", "time"}:
            values.update(Decimal(v) for v in placeable.value if v is not None)
    return values


def _month_stems(month: int) -> tuple[str, ...]:
    """What every form of a month starts with, per system (``novemb``, ``ožuj``)."""
    found = []
    for cases in MONTH_FORMS.values():
        forms = [
            cases[case][month - 1] for case in ("nominative", "genitive", "locative")
        ]
        found.append(os.path.commonprefix(forms))
    return tuple(stem for stem in found if len(stem) >= 3)


def _month_adjective(month: int, text: str) -> bool:
    words = in_latin(text).lower().split()
    stems = _month_stems(month)
    return any(word.startswith(stems) for word in words)


class DateMismatch(SegmentCheck):
    id = "date-mismatch"
    code = "TM-DAT-001"
    severity = "error"
    family = "dates"
    description = "A date of the source is missing or different in the target."
    help = (
        "Carry the date over: October 18, 2018 → 18. oktobra 2018. / "
        "18. listopada 2018."
    )

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        source, target = ctx.placeables(pair)
        dates = [p for p in target if p.kind == "date"]
        found = []
        for date in (p for p in source if p.kind == "date"):
            matches = [o for o in dates if _compatible(date.value, o.value)]
            if matches:
                lost = _lost_parts(date, matches, target, pair.target)
                if lost:
                    found.append(
                        self.finding(
                            pair,
                            f"Date {date.text!r} lost its {' and '.join(lost)} in the "
                            f"target (expected {render(date, pair.target_lang)!r}).",
                            span=(date.start, date.end),
                            side="source",
                        )
                    )
                continue
            if date.value[0] is None and date.value[2] is None:
                if _month_adjective(date.value[1], pair.target):
                    continue  # "the June summit" → "junski samit"
            parts = [Decimal(v) for v in date.value[::2] if v is not None]
            if date.value[1] is not None and parts and date.style == "name":
                parts_ok = False  # a named month must appear as a month
            else:
                parts_ok = bool(parts) and set(parts) <= _numbers_of(target)
            if parts_ok:
                continue
            found.append(
                self.finding(
                    pair,
                    f"Date {date.text!r} is missing or different in the target "
                    f"(expected {render(date, pair.target_lang)!r}).",
                    span=(date.start, date.end),
                    side="source",
                )
            )
        return found


_PART_NAMES = ("year", None, "day")


def _lost_parts(
    date: Placeable, matches: list[Placeable], target: list[Placeable], text: str
) -> list[str]:
    """Parts (year, day) the source date names that neither a matching target date
    nor a number of the target carries: ``in July 2017`` → ``u julu``,
    ``16. februara`` → ``. februara``."""
    numbers: set[Decimal] | None = None
    lost = []
    for position in (2, 0):
        value = date.value[position]
        if value is None or any(m.value[position] == value for m in matches):
            continue
        if numbers is None:
            numbers = _numbers_of([p for p in target if p.kind != "date"])
        if Decimal(value) in numbers:
            continue
        if position == 2 and number_word_in(value, text):
            continue  # "prvog oktobra"
        lost.append(_PART_NAMES[position])
    return lost  # type: ignore[return-value]


class TimeMismatch(SegmentCheck):
    id = "time-mismatch"
    code = "TM-TIM-001"
    severity = "error"
    family = "dates"
    description = "A time of day of the source is missing or different in the target."
    help = "Carry the time over: 14:30 → 14.30 (sati/časova); 2 p.m. → 14 sati."

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        source, target = ctx.placeables(pair)
        times = {p.value for p in target if p.kind == "time"}
        texts = {p.text for p in target if p.kind == "number"}
        numbers = _numbers_of(target)
        found = []
        for time in (p for p in source if p.kind == "time"):
            hour, minute = time.value
            if time.value in times or (hour % 12, minute) in {
                (h % 12, m) for h, m in times
            }:
                continue
            if {f"{hour}.{minute:02d}", f"{hour},{minute:02d}"} & texts:
                continue
            hours = {Decimal(hour), Decimal(hour % 12 or 12)}
            if hours & numbers and (minute == 0 or Decimal(minute) in numbers):
                continue
            if minute == 0 and number_word_in(hour % 12 or 12, pair.target):
                continue
            found.append(
                self.finding(
                    pair,
                    f"Time {time.text!r} is missing or different in the target "
                    f"(expected {render(time, pair.target_lang)!r}).",
                    span=(time.start, time.end),
                    side="source",
                )
            )
        return found


class DateFormat(SegmentCheck):
    id = "date-format"
    code = "TM-DAT-002"
    severity = "warning"
    family = "dates"
    description = "A date in the target is written the English way."
    help = (
        "Write dates as 18. oktobra 2018. or 18.10.2018., not October 18 or 10/18/2018."
    )

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        found = []
        for match in _EN_MONTH_RE.finditer(pair.target):
            month = EN_MONTHS.index(match.group()) + 1
            local = render((None, month, None), pair.target_lang, case="genitive")
            found.append(
                self.finding(
                    pair,
                    f"English month name {match.group()!r} in the target: "
                    f"write {local!r}.",
                    span=match.span(),
                )
            )
        for match in _US_DATE_RE.finditer(pair.target):
            found.append(
                self.finding(
                    pair,
                    f"{match.group()!r} is an English (month/day) date: "
                    "write day.month.year.",
                    span=match.span(),
                )
            )
        return found
