"""Numbers by value, locale-aware: ``2.5`` = ``2,5``, ``1.5 million`` =
``1,5 milijuna``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tmserver.lint.checks.base import LintContext
from tmserver.lint.checks.base import SegmentCheck
from tmserver.lint.checks.base import in_latin
from tmserver.lint.findings import Finding
from tmserver.lint.findings import SegmentPair
from tmserver.text.numberwords import NumberWord
from tmserver.text.numberwords import find_number_words
from tmserver.text.placeables import Placeable
from tmserver.text.placeables import render

_NUMERIC = frozenset({"number", "percent"})


@dataclass(frozen=True, slots=True)
class NumberComparison:
    """How the numbers of the two sides fare against each other.

    :param missing: source numbers (digits) the target does not carry.
    :param missing_words: source numbers written in words (``forty``) the target
        carries neither as digits nor as words.
    :param added: target numbers (digits or words) the source does not have.
    """

    missing: tuple[Placeable, ...]
    english_format: tuple[tuple[Placeable, Placeable], ...]
    missing_words: tuple[NumberWord, ...] = ()
    added: tuple[tuple[str, int, int], ...] = ()


def compare_numbers(pair: SegmentPair, ctx: LintContext) -> NumberComparison:
    """Match every source number to a target number of the same value, in digits or
    in words, either way round (cached)."""
    key = ("numbers", pair.path, pair.index)
    cached = ctx.cache.get(key)
    if isinstance(cached, NumberComparison):
        return cached
    source, target = ctx.placeables(pair)
    source_numbers = [p for p in source if p.kind in _NUMERIC]
    pool = [p for p in target if p.kind in _NUMERIC]
    target_words = list(
        find_number_words(_masked(pair.target, target), pair.target_lang)
    )
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
        if _take(target_words, lambda w, n=number: w.value in (n.value, n.alt)):
            continue
        if not _explained(number, target, pair):
            missing.append(number)
    source_words = list(
        find_number_words(_masked(pair.source, source), pair.source_lang)
    )
    missing_words = _match_words(source_words, pool, target_words, pair)
    changed = bool(missing or missing_words)
    added = _additions(pair, source, pool, target_words, source_words, changed)
    added += _added_dates(source, target, source_words, pair.source)
    result = NumberComparison(
        tuple(missing), tuple(english), tuple(missing_words), tuple(added)
    )
    ctx.cache[key] = result
    return result


def _masked(text: str, placeables: list[Placeable]) -> str:
    """``text`` with its placeables blanked out (``2 million`` is one number, not
    ``2`` and the word ``million``)."""
    if not placeables:
        return text
    parts = []
    position = 0
    for placeable in placeables:
        if placeable.start < position:
            continue
        parts.append(text[position : placeable.start])
        parts.append(" " * (placeable.end - placeable.start))
        position = placeable.end
    parts.append(text[position:])
    return "".join(parts)


def _match_words(
    source_words: list[NumberWord],
    pool: list[Placeable],
    target_words: list[NumberWord],
    pair: SegmentPair,
) -> list[NumberWord]:
    """Source numbers in words the target lacks; consumes what matches them.

    Small numbers are rendered freely (``five-time`` → ``petostruki``, ``one in
    five`` → ``svako peto``), so a word under ten counts as missing only when the
    target has a number left over that could be it, changed.
    """
    missing = []
    for word in source_words:
        if _take(pool, lambda t, w=word: t.value == w.value or t.alt == w.value):
            continue
        if _take(target_words, lambda t, w=word: t.value == w.value):
            continue
        if word.weak or word.approximate:
            continue  # "one of", "a dozen": rendered freely
        if word.value < 1000 and number_word_in(word.value, pair.target):
            continue  # compounds and ordinals: dvogodišnji, šesti
        if any(
            _same_digits(Decimal(t.value), Decimal(word.value)) for t in target_words
        ):
            continue  # "two million to three million" → "dva do tri milijuna"
        if _imperial_factors(pair.source, word.end):
            continue  # "a two-foot brim" → "60 cm"
        if word.value >= 10 or pool or any(not t.weak for t in target_words):
            missing.append(word)
    return missing


def _additions(
    pair: SegmentPair,
    source: list[Placeable],
    pool: list[Placeable],
    target_words: list[NumberWord],
    source_words: list[NumberWord],
    changed: bool,
) -> list[tuple[str, int, int]]:
    """Target numbers with no counterpart in the source: ``(text, start, end)``.

    A leftover target number is explained when the source has its value in any
    shape (a date part, a time, a word, a converted unit, a changed number the
    number check already reports) or writes its digits verbatim.
    """
    if not pool and not target_words:
        return []
    values = _source_values(source, source_words)
    found = []
    metric_ok = _IMPERIAL_ANY_RE.search(pair.source) is not None
    for number in pool:
        if number.value < 2 and number.kind == "number":
            continue  # "Formule 1", "1 od 4": a one is rarely an added count
        if metric_ok and _METRIC_AFTER_RE.match(pair.target, number.end):
            continue  # converted from an imperial unit the source names
        if _CENTURY_AFTER_RE.match(pair.target, number.end) and any(
            int(v) // 100 + 1 == number.value for v in values if 1000 <= v < 2100
        ):
            continue  # "the 1970s" → "70-ih godina 20. stoljeća"
        if _value_known(number.value, values) or (
            number.alt is not None and _value_known(number.alt, values)
        ):
            continue
        if changed or number.text in pair.source:
            continue  # a changed number is reported once, as missing
        if _converted(number.value, source, pair.source):
            continue
        if _clock_or_year(number, pair.source):
            continue
        found.append((number.text, number.start, number.end))
    for word in target_words:
        if word.value < 10 or word.approximate:
            continue  # dva puta, sedam dana, dvadesetak: rephrased or vague counts
        if _value_known(Decimal(word.value), values):
            continue
        if changed:
            continue
        found.append((pair.target[word.start : word.end], word.start, word.end))
    return found


def _added_dates(
    source: list[Placeable],
    target: list[Placeable],
    source_words: list[NumberWord],
    text: str,
) -> list[tuple[str, int, int]]:
    """Target dates with a day or year the source has in no shape (``22. oktobra``
    where the source names no date)."""
    found = []
    values: set[Decimal] | None = None
    source_dates = [p.value for p in source if p.kind == "date"]
    for date in (p for p in target if p.kind == "date"):
        year, month, day = date.value
        if any(
            all(a == b for a, b in zip(date.value, other, strict=True) if a and b)
            and any(a and b for a, b in zip(date.value, other, strict=True))
            for other in source_dates
        ):
            continue
        if date.text.rstrip(".") in text:
            continue  # "Figure 1.1" read as a date
        if values is None:
            values = _source_values(source, source_words)
        parts = [Decimal(v) for v in (year, day) if v is not None]
        if parts and not all(v in values for v in parts):
            found.append((date.text, date.start, date.end))
    return found


def _source_values(
    source: list[Placeable], source_words: list[NumberWord]
) -> set[Decimal]:
    values: set[Decimal] = {Decimal(w.value) for w in source_words}
    for placeable in source:
        if placeable.kind in _NUMERIC:
            values.add(placeable.value)
            if placeable.alt is not None:
                values.add(placeable.alt)
            if placeable.value == placeable.value.to_integral_value():
                whole = int(placeable.value)
                if 1900 <= whole < 2100:
                    values.add(Decimal(whole % 100))  # "the 1970s" → "70-ih"
        elif placeable.kind in {"date", "time"}:
            parts = [v for v in placeable.value if v is not None]
            values.update(Decimal(v) for v in parts)
            if placeable.kind == "time":
                hour = placeable.value[0]
                values.update({Decimal(hour % 12 or 12), Decimal(hour + 12)})
    return values


def _value_known(value: Decimal, values: set[Decimal]) -> bool:
    return value in values or any(_same_digits(value, v) for v in values)


#: An imperial unit anywhere in the source: the target may hold converted values.
_IMPERIAL_ANY_RE = re.compile(
    r"(?i)\b(?:mph|miles?|inch(?:es)?|foot|feet|ft|pounds?|lbs?|yards?|gallons?|acres?"
    r"|ounces?|oz|fahrenheit|degrees?)\b|°|\bF\b|-miler\b"
)
#: A metric unit right after a target number (``1,5 km``, ``32 °C``, ``2 metra``).
_METRIC_AFTER_RE = re.compile(
    r"\s*(?:km|m|cm|mm|kg|g|l|ha|°|metar|metr|kilometar|kilometr|centimet|milimet"
    r"|kilogram|grama|litar|litr|hektar|stepen|stupanj|stupnj|celzij"
    r"|км|м|цм|мм|кг|метар|метр|километ|степен)",
    re.I,
)
_CENTURY_AFTER_RE = re.compile(
    r"\.?\s*(?:st|vijek|vek|stoljeć|stoljec|век|вијек)", re.I
)
_CLOCK_RE = re.compile(r"^(\d{1,2})[.,:](\d\d)$")


def _clock_or_year(number: Placeable, source: str) -> bool:
    """A time written as a number (``5.30pm`` → ``17.30``), or a year the source
    abbreviates (``SS19`` → ``2019``)."""
    clock = _CLOCK_RE.match(number.text)
    if clock:
        hour, minute = int(clock.group(1)), clock.group(2)
        hours = {hour, hour % 12 or 12, (hour + 12) % 24}
        return any(re.search(rf"(?<!\d)0?{h}[.:]{minute}(?!\d)", source) for h in hours)
    value = number.value
    if value == value.to_integral_value() and 1900 <= value < 2100:
        return re.search(rf"{int(value) % 100:02d}(?!\d)", source) is not None
    return False


def _converted(value: Decimal, source: list[Placeable], text: str) -> bool:
    """A target value the translator got by converting a source unit (miles → km)."""
    for number in source:
        if number.kind not in _NUMERIC:
            continue
        for factor in _imperial_factors(text, number.end):
            expected = (
                number.value * factor if not callable(factor) else factor(number.value)
            )
            if _near(value, expected):
                return True
    return False


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
    latin = in_latin(text).lower()
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
        latin = in_latin(pair.target).lower()
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
        found = [
            self.finding(
                pair,
                f"Number {number.text!r} of the source is missing or changed in the "
                f"target (expected {render(number, pair.target_lang)!r}).",
                span=(number.start, number.end),
                side="source",
            )
            for number in comparison.missing
        ]
        for word in comparison.missing_words:
            written = pair.source[word.start : word.end]
            found.append(
                self.finding(
                    pair,
                    f"Number {written!r} ({word.value:,}) of the source is missing or "
                    "changed in the target (expected it in digits or in words).",
                    span=(word.start, word.end),
                    side="source",
                )
            )
        return found


class NumberAdded(SegmentCheck):
    id = "number-added"
    code = "TM-NUM-003"
    severity = "warning"
    family = "numbers"
    description = "A number or count in the target has no counterpart in the source."
    help = (
        "A number, count or date that only the translation has is an addition: "
        "remove it, or check the source (15 mladih, sa devetnaest mladih for "
        "'young people')."
    )

    def check(self, pair: SegmentPair, ctx: LintContext) -> list[Finding]:
        return [
            self.finding(
                pair,
                f"Number {text!r} is in the target but not in the source: remove it "
                "or check the source.",
                span=(start, end),
            )
            for text, start, end in compare_numbers(pair, ctx).added
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
