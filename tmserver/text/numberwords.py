"""Numbers written as words, in English and in Bosnian/Croatian/Serbian (pure core).

``forty`` = ``40`` = ``četrdeset``; ``deset hiljada`` = ``10,000``; BCS case and
collective forms count (``dvije``, ``dvoje``, ``trojica``, ``četrdesetoro``) and so do
approximate forms (``dvadesetak`` "some twenty", ``stotinjak``). Ordinals do not
count (``drugi`` is also "other"), nor do plural scale words alone (``hiljade ljudi``,
"thousands of people").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tmserver.text.lang import latin_to_cyrillic


@dataclass(frozen=True, slots=True)
class NumberWord:
    """A number written in words: its value, offsets in the text, and whether the
    form is approximate (``dvadesetak``) or a lone ``one``/``jedan`` (often an
    article or a pronoun, so never reported on its own)."""

    value: int
    start: int
    end: int
    approximate: bool = False
    weak: bool = False


def _forms(spec: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for line in spec.strip().splitlines():
        value, words = line.split(":")
        for word in words.split():
            table[word] = int(value)
    return table


#: Units (1–9) with their case and collective forms.
_BCS_UNITS = _forms(
    """
    1: jedan jedna jedno jednog jednoga jednom jednome jedne jednu jednim jednoj
    2: dva dvije dve dvoje dvojica dvojice dvojicu dvaju dvama dvoma dvjema dvema
    3: tri troje trojica trojice trojicu triju trima
    4: četiri četvoro četvero četvorica četvorice četvoricu
    5: pet petoro petero petorica petorice petoricu
    6: šest šestoro šestero šestorica šestorice
    7: sedam sedmoro sedmero sedmorica sedmorice
    8: osam osmoro osmero osmorica osmorice
    9: devet devetoro devetero devetorica devetorice
    """
)
_BCS_TEENS = (
    "deset jedanaest dvanaest trinaest četrnaest petnaest šesnaest sedamnaest "
    "osamnaest devetnaest"
).split()
_BCS_TENS = (
    "dvadeset trideset četrdeset pedeset šezdeset sedamdeset osamdeset devedeset"
).split()
_BCS_HUNDREDS = _forms(
    """
    100: sto stotinu
    200: dvjesto dvesta dvjesta dvesto
    300: trista tristo
    400: četiristo
    500: petsto
    600: šeststo
    700: sedamsto
    800: osamsto
    900: devetsto
    """
)
#: Scale words that multiply what precedes them; the singular ones also stand alone
#: (``hiljadu ljudi`` = a thousand people).
_BCS_SCALES = _forms(
    """
    1000: hiljada hiljade hiljadu hiljadama tisuća tisuće tisuću tisućama
    1000000: milion miliona milionu milione milijun milijuna milijunu milijune
    1000000000: milijarda milijarde milijardu milijardi
    """
)
_ALONE_SCALES = frozenset(
    "hiljadu tisuću milion milijun milijardu milijarda thousand million billion".split()
)
_EN_UNITS = dict(
    zip(
        "one two three four five six seven eight nine".split(),
        range(1, 10),
        strict=True,
    )
)
_EN_TEENS = dict(
    zip(
        (
            "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen "
            "nineteen"
        ).split(),
        range(10, 20),
        strict=True,
    )
)
_EN_TENS = dict(
    zip(
        "twenty thirty forty fifty sixty seventy eighty ninety".split(),
        range(20, 100, 10),
        strict=True,
    )
)
_EN_AMOUNTS = {
    "decade": 10,
    "century": 100,
    "week": 7,
    "fortnight": 14,
    "twice": 2,
    "both": 2,
    "couple": 2,
    "pair": 2,
    "double": 2,
    "twins": 2,
    "triple": 3,
    "trio": 3,
}
_EN_SCALES = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


def _bcs_table() -> dict[str, tuple[str, int, bool]]:
    """Every BCS word form: (role, value, approximate)."""
    table: dict[str, tuple[str, int, bool]] = {}
    for word, value in _BCS_UNITS.items():
        table[word] = ("unit", value, False)
    for offset, word in enumerate(_BCS_TEENS):
        value = 10 + offset
        role = "teen"
        table[word] = (role, value, False)
        for tail in ("oro", "ero", "orica", "orice", "oricu"):
            table[word + tail] = (role, value, False)
        table[word + "ak"] = (role, value, True)
    for offset, word in enumerate(_BCS_TENS):
        value = 20 + 10 * offset
        table[word] = ("ten", value, False)
        for tail in ("oro", "ero", "orica", "orice", "oricu"):
            table[word + tail] = ("ten", value, False)
        table[word + "ak"] = ("ten", value, True)
    for word, value in _BCS_HUNDREDS.items():
        table[word] = ("hundred", value, False)
    table["stotinjak"] = ("hundred", 100, True)
    for word, value in _BCS_SCALES.items():
        table[word] = ("scale", value, False)
    return table


def _en_table() -> dict[str, tuple[str, int, bool]]:
    table: dict[str, tuple[str, int, bool]] = {}
    for word, value in _EN_UNITS.items():
        table[word] = ("unit", value, False)
    for word, value in _EN_TEENS.items():
        table[word] = ("teen", value, False)
    for word, value in _EN_TENS.items():
        table[word] = ("ten", value, False)
    table["hundred"] = ("times100", 100, False)
    table["dozen"] = ("times", 12, True)
    table["dozens"] = ("times", 12, True)
    table["decades"] = ("times", 10, True)
    # Words for amounts a translation may write as numbers ("a decade" → "deset
    # godina", "a week" → "sedam dana"): approximate, so never reported missing.
    for word, value in _EN_AMOUNTS.items():
        table[word] = ("amount", value, True)
    for word, value in _EN_SCALES.items():
        table[word] = ("scale", value, False)
    return table


def _with_cyrillic(
    table: dict[str, tuple[str, int, bool]],
) -> dict[str, tuple[str, int, bool]]:
    """The table with every form also in Serbian Cyrillic (no transliteration of
    the text needed)."""
    return table | {latin_to_cyrillic(word): entry for word, entry in table.items()}


_TABLES = {"en": _en_table(), "bcs": _with_cyrillic(_bcs_table())}
_KEYS = {name: frozenset(table) for name, table in _TABLES.items()}


def find_number_words(text: str, lang: str) -> tuple[NumberWord, ...]:
    """Every number written in words in ``text`` (``lang``: ``en`` or a BCS tag)."""
    return _number_words(text, "en" if lang.startswith("en") else "bcs")


@lru_cache(maxsize=32768)
def _number_words(text: str, system: str) -> tuple[NumberWord, ...]:
    lowered = text.lower()
    hits = _KEYS[system].intersection(lowered.translate(_SPACES).split())
    if not hits:
        return ()
    table = _TABLES[system]
    words = sorted(
        (match.start(), match.end(), word)
        for word in hits
        for match in re.finditer(
            rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", lowered
        )
    )
    found: list[NumberWord] = []
    run: list[_Word] = []
    for start, end, word in words:
        entry = table[word]
        if run and not (
            _continues(run[-1].role, entry[0])
            and _joined(lowered[run[-1].end : start], system)
        ):
            found.extend(_close(run))
            run = []
        run.append(_Word(word, *entry, start, end))
    if run:
        found.extend(_close(run))
    return tuple(found)


#: Punctuation read as a word boundary when looking for number words.
_SPACES = str.maketrans(dict.fromkeys(".,;:!?()[]{}\"'„“”»«‘’—–/-", " "))
_GAPS = {
    "en": frozenset({"", "-", "and"}),
    "bcs": frozenset({"", "i"}),
}


def _joined(gap: str, system: str) -> bool:
    """Whether two number words with ``gap`` between them form one number
    (``twenty five``, ``twenty-five``, ``dvadeset i pet``; not across a comma)."""
    if gap and not gap.strip() and len(gap) <= 2:
        return True
    return gap.strip() in _GAPS[system] and len(gap) <= 6 and "," not in gap


@dataclass(frozen=True, slots=True)
class _Word:
    word: str
    role: str
    value: int
    approximate: bool
    start: int
    end: int


#: Which roles may follow which inside one number (``twenty five``, ``sto dvadeset``,
#: ``deset hiljada``, ``five hundred``).
_FOLLOWS = {
    "amount": frozenset(),
    "unit": frozenset({"scale", "times100", "times"}),
    "teen": frozenset({"scale", "times100"}),
    "times": frozenset({"scale"}),
    "ten": frozenset({"unit", "scale"}),
    "hundred": frozenset({"unit", "teen", "ten", "scale"}),
    "times100": frozenset({"unit", "teen", "ten", "scale"}),
    "scale": frozenset({"unit", "teen", "ten", "hundred"}),
}
for _role in ("unit", "teen", "ten", "hundred", "times100", "scale", "times"):
    _FOLLOWS[_role] = _FOLLOWS[_role] - {"amount"}


def _continues(previous: str, role: str) -> bool:
    """Whether a number word of ``role`` extends a run ending in ``previous``."""
    return role in _FOLLOWS[previous]


def _close(run: list[_Word]) -> list[NumberWord]:
    """The value of one run of number words (``dvadeset i pet hiljada`` = 25,000)."""
    if len(run) == 1 and run[0].role == "times" and run[0].word.endswith("s"):
        return []  # "dozens", "decades"
    if len(run) == 1 and run[0].role == "scale" and run[0].word not in _ALONE_SCALES:
        return []  # "hiljade ljudi", "thousands": no definite number
    total = current = 0
    for word in run:
        if word.role == "scale":
            total += (current or 1) * word.value
            current = 0
        elif word.role == "times100":
            current = (current or 1) * 100
        elif word.role == "times":
            current = (current or 1) * word.value
        else:
            current += word.value
    total += current
    weak = len(run) == 1 and run[0].role == "unit" and run[0].value == 1
    # A lone scale word ("thousand year-old", "hiljadu puta") is a manner of
    # speaking as often as a count.
    approximate = any(word.approximate for word in run) or run[0].role == "scale"
    return [NumberWord(total, run[0].start, run[-1].end, approximate, weak)]
