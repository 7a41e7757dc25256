"""Placeables: numbers, dates, times, addresses and acronyms in a segment (pure core).

A *placeable* is a piece of a segment that a translation must carry over by value, not
by wording: ``2.5`` in English is ``2,5`` in Croatian, ``October 18, 2018`` is
``18. listopada 2018.``, ``IOM`` may become ``IOM-a``. :func:`extract` finds them in
English or in Bosnian/Croatian/Serbian (Latin or Cyrillic) text and gives each a
normalised ``value`` that compares across languages; :func:`render` writes a value
back in a target variety's conventions.

Everything here is table-driven and deterministic: CLDR
has no genitive month names for bs/sr and parsers such as dateparser miss them, so the
month forms are our own tables. Separators follow CLDR (decimal comma, group dot for
every local variety).

Values by kind:

- ``number``, ``percent``: :class:`decimal.Decimal` (scale words applied:
  ``1.5 million`` → ``Decimal("1500000")``);
- ``date``: ``(year, month, day)``, any part may be ``None`` (``October 2018`` →
  ``(2018, 10, None)``);
- ``time``: ``(hour, minute)`` on a 24-hour clock;
- ``url``, ``email``, ``handle``, ``hashtag``: the text, normalised for comparison;
- ``acronym``: the bare acronym in Latin script (``IOM-a`` → ``IOM``, ``УН-у`` →
  ``UN``).

This module may not import Flask, SQLAlchemy or click.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from tmserver.text.lang import cyrillic_to_latin
from tmserver.text.lang import latin_to_cyrillic
from tmserver.text.lang import normalise_tag

KINDS = (
    "url",
    "email",
    "handle",
    "hashtag",
    "date",
    "time",
    "percent",
    "number",
    "acronym",
)


@dataclass(frozen=True, slots=True)
class Placeable:
    """One placeable found in a text.

    :param kind: one of :data:`KINDS`.
    :param text: the text as written, ``text == segment[start:end]``.
    :param value: the normalised, comparable value (see the module docstring).
    :param style: how it is written. Numbers: ``plain`` (digits only), ``en``
        (``1,000.5``), ``local`` (``1.000,5``), ``ambiguous`` (``1,000`` or ``1.000``:
        one separator followed by three digits), ``ordinal`` (``18th``). Dates:
        ``name`` (month name) or ``numeric``. Acronyms: the inflection suffix.
    :param alt: for ``ambiguous`` numbers, the value under the other convention.
    :param unit: words that belong to it as written: the scale word (``milijuna``),
        percent word (``posto``, ``%``), time word (``sati``), the month word of a date.
    """

    kind: str
    text: str
    start: int
    end: int
    value: Any
    style: str = ""
    alt: Any = None
    unit: str = ""


# --------------------------------------------------------------------------- tables

EN_MONTHS = (
    "January February March April May June July August September October November "
    "December"
).split()
_EN_ABBR = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}

#: Month forms of the local varieties: system → case → twelve forms (``a/b`` = both).
#: ``sr`` is Serbian (and Montenegrin) Latin, ``bs`` Bosnian, ``hr`` Croatian.
MONTH_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "sr": {
        "nominative": tuple(
            "januar februar mart april maj jun jul avgust septembar oktobar "
            "novembar decembar".split()
        ),
        "genitive": tuple(
            "januara februara marta aprila maja juna jula avgusta septembra oktobra "
            "novembra decembra".split()
        ),
        "locative": tuple(
            "januaru februaru martu aprilu maju junu julu avgustu septembru oktobru "
            "novembru decembru".split()
        ),
    },
    "bs": {
        "nominative": tuple(
            "januar februar mart april maj juni juli august septembar oktobar "
            "novembar decembar".split()
        ),
        "genitive": tuple(
            "januara februara marta aprila maja juna jula augusta septembra oktobra "
            "novembra decembra".split()
        ),
        "locative": tuple(
            "januaru februaru martu aprilu maju junu julu augustu septembru oktobru "
            "novembru decembru".split()
        ),
    },
    "hr": {
        "nominative": tuple(
            "siječanj veljača ožujak travanj svibanj lipanj srpanj kolovoz rujan "
            "listopad studeni prosinac".split()
        ),
        "genitive": tuple(
            "siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna "
            "listopada studenoga prosinca".split()
        ),
        "locative": tuple(
            "siječnju veljači ožujku travnju svibnju lipnju srpnju kolovozu rujnu "
            "listopadu studenome prosincu".split()
        ),
    },
}
#: Further accepted spellings: (system, case, month, form).
_EXTRA_MONTH_FORMS = (
    ("hr", "genitive", 11, "studenog"),
    ("hr", "locative", 11, "studenom"),
    ("bs", "nominative", 6, "jun"),
    ("bs", "nominative", 7, "jul"),
    ("bs", "nominative", 8, "avgust"),
    ("bs", "genitive", 8, "avgusta"),
    ("bs", "locative", 8, "avgustu"),
    ("sr", "nominative", 6, "juni"),
    ("sr", "nominative", 7, "juli"),
)
CASES = ("nominative", "genitive", "locative")


@dataclass(frozen=True, slots=True)
class MonthForm:
    """What one written month word is: month number, grammatical case, systems."""

    month: int
    case: str
    systems: frozenset[str]
    script: str


def _build_month_index() -> dict[str, MonthForm]:
    found: dict[str, tuple[int, str, set[str]]] = {}

    def add(system: str, case: str, month: int, form: str) -> None:
        entry = found.setdefault(form, (month, case, set()))
        entry[2].add(system)

    for system, cases in MONTH_FORMS.items():
        for case, forms in cases.items():
            for month, form in enumerate(forms, 1):
                add(system, case, month, form)
    for system, case, month, form in _EXTRA_MONTH_FORMS:
        add(system, case, month, form)
    index: dict[str, MonthForm] = {}
    for form, (month, case, systems) in found.items():
        index[form] = MonthForm(month, case, frozenset(systems), "Latn")
        if "hr" not in systems:
            cyr = latin_to_cyrillic(form)
            index[cyr] = MonthForm(month, case, frozenset(systems), "Cyrl")
    return index


#: Every local month word (lower case, Latin and Cyrillic) → :class:`MonthForm`.
MONTH_INDEX: dict[str, MonthForm] = _build_month_index()

#: Scale words → factor. Local forms cover singular, paucal and genitive plural.
_EN_SCALES = {
    "thousand": 10**3,
    "million": 10**6,
    "mln": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
}
_LOCAL_SCALES = {
    **dict.fromkeys("hiljada hiljade hiljadu tisuća tisuće tisuću".split(), 10**3),
    **dict.fromkeys(
        "milion miliona milioni milijun milijuna milijuni mil.".split(), 10**6
    ),
    **dict.fromkeys("milijarda milijarde milijardi milijardu mlrd.".split(), 10**9),
    **dict.fromkeys("bilion biliona bilijun bilijuna".split(), 10**12),
}
_SCALES: dict[str, int] = {
    **_EN_SCALES,
    **_LOCAL_SCALES,
    **{latin_to_cyrillic(word): factor for word, factor in _LOCAL_SCALES.items()},
}
_LOCAL_PERCENT_WORDS = (
    "posto odsto procenata procenta procenat postotaka postotka postotak".split()
)
_PERCENT_WORDS_ALL = sorted(
    {"percent", "per cent", "percentage points", "percentage point", "pp"}
    | {"postotnih bodova", "postotna boda", "procentnih poena", "procentna poena"}
    | set(_LOCAL_PERCENT_WORDS)
    | {latin_to_cyrillic(word) for word in _LOCAL_PERCENT_WORDS},
    key=len,
    reverse=True,
)
_TIME_WORDS = "sati sata časova h č сати сата часова ч".split()

# --------------------------------------------------------------------------- regexes

_SEP_SPACES = "\u00a0\u202f\u2009"
_URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"“”„«»‘’]+"
    r"|(?<![@\w.-])(?:[a-z0-9-]+\.)+(?:com|org|net|int|eu|ba|hr|rs|me|gov|edu|info|io)"
    r"(?:/[^\s<>\"“”„«»]*)?(?![\w@-])",
)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE_RE = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{2,}")
_HASHTAG_RE = re.compile(r"(?<![\w&#])#[^\W\d_]\w*")

_EN_MONTH_ALT = "|".join(EN_MONTHS + sorted(_EN_ABBR, key=len, reverse=True))
_EN_MONTH = rf"(?P<mon>(?:{_EN_MONTH_ALT}))\b\.?"
_EN_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_LOCAL_MONTH_ALT = "|".join(sorted(MONTH_INDEX, key=len, reverse=True))
_LOCAL_MONTH = rf"(?P<mon>(?i:{_LOCAL_MONTH_ALT}))(?!\w)"

#: Date patterns in priority order: (regex, month is numeric).
_EN_DATE_RES = (
    re.compile(rf"\b{_EN_MONTH}\s+{_EN_DAY}\b(?:,?\s+{_YEAR}\b)?"),
    re.compile(rf"\b{_EN_DAY}(?:\s+of)?\s+{_EN_MONTH}(?:,?\s+{_YEAR}\b)?"),
    re.compile(rf"\b{_EN_MONTH},?\s+{_YEAR}\b"),
    re.compile(r"(?<![\w.])(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?![\w-])"),
    re.compile(r"(?<![\w./])(?P<mon>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})\b"),
    re.compile(r"(?<![\w.])(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4})\b\.?"),
    re.compile(
        r"\b(?P<mon>January|February|April|June|July|August|September|October"
        r"|November|December)\b"
        r"|\b(?P<mon2>March|May)\b"
        r"|\b(?P<mon3>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\."
    ),
)
_LOCAL_DATE_RES = (
    re.compile(
        rf"(?<![\w.])(?P<day>\d{{1,2}})\.\s*{_LOCAL_MONTH}(?:\s+{_YEAR}(?!\d)\.?)?"
    ),
    re.compile(rf"(?<!\w){_LOCAL_MONTH}\s+{_YEAR}(?!\d)\.?"),
    re.compile(
        r"(?<![\w.])(?P<day>\d{1,2})\.\s?(?P<mon>\d{1,2})\.\s?(?P<year>\d{4})(?!\d)\.?"
    ),
    re.compile(r"(?<![\w.])(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?![\w-])"),
    re.compile(r"(?<![\w.])(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?![\d\w])"),
    re.compile(rf"(?<!\w)(?P<mon>{_LOCAL_MONTH_ALT})(?!\w)"),
)

_EN_TIME_RES = (
    re.compile(
        r"(?<![\w.:])(?P<h>\d{1,2})[:.](?P<m>\d{2})\s*(?P<ap>[ap])\.?m\b\.?", re.I
    ),
    re.compile(r"(?<![\w.:])(?P<h>\d{1,2}):(?P<m>\d{2})(?![\d:])(?:\s*(?:h|hrs)\b)?"),
    re.compile(r"(?<![\w.:])(?P<h>\d{1,2})\s*(?P<ap>[ap])\.?m\b\.?", re.I),
)
_TIME_WORD_ALT = "|".join(_TIME_WORDS)
_LOCAL_TIME_RES = (
    re.compile(
        rf"(?<![\w.:])(?P<h>\d{{1,2}})[:.](?P<m>\d{{2}})(?!\d)"
        rf"(?:\s*(?P<u>{_TIME_WORD_ALT})(?!\w))?"
    ),
    re.compile(
        rf"(?<![\w.:])(?P<h>\d{{1,2}})\s+(?P<u>{_TIME_WORD_ALT})(?!\w)",
        re.I,
    ),
)

_SCALE_ALT = "|".join(re.escape(w) for w in sorted(_SCALES, key=len, reverse=True))
_PERCENT_ALT = "|".join(re.escape(w) for w in _PERCENT_WORDS_ALL)
_NUM_CORE = (
    rf"(?P<num>\d{{1,3}}(?:[{_SEP_SPACES}]\d{{3}})+(?:[.,]\d+)?(?!\d)"
    r"|\d+(?:[.,]\d+)*)"
)
_NUM_RE = re.compile(
    r"(?:(?<![\w.,])|(?<=\d[x×]))"  # not glued to a word (but 6x6 is two numbers)
    r"(?P<sign>[-−]\s?)?"
    + _NUM_CORE
    + r"(?P<ord>st|nd|rd|th)?"
    + rf"(?:\s?(?P<scale>(?:{_SCALE_ALT}))(?!\w))?"
    + rf"(?:\s?(?P<pct>%|(?:{_PERCENT_ALT})(?!\w)))?",
    re.I,
)
#: Local texts also group thousands with a plain space (``15 000``).
_LOCAL_SPACE_NUM_RE = re.compile(
    r"(?<![\w.,])(?<!\d )\d{1,3}(?: \d{3})+(?![\d.,]\d)(?!\d)(?! \d)"
)

_ACRONYM_RE = re.compile(
    r"(?<![\w-])(?P<base>[A-ZČĆĐŠŽ]{2,}\d*|[A-Z][a-z][A-Z]+|[А-ЯЂЈЉЊЋЏ]{2,})"
    r"(?:-(?P<suffix>[a-zčćđšžа-яђјљњћџ]{1,4}))?(?![\w])"
)
_ROMAN_RE = re.compile(r"^[IVXLC]+$")

# --------------------------------------------------------------------------- extraction


@lru_cache(maxsize=256)
def is_local(lang: str) -> bool:
    """True for the Bosnian/Croatian/Serbian/Montenegrin varieties."""
    return normalise_tag(lang).split("-")[0] in {"bs", "hr", "sr", "cnr", "hbs"}


def extract(
    text: str, lang: str, kinds: frozenset[str] | None = None
) -> list[Placeable]:
    """Every placeable of ``text`` written in ``lang``, in text order.

    ``lang`` decides how ambiguous numbers (``1,000``), numeric dates and times are
    read: English conventions for ``en``, local ones otherwise. Earlier kinds win
    overlaps (a date's day is not also a number). ``kinds`` limits what is searched.
    """
    local = is_local(lang)
    work = _Work(text)
    wanted = kinds or _ALL_KINDS
    if "@" in text:
        if "email" in wanted:
            work.scan(_EMAIL_RE, _read_email)
        if "handle" in wanted:
            work.scan(_HANDLE_RE, _read_lower("handle"))
    if "url" in wanted and "." in text:
        work.scan_urls()
    if "hashtag" in wanted and "#" in text:
        work.scan(_HASHTAG_RE, _read_lower("hashtag"))
    has_digit = _DIGIT_RE.search(text) is not None
    if "date" in wanted:
        date_res = _LOCAL_DATE_RES if local else _EN_DATE_RES
        for regex in date_res if has_digit else date_res[-1:]:
            work.scan(regex, _date_reader(local))
    if has_digit:
        if "time" in wanted:
            for regex in _LOCAL_TIME_RES if local else _EN_TIME_RES:
                work.scan(regex, _read_time)
        if wanted & {"number", "percent"}:
            if local:
                work.scan(_LOCAL_SPACE_NUM_RE, _read_space_number)
            work.scan(_NUM_RE, lambda m: _read_number(m, local))
    if "acronym" in wanted and _CAPS_RE.search(text):
        work.scan(_ACRONYM_RE, _read_acronym)
    return work.sorted_found(wanted)


_ALL_KINDS = frozenset(KINDS)
_DIGIT_RE = re.compile(r"\d")
_CAPS_RE = re.compile(r"[A-ZČĆĐŠŽА-ЯЂЈЉЊЋЏ][^\W\d_]?[A-ZČĆĐŠŽА-ЯЂЈЉЊЋЏ]")


def _read_email(match: re.Match[str]) -> tuple[str, Any, str, str]:
    return "email", match.group().rstrip(".").lower(), "", ""


def _read_lower(kind: str) -> Any:
    def read(match: re.Match[str]) -> tuple[str, Any, str, str]:
        return kind, match.group().lower(), "", ""

    return read


class _Work:
    """A text being scanned: matches are masked so later kinds cannot reuse them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.masked = text
        self.found: list[Placeable] = []

    def scan(self, regex: re.Pattern[str], reader: Any) -> None:
        for match in regex.finditer(self.masked):
            read = reader(match)
            if read is None:
                continue
            kind, value, style, unit, *rest = (*read, None)
            start, end = match.span()
            if "\x00" in self.masked[start:end]:
                continue
            self._keep(kind, start, end, value, style, unit, rest[0])

    def scan_urls(self) -> None:
        for match in _URL_RE.finditer(self.masked):
            start, end = match.span()
            raw = self.text[start:end]
            trimmed = raw.rstrip(".,;:!?'’")
            if trimmed.endswith(")") and "(" not in trimmed:
                trimmed = trimmed[:-1].rstrip(".,;:!?")
            end = start + len(trimmed)
            if "\x00" in self.masked[start:end] or len(trimmed) < 4:
                continue
            self._keep("url", start, end, trimmed.rstrip("/"), "", "", None)

    def _keep(
        self,
        kind: str,
        start: int,
        end: int,
        value: Any,
        style: str,
        unit: str,
        alt: Any,
    ) -> None:
        text = self.text[start:end]
        self.found.append(Placeable(kind, text, start, end, value, style, alt, unit))
        self.masked = self.masked[:start] + "\x00" * (end - start) + self.masked[end:]

    def sorted_found(self, wanted: frozenset[str]) -> list[Placeable]:
        return sorted(
            (p for p in self.found if p.kind in wanted), key=lambda p: p.start
        )


def _month_number(word: str, local: bool) -> tuple[int, str] | None:
    if not local:
        if word in EN_MONTHS:
            return EN_MONTHS.index(word) + 1, ""
        return (_EN_ABBR[word], "") if word in _EN_ABBR else None
    form = MONTH_INDEX.get(word.lower())
    return (form.month, form.case) if form else None


def _date_reader(local: bool) -> Any:
    def read(match: re.Match[str]) -> tuple[str, Any, str, str] | None:
        groups = match.groupdict()
        mon = groups.get("mon") or groups.get("mon2") or groups.get("mon3")
        if mon is None:
            return None
        if groups.get("mon2") and not _preceded_by(match, _EN_MONTH_PREPOSITIONS):
            return None  # "May" and "March" alone are usually not months
        if groups.get("mon3") and not _preceded_by(match, _ABBR_PREPOSITIONS):
            return None
        if mon.isdigit():
            month, style, unit = int(mon), "numeric", ""
        else:
            found = _month_number(mon.rstrip("."), local)
            if found is None:
                return None
            month, style, unit = found[0], "name", mon.rstrip(".")
        day = int(groups["day"]) if groups.get("day") else None
        year = int(groups["year"]) if groups.get("year") else None
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            return None
        if style == "name" and local and day is None and year is None:
            if mon != mon.lower():  # "Marta", "Maja" alone are names, not months
                return None
        return "date", (year, month, day), style, unit

    return read


def _read_time(match: re.Match[str]) -> tuple[str, Any, str, str] | None:
    groups = match.groupdict()
    hour = int(groups["h"])
    minute = int(groups["m"]) if groups.get("m") else 0
    marker = (groups.get("ap") or "").lower()
    if marker:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if marker == "p" else 0)
    if hour > 24 or minute > 59:
        return None
    unit = groups.get("u") or ""
    separator = match.group()[len(groups["h"])] if groups.get("m") else ""
    if separator == "." and not marker and not unit:
        if not _preceded_by(match, _TIME_PREPOSITIONS):
            return None  # "14.30" alone is an (English-style) number, not a time
    if (
        not groups.get("m")
        and not marker
        and not _preceded_by(match, _TIME_PREPOSITIONS)
    ):
        return None  # "5 sati" is a duration; "u 5 sati" is a time
    return "time", (hour, minute), "", unit


_TIME_PREPOSITIONS = ("u", "od", "do", "у", "од", "до", "at", "from", "to", "until")
_EN_MONTH_PREPOSITIONS = (
    "in",
    "of",
    "since",
    "until",
    "by",
    "from",
    "during",
    "last",
    "next",
    "early",
    "late",
    "mid",
    "till",
    "end",
    "beginning",
)
_ABBR_PREPOSITIONS = (*_EN_MONTH_PREPOSITIONS, "on", "before", "after")


def _preceded_by(match: re.Match[str], words: tuple[str, ...]) -> bool:
    """True when the word just before ``match`` is one of ``words``."""
    before = match.string[max(0, match.start() - 12) : match.start()].rstrip(" -")
    return before.rsplit(None, 1)[-1].lower() in words if before.strip() else False


def _read_space_number(match: re.Match[str]) -> tuple[str, Any, str, str]:
    return "number", Decimal(match.group().replace(" ", "")), "local", ""


def _read_number(match: re.Match[str], local: bool) -> tuple[Any, ...] | None:
    groups = match.groupdict()
    read = read_number(groups["num"], local)
    if read is None:
        return None
    value, style, alt = read
    if groups.get("sign"):
        value, alt = -value, (-alt if alt is not None else None)
    if groups.get("ord"):
        style = "ordinal"
    kind, unit = "number", ""
    if groups.get("scale"):
        factor = _SCALES[groups["scale"].lower()]
        value = value * factor
        alt = alt * factor if alt is not None else None
        unit = groups["scale"]
    if groups.get("pct"):
        kind, unit = "percent", (unit + " " + groups["pct"]).strip()
    return kind, _tidy(value), style, unit, (_tidy(alt) if alt is not None else None)


def _tidy(value: Decimal) -> Decimal:
    """Drop a zero fraction left by scaling (``1500000.0`` → ``1500000``)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def read_number(token: str, local: bool) -> tuple[Decimal, str, Decimal | None] | None:
    """Read a digit token as ``(value, style, alternative value)``.

    ``style`` is ``plain``, ``en``, ``local`` or ``ambiguous``; an ambiguous token
    (``1,000``, ``2.500``: one separator, three digits after it) is read with the
    side's convention (``local``) and ``alt`` holds the other reading. Tokens that are
    no number in either convention (``1.2.3``) give None.
    """
    compact = token
    for space in _SEP_SPACES + " ":
        compact = compact.replace(space, "")
    if compact != token:
        whole, _, frac = compact.replace(".", ",").partition(",")
        return _decimal(whole, frac), "local", None
    dots, commas = compact.count("."), compact.count(",")
    if not dots and not commas:
        return Decimal(compact), "plain", None
    if dots and commas:
        decimal_sep = "." if compact.rfind(".") > compact.rfind(",") else ","
        group_sep = "," if decimal_sep == "." else "."
        whole, _, frac = compact.rpartition(decimal_sep)
        if decimal_sep in whole or not _grouped(whole.split(group_sep)):
            return None
        style = "en" if decimal_sep == "." else "local"
        return _decimal(whole.replace(group_sep, ""), frac), style, None
    sep = "." if dots else ","
    parts = compact.split(sep)
    if len(parts) > 2:
        if not _grouped(parts):
            return None
        return Decimal("".join(parts)), ("en" if sep == "," else "local"), None
    whole, frac = parts
    decimal_value = _decimal(whole, frac)
    if len(frac) == 3 and len(whole) <= 3 and whole != "0":
        grouped = Decimal(whole + frac)
        side_is_grouping = (sep == ".") == local
        if side_is_grouping:
            return grouped, "ambiguous", decimal_value
        return decimal_value, "ambiguous", grouped
    return decimal_value, ("en" if sep == "." else "local"), None


def _grouped(parts: list[str]) -> bool:
    return 1 <= len(parts[0]) <= 3 and all(len(part) == 3 for part in parts[1:])


def _decimal(whole: str, frac: str) -> Decimal:
    """The decimal ``whole.frac`` (both digit strings: the regex passes only digits)."""
    return Decimal(f"{whole or '0'}.{frac}" if frac else whole)


def _read_acronym(match: re.Match[str]) -> tuple[str, Any, str, str] | None:
    base = match.group("base")
    if _ROMAN_RE.match(base) and len(base) <= 4:
        return None
    return "acronym", cyrillic_to_latin(base), match.group("suffix") or "", ""


# --------------------------------------------------------------------------- months


def month_form(word: str) -> MonthForm | None:
    """Month number, case and systems of one local month word (any case, script)."""
    return MONTH_INDEX.get(word.lower())


def month_case(text: str) -> str | None:
    """The grammatical case of the first local month name in ``text``.

    ``"18. oktobra 2018."`` → ``genitive``; ``"u listopadu"`` → ``locative``;
    ``"oktobar 2018."`` → ``nominative``. None when ``text`` has no month name. Used
    to keep a target's case when a date is substituted.
    """
    for word in re.findall(r"\w+", text):
        form = MONTH_INDEX.get(word.lower())
        if form is not None:
            return form.case
    return None


def month_system(tag: str) -> str:
    """Which month-name table a variety uses: ``hr``, ``bs`` or ``sr``."""
    canonical = normalise_tag(tag)
    if canonical.startswith("hr"):
        return "hr"
    if canonical.startswith("bs"):
        return "bs"
    return "sr"


def month_name(month: int, tag: str, case: str = "genitive") -> str:
    """The month name for variety ``tag`` in ``case`` (Cyrillic for ``sr-Cyrl``)."""
    if case not in CASES:
        case = "genitive" if case == "accusative" else "nominative"
    name = MONTH_FORMS[month_system(tag)][case][month - 1]
    return latin_to_cyrillic(name) if normalise_tag(tag) == "sr-Cyrl" else name


# --------------------------------------------------------------------------- rendering

_LOCAL_SCALE_WORDS = {
    # factor: (one, few (2-4), many) for hr and for bs/sr
    10**3: (("tisuću", "tisuće", "tisuća"), ("hiljadu", "hiljade", "hiljada")),
    10**6: (("milijun", "milijuna", "milijuna"), ("milion", "miliona", "miliona")),
    10**9: (
        ("milijardu", "milijarde", "milijardi"),
        ("milijardu", "milijarde", "milijardi"),
    ),
}
_EN_SCALE_WORDS = {10**3: "thousand", 10**6: "million", 10**9: "billion"}


def render(
    item: Placeable | Any,
    target_lang: str,
    *,
    case: str | None = None,
    kind: str | None = None,
) -> str:
    """Write a placeable or a bare value the way ``target_lang`` writes it.

    Numbers use the target's separators (``2.5`` → ``2,5``, ``1,000`` → ``1.000``;
    digits-only tokens such as years stay ungrouped, bare Decimals group from 1,000).
    Dates: ``(2018, 10, 18)`` → ``18. oktobra 2018.`` (bs, sr-Latn), ``18. listopada
    2018.`` (hr), ``18. октобра 2018.`` (sr-Cyrl), ``October 18, 2018`` (en); ``case``
    picks the month's case (default genitive after a day, locative without one).
    Times → ``14.30`` locally, ``14:30`` in English. Percent, scaled numbers keep
    their unit in the target language. Addresses and acronyms are returned as written.
    """
    local = is_local(target_lang)
    if isinstance(item, Placeable):
        return _render_placeable(item, target_lang, local, case)
    if kind is None:
        kind = _kind_of_value(item)
    if kind in {"number", "percent"}:
        text = format_number(Decimal(item), target_lang, group=True)
        if kind == "percent":
            return _percent(text, target_lang)
        return text
    if kind == "date":
        return format_date(item, target_lang, case=case)
    if kind == "time":
        return format_time(item, target_lang)
    return str(item)


def _kind_of_value(value: Any) -> str:
    if isinstance(value, (Decimal, int, float)):
        return "number"
    if isinstance(value, tuple) and len(value) == 3:
        return "date"
    if isinstance(value, tuple) and len(value) == 2:
        return "time"
    return "text"


def _render_placeable(item: Placeable, tag: str, local: bool, case: str | None) -> str:
    if item.kind in {"number", "percent"}:
        return _render_number(item, tag, local)
    if item.kind == "date":
        if item.style == "numeric":
            return format_date(item.value, tag, numeric=True)
        if case is None and item.unit and local:
            case = month_case(item.unit)
        return format_date(item.value, tag, case=case)
    if item.kind == "time":
        return format_time(item.value, tag)
    if item.kind == "acronym":
        return item.value + (f"-{item.style}" if item.style and local else "")
    return item.text


def _render_number(item: Placeable, tag: str, local: bool) -> str:
    value = item.value
    factor = _factor_of(item.unit)
    mantissa = value / factor if factor > 1 else value
    group = item.style != "plain"
    text = format_number(mantissa, tag, group=group)
    if factor > 1:
        text = f"{text} {_scale_word(mantissa, factor, tag)}"
    if item.kind == "percent":
        return _percent(text, tag)
    if item.style == "ordinal":
        return f"{text}." if local else _en_ordinal(int(mantissa))
    return text


def _factor_of(unit: str) -> int:
    for word in unit.split():
        if word.lower() in _SCALES:
            return _SCALES[word.lower()]
    return 1


def _scale_word(mantissa: Decimal, factor: int, tag: str) -> str:
    if not is_local(tag):
        return _EN_SCALE_WORDS.get(factor, "")
    forms = _LOCAL_SCALE_WORDS.get(factor)
    if forms is None:
        return ""
    one, few, many = forms[0] if month_system(tag) == "hr" else forms[1]
    word = many
    if mantissa == mantissa.to_integral_value():
        whole = int(mantissa)
        if whole % 10 == 1 and whole % 100 != 11:
            word = one
        elif whole % 10 in (2, 3, 4) and whole % 100 not in (12, 13, 14):
            word = few
    else:
        word = (
            few
            if factor != 10**3
            else "tisuće"
            if month_system(tag) == "hr"
            else "hiljade"
        )
    return latin_to_cyrillic(word) if normalise_tag(tag) == "sr-Cyrl" else word


def _percent(text: str, tag: str) -> str:
    if not is_local(tag):
        return f"{text}%"
    return f"{text}\u00a0%" if month_system(tag) == "hr" else f"{text}%"


def _en_ordinal(number: int) -> str:
    suffix = "th"
    if number % 100 not in (11, 12, 13):
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def format_number(value: Decimal, tag: str, *, group: bool = True) -> str:
    """``value`` with the separators of ``tag`` (CLDR: bs/hr/sr use ``,`` and ``.``)."""
    decimal_sep, group_sep = (",", ".") if is_local(tag) else (".", ",")
    sign = "-" if value < 0 else ""
    text = format(abs(value).normalize(), "f") if value % 1 else str(abs(int(value)))
    whole, _, frac = text.partition(".")
    if group and len(whole) > 3:
        head = len(whole) % 3 or 3
        chunks = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
        whole = group_sep.join(chunks)
    return sign + whole + (decimal_sep + frac if frac else "")


def format_date(
    value: tuple[int | None, int | None, int | None],
    tag: str,
    *,
    case: str | None = None,
    numeric: bool = False,
) -> str:
    """A ``(year, month, day)`` date in the conventions of ``tag``."""
    year, month, day = value
    if not is_local(tag):
        return _format_en_date(year, month, day, numeric)
    if numeric and month and day:
        return f"{day}. {month}. {year}." if year else f"{day}. {month}."
    if month is None:
        return f"{year}." if year else ""
    if case is None:
        case = "genitive" if day or year else "locative"
    name = month_name(month, tag, case)
    parts = [f"{day}." if day else "", name, f"{year}." if year else ""]
    return " ".join(p for p in parts if p)


def _format_en_date(
    year: int | None, month: int | None, day: int | None, numeric: bool
) -> str:
    if month is None:
        return str(year or "")
    if numeric and day and year:
        return f"{month}/{day}/{year}"
    text = EN_MONTHS[month - 1]
    if day:
        text += f" {day}"
    if year:
        text += f", {year}" if day else f" {year}"
    return text


def format_time(value: tuple[int, int], tag: str) -> str:
    """``(14, 30)`` → ``14.30`` (local) or ``14:30`` (English)."""
    hour, minute = value
    return f"{hour}.{minute:02d}" if is_local(tag) else f"{hour}:{minute:02d}"
