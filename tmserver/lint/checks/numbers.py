"""Numbers by value, locale-aware: ``2.5`` = ``2,5``, ``1.5 million`` =
``1,5 milijuna``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tmserver.lint.checks.base import LintContext
from tmserver.lint.checks.base import SegmentCheck
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair
from tmserver.text.lang import cyrillic_to_latin
from tmserver.text.placeables import Placeable
from tmserver.text.placeables import render

_NUMERIC = frozenset({"number", "percent"})


@dataclass(frozen=True, slots=True)
class NumberComparison:
    """How the source's numbers fare in the target."""

    missing: tuple[Placeable, ...]
    english_format: tuple[tuple[Placeable, Placeable], ...]


def compare_numbers(pair: SegmentPair, ctx: LintContext) -> NumberComparison:
    """Match every source number to a target number of the same value (cached)."""
    key = ("numbers", pair.path, pair.index)
    cached = ctx.cache.get(key)
    if isinstance(cached, NumberComparison):
        return cached
    source, target = ctx.placeables(pair)
    source_numbers = [p for p in source if p.kind in _NUMERIC]
    pool = [p for p in target if p.kind in _NUMERIC]
    missing: list[Placeable] = []
    english: list[tuple[Placeable, Placeable]] = []
    for number in source_numbers:
        hit = _take(pool, lambda t, n=number: t.value == n.value or t.value == n.alt)
        if hit is not None:
            if hit.style == "en" or (
                hit.style == "ambiguous" and hit.value != number.value
            ):
                english.append((number, hit))
            continue
        hit = _take(
            pool, lambda t, n=number: t.alt is not None and t.alt in (n.value, n.alt)
        )
        if hit is not None:
            english.append((number, hit))
            continue
        if _take(pool, lambda t, n=number: _same_digits(t.value, n.value)) is not None:
            continue
        if not _explained(number, target, pair):
            missing.append(number)
    result = NumberComparison(tuple(missing), tuple(english))
    ctx.cache[key] = result
    return result


def _take(pool: list[Placeable], test: object) -> Placeable | None:
    for index, candidate in enumerate(pool):
        if test(candidate):  # type: ignore[operator]
            return pool.pop(index)
    return None


def _same_digits(a: Decimal, b: Decimal) -> bool:
    """Same significant digits, a power of 1,000 apart (``1.5m``, ``1.500.000``)."""
    if a == 0 or b == 0:
        return False
    ta, tb = a.normalize().as_tuple(), b.normalize().as_tuple()
    return (
        ta.digits == tb.digits
        and ta.sign == tb.sign
        and (ta.exponent - tb.exponent) % 3 == 0
    )


def _explained(number: Placeable, target: list[Placeable], pair: SegmentPair) -> bool:
    """A source number the target carries in another shape: verbatim inside another
    token, as a date part, as a (compound) number word, or converted to metric."""
    text = pair.target
    short_year = re.search(r"(\d\d)\d\d[-–]$", pair.source[: number.start])
    if short_year and len(number.text) == 2:  # 1950-53 → 1953
        full = Decimal(short_year.group(1) + number.text)
        if any(p.value == full for p in target if p.kind in _NUMERIC):
            return True
    parsed_same = any(p.value == number.value for p in target if p.kind in _NUMERIC)
    if not parsed_same and re.search(
        rf"(?<![\d.,]){re.escape(number.text)}(?![\d])", text
    ):
        return True  # read differently in the target ("116 123" as one number)
    value = number.value
    if value == value.to_integral_value() and 0 <= value < 1000:
        whole = int(value)
        for placeable in target:
            if placeable.kind in {"date", "time"} and whole in placeable.value:
                return True
        if number_word_in(whole, text):
            return True
    if _as_time_or_decade(number, target, pair):
        return True
    factors = _imperial_factors(pair.source, number.end)
    if factors:
        values = [p.value for p in target if p.kind in _NUMERIC]
        for factor in factors:
            expected = value * factor if not callable(factor) else factor(value)
            for candidate in values:
                if candidate and _near(candidate, expected):
                    return True
    return False


_UNITS = (
    (
        "one",
        "jedan jedna jedno jednog jednom jedne jednu prvi prva prvo prvog prvom",
        "jedno",
    ),
    ("two", "dva dvije dve dvoje dvojica drugi druga drugo drugog oba obje", "dv"),
    ("three", "tri troje trojica treći treća treće trećeg", "tr"),
    ("four", "četiri četvoro četvero četvorica četvrti četvrta četvrto", "četv"),
    ("five", "pet petoro petorica peti peta peto petog", "pet"),
    ("six", "šest šestoro šestorica šesti šesta šesto", "šest"),
    ("seven", "sedam sedmoro sedmi sedma sedmo", "sedm"),
    ("eight", "osam osmoro osmi osma osmo", "osm"),
    ("nine", "devet devetoro deveti deveta deveto", "devet"),
)
_COMPOUND_UNITS = (
    "jedan jedn",
    "dva dvo dv",
    "tri tro",
    "četiri četvor četver četvr",
    "pet",
    "šest",
    "sedam sedm",
    "osam osm",
    "devet",
)
_TEENS = (
    "deset jedanaest dvanaest trinaest četrnaest petnaest šesnaest sedamnaest "
    "osamnaest devetnaest"
).split()
_TENS = (
    "_ _ dvadeset trideset četrdeset pedeset šezdeset sedamdeset osamdeset devedeset"
)
_TENS_WORDS = _TENS.split()
_HUNDREDS = (
    "sto stotin",
    "dvjesto dvesta dvjesta dvesto",
    "trista tristo",
    "četiristo",
    "petsto",
    "šeststo",
    "sedamsto",
    "osamsto",
    "devetsto",
)
_ENGLISH_UNITS = "zero one two three four five six seven eight nine".split()
_ENGLISH_TEENS = (
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
).split()


def number_words(value: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """BCS (and English) words for ``value`` (0–99): whole words and compound stems.

    The first tuple holds words that must stand alone (``tri``, ``pet``: short, so
    "tribunal" or "petak" must not count); the second holds beginnings of longer
    words (``četrdesetčetvor``, ``trinaest``, ``dvo`` + ``godišnji``).
    """
    if value == 0:
        return ("nula", "zero", "nijedan"), ()
    if value >= 100:
        hundreds, rest = divmod(value, 100)
        heads = _HUNDREDS[hundreds - 1].split()
        if rest == 0:
            return (), tuple(heads)
        tails = number_words(rest)
        endings = [w for w in tails[0] if len(w) > 2] + list(tails[1])
        return (), tuple(
            f"{h}{j}{e}" for h in heads for j in (" ", "") for e in endings
        )
    if value < 10:
        english, forms, stem = _UNITS[value - 1]
        return (english, *forms.split()), ()
    if value < 20:
        return (), (_TEENS[value - 10], _ENGLISH_TEENS[value - 10])
    tens, units = divmod(value, 10)
    if units == 0:
        return (), (_TENS_WORDS[tens],)
    return (), tuple(
        f"{_TENS_WORDS[tens]}{joiner}{unit}"
        for joiner in ("", " ", " i ")
        for unit in _COMPOUND_UNITS[units - 1].split()
    )


_COMPOUND_TAIL = (
    r"o?(?:godišnj|struk|člani|satn|dnevn|mjesečn|mesečn|minutn|kratn|cifren"
    r"|spratn|katn)"
)


def number_word_in(value: int, text: str) -> bool:
    """Whether ``text`` writes ``value`` out in words (any case, either script)."""
    latin = cyrillic_to_latin(text).lower()
    whole, prefixes = number_words(value)
    if value < 10:
        compound = _UNITS[value - 1][2]
        prefixes = (*prefixes,)
        if re.search(rf"(?<![^\W\d_]){re.escape(compound)}{_COMPOUND_TAIL}", latin):
            return True
    if whole and re.search(
        r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, whole)) + r")(?![^\W\d_])", latin
    ):
        return True
    return (
        bool(prefixes)
        and re.search(
            r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, prefixes)) + ")", latin
        )
        is not None
    )


#: Imperial units translators convert, with the metric factors they may use.
_IMPERIAL: tuple[tuple[str, tuple[Any, ...]], ...] = (
    (r"mph|miles? (?:an|per) hour", (Decimal("1.609"),)),
    (r"-?miles?\b|mi\b", (Decimal("1.609"), Decimal("1609"))),
    (r"-?(?:inch(?:es)?)\b", (Decimal("2.54"), Decimal("25.4"))),
    (r"-?(?:foot|feet|ft)\b", (Decimal("0.3048"), Decimal("30.48"))),
    (r"-?(?:pounds?|lbs?)\b", (Decimal("0.4536"),)),
    (r"-?(?:yards?|yd)\b", (Decimal("0.9144"),)),
    (r"-?(?:gallons?)\b", (Decimal("3.785"),)),
    (r"-?(?:acres?)\b", (Decimal("0.4047"), Decimal("4047"))),
    (r"-?(?:ounces?|oz)\b", (Decimal("28.35"),)),
    (
        r"s?\s*(?:degrees?|°)\s*(?:F|Fahrenheit)?\b|°F|s\b",
        (lambda f: (f - 32) * 5 / 9,),
    ),
)
_IMPERIAL_RES = tuple((re.compile(r"\s*(?:" + p + ")", re.I), f) for p, f in _IMPERIAL)


def _as_time_or_decade(
    number: Placeable, target: list[Placeable], pair: SegmentPair
) -> bool:
    """``0230 UTC`` written as 02:30; ``the 1970s`` written as ``70-ih`` or
    ``sedamdesetih``."""
    digits = number.text
    if len(digits) == 4 and digits.isdigit():
        clock = (int(digits[:2]), int(digits[2:]))
        if any(p.kind == "time" and p.value == clock for p in target):
            return True
    if pair.source[number.end : number.end + 1] == "s" and number.value % 10 == 0:
        decade = int(number.value) % 100
        latin = cyrillic_to_latin(pair.target).lower()
        if re.search(rf"(?<!\d){decade:02d}\.?-", latin) or re.search(
            rf"(?<!\d){decade}\.?-", latin
        ):
            return True
        tens = _TENS_WORDS[decade // 10] if decade >= 20 else ""
        return bool(tens) and tens in latin
    return False


_RANGE_RE = re.compile(r"\s*(?:to|-|–|and|or)\s*[\d.,]+")


def _imperial_factors(source: str, end: int) -> tuple[Any, ...]:
    following = source[end : end + 40]
    following = (
        following[_RANGE_RE.match(following).end() :]
        if _RANGE_RE.match(following)
        else following
    )
    for regex, factors in _IMPERIAL_RES:
        if regex.match(following):
            return factors
    return ()


def _near(candidate: Decimal, expected: Decimal) -> bool:
    """Within 6 % (translators round converted values: 85 mph → 140 km/h)."""
    if expected == 0:
        return candidate == 0
    return abs(candidate - expected) <= abs(expected) * Decimal("0.06")


class NumberMismatch(SegmentCheck):
    id = "number-mismatch"
    code = "TM-NUM-001"
    severity = "error"
    family = "numbers"
    description = "A number of the source is missing or changed in the target."
    help = (
        "Carry every number over by value: 2.5 → 2,5; 1,000 → 1.000; "
        "1.5 million → 1,5 milijuna."
    )

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        comparison = compare_numbers(pair, ctx)
        return [
            self.finding(
                pair,
                f"Number {number.text!r} of the source is missing or changed in the "
                f"target (expected {render(number, pair.target_lang)!r}).",
                span=(number.start, number.end),
                side="source",
            )
            for number in comparison.missing
        ]


class NumberFormat(SegmentCheck):
    id = "number-format"
    code = "TM-NUM-002"
    severity = "warning"
    family = "numbers"
    description = "A number is right but written in English format in the target."
    help = "Use a decimal comma and a thousands dot in bs/hr/sr: 2,5 and 1.000."

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        return [
            self.finding(
                pair,
                f"{target.text!r} is written in English format: write "
                f"{render(source, pair.target_lang)!r}.",
                span=(target.start, target.end),
            )
            for source, target in compare_numbers(pair, ctx).english_format
        ]
