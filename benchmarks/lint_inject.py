"""Defect injectors and benign rewrites for the release-editor benchmark (issue 14).

Each injector takes a clean two-sided segment pair of a release and returns it
damaged (or None when the pair offers no place for that defect). A *defect* must be
caught at warning or above by one of the expected checks; a *benign rewrite* (what
translators really do: an acronym in its local form, a number in words, a pronoun for
the subject) must not raise a new warning.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import replace

from tmserver.lint.checks.names import name_present
from tmserver.lint.checks.names import source_names
from tmserver.lint.checks.timewords import frequencies
from tmserver.lint.checks.timewords import target_weekdays
from tmserver.lint.findings import SegmentPair
from tmserver.text.lang import cyrillic_to_latin
from tmserver.text.lang import latin_to_cyrillic
from tmserver.text.placeables import extract
from tmserver.text.placeables import month_name

Injector = Callable[[SegmentPair, random.Random], SegmentPair | None]

_UNITS = "_ jedan dva tri četiri pet šest sedam osam devet".split()
_TEENS = (
    "deset jedanaest dvanaest trinaest četrnaest petnaest šesnaest sedamnaest "
    "osamnaest devetnaest"
).split()
_TENS = "_ _ dvadeset trideset četrdeset pedeset šezdeset sedamdeset osamdeset "
_TENS += "devedeset"
_TENS_LIST = _TENS.split()
_EN_UNITS = "_ one two three four five six seven eight nine".split()
_EN_TEENS = (
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def bcs_words(value: int, lang: str) -> str:
    """``value`` (2–99, or a multiple of 1,000 up to 99,000) in BCS words."""
    thousands, rest = divmod(value, 1000)
    if thousands and not rest:
        word = "tisuća" if lang == "hr" else "hiljada"
        text = f"{bcs_words(thousands, lang)} {word}"
    elif value < 10:
        text = _UNITS[value]
    elif value < 20:
        text = _TEENS[value - 10]
    else:
        tens, units = divmod(value, 10)
        text = _TENS_LIST[tens] + (f" {_UNITS[units]}" if units else "")
    return latin_to_cyrillic(text) if lang == "sr-Cyrl" else text


def english_words(value: int) -> str:
    """``value`` (2–99) in English words."""
    if value < 10:
        return _EN_UNITS[value]
    if value < 20:
        return _EN_TEENS[value - 10]
    tens, units = divmod(value, 10)
    return _EN_TENS[tens] + (f"-{_EN_UNITS[units]}" if units else "")


def _script(pair: SegmentPair, text: str) -> str:
    return latin_to_cyrillic(text) if pair.target_lang == "sr-Cyrl" else text


def _insert_point(pair: SegmentPair, rng: random.Random) -> int | None:
    """Before a lower-case word of four letters or more, away from digits."""
    spots = [
        m.start()
        for m in re.finditer(r"(?<=\s)[^\W\d_A-ZА-Я]{4,}", pair.target)
        if not re.search(r"\d", pair.target[max(0, m.start() - 3) : m.start()])
    ]
    return rng.choice(spots) if spots else None


def _edit(pair: SegmentPair, start: int, end: int, text: str) -> SegmentPair:
    return replace(pair, target=pair.target[:start] + text + pair.target[end:])


# ------------------------------------------------------------------ defects


def add_number(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """A count only the translation has: ``15 mladih``."""
    at = _insert_point(pair, rng)
    if at is None:
        return None
    return _edit(pair, at, at, f"{rng.randint(12, 95)} ")


def add_number_word(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """A count in words only the translation has: ``sa devetnaest mladih``."""
    at = _insert_point(pair, rng)
    if at is None:
        return None
    return _edit(pair, at, at, bcs_words(rng.randint(11, 60), pair.target_lang) + " ")


def add_date(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """A date only the translation has: ``22. oktobra``."""
    if any(p.kind == "date" for p in extract(pair.source, "en")):
        return None
    at = _insert_point(pair, rng)
    if at is None:
        return None
    date = f"{rng.randint(2, 28)}. {month_name(rng.randint(1, 12), pair.target_lang)}"
    return _edit(pair, at, at, f"{date} ")


def drop_date_part(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """``u julu 2017.`` → ``u julu.``; ``16. februara`` → ``. februara``."""
    dates = [
        p
        for p in extract(pair.target, pair.target_lang)
        if p.kind == "date" and p.style == "name" and (p.value[0] or p.value[2])
    ]
    if not dates:
        return None
    date = rng.choice(dates)
    if date.value[2] is not None and (date.value[0] is None or rng.random() < 0.5):
        match = re.match(r"\d{1,2}", date.text)
        if match is None:
            return None
        return _edit(pair, date.start, date.start + match.end(), "")
    match = re.search(r"\s*\d{4}\.?", date.text)
    if match is None:
        return None
    return _edit(pair, date.start + match.start(), date.start + match.end(), "")


def swap_weekday(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """``ponedjeljkom i četvrtkom`` → ``ponedjeljkom i utorkom``."""
    if pair.target_lang == "sr-Cyrl":
        return None  # spans are in the transliteration
    days = target_weekdays(pair.target)
    if not days:
        return None
    day, (start, end) = rng.choice(sorted(days.items()))
    form = pair.target[start:end]
    other = (day + rng.randint(1, 5)) % 7
    stems = ("ponedjeljk", "utork", "srijed", "četvrtk", "petk", "subot", "nedjelj")
    bases = ("ponedjeljak", "utorak", "srijeda", "četvrtak", "petak", "subota")
    for stem_ in (stems[day], "ponedeljk", "sred", "nedelj"):
        if form.lower().startswith(stem_):
            ending = form[len(stem_) :]
            new = stems[other] + ending if ending else bases[min(other, 5)]
            break
    else:
        new = bases[min(other, 5)]
    if form[:1].isupper():
        new = new.capitalize()
    return _edit(pair, start, end, new)


def add_weekdays(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """A weekday phrase translated with the wrong day (``Mondays and Thursdays`` →
    ``ponedjeljkom i utorkom``), appended as a clause to both sides."""
    if not pair.source.rstrip().endswith(".") or not pair.target.rstrip().endswith("."):
        return None
    source = pair.source.rstrip()[:-1] + ", on Mondays and Thursdays."
    target = pair.target.rstrip()[:-1] + _script(pair, ", ponedjeljkom i utorkom.")
    return replace(pair, source=source, target=target)


_FREQUENCY_WORDS = {
    "daily": "dnevno",
    "weekly": "sedmično",
    "monthly": "mjesečno",
    "yearly": "godišnje",
}


def swap_frequency(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """``per day`` translated as ``mesečno`` (monthly): a clause on both sides, or a
    frequency word of the target replaced by another one."""
    found = frequencies(pair.target, english=False)
    if pair.target_lang != "sr-Cyrl" and found:
        name, (start, end) = next(iter(found.items()))
        if name in _FREQUENCY_WORDS:
            others = [n for n in _FREQUENCY_WORDS if n != name]
            return _edit(pair, start, end, _FREQUENCY_WORDS[rng.choice(others)])
    if not pair.source.rstrip().endswith(".") or not pair.target.rstrip().endswith("."):
        return None
    english, local = rng.choice(
        (("per day", "mesečno"), ("weekly", "dnevno"), ("every month", "tjedno"))
    )
    source = pair.source.rstrip()[:-1] + f", {english}."
    target = pair.target.rstrip()[:-1] + _script(pair, f", {local}.")
    return replace(pair, source=source, target=target)


def word_for_other_number(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """A digit of the target written as the words for another number
    (``40`` → ``dvadeset``)."""
    numbers = _whole_numbers(pair)
    if not numbers:
        return None
    number = rng.choice(numbers)
    value = int(number.value)
    other = value + rng.choice((-10, 10, 1, -1)) if value > 11 else value + 10
    return _edit(pair, number.start, number.end, bcs_words(other, pair.target_lang))


def source_word_changed(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """The source writes a number in words (``forty``) and the target has another
    number in digits (``41``)."""
    source = [
        p
        for p in extract(pair.source, "en")
        if p.kind == "number" and p.text.isdigit() and 2 <= int(p.text) < 100
    ]
    if not source:
        return None
    number = rng.choice(source)
    targets = [n for n in _whole_numbers(pair) if n.value == number.value]
    if not targets:
        return None
    target = targets[0]
    value = int(number.value)
    words = english_words(value)
    damaged = replace(
        pair,
        source=pair.source[: number.start] + words + pair.source[number.end :],
    )
    return _edit(damaged, target.start, target.end, str(value + 1))


def drop_name(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """A proper name of the source left out of the target (with its ending)."""
    latin = cyrillic_to_latin(pair.target)
    if latin != pair.target:
        return None
    words = re.findall(r"[^\W\d_]+", latin)
    names = [
        n
        for n, _, _ in source_names(pair.source)
        if name_present(n, words, latin.lower())
    ]
    if not names:
        return None
    name = rng.choice(names)
    stem_ = name[: max(3, len(name) - 3)]
    matches = [
        m
        for m in re.finditer(r"(?<![\w-])[^\W\d_]+", pair.target)
        if m.group().lower().startswith(stem_.lower())
    ]
    if len(matches) != 1:
        return None
    match = matches[0]
    end = match.end() + (1 if pair.target[match.end() : match.end() + 1] == " " else 0)
    return _edit(pair, match.start(), end, "")


def drop_acronym(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """An acronym (with its case ending) left out of the target."""
    source = {p.value for p in extract(pair.source, "en") if p.kind == "acronym"}
    acronyms = [
        p
        for p in extract(pair.target, pair.target_lang)
        if p.kind == "acronym" and p.value in source and 2 <= len(p.value) <= 5
    ]
    if len(acronyms) != 1 or len([p for p in acronyms if p.value]) != 1:
        return None
    acronym = acronyms[0]
    end = acronym.end
    ending = re.match(r"-[^\W\d_]+", pair.target[end:])
    if ending:
        end += ending.end()
    if pair.target[end : end + 1] == " ":
        end += 1
    damaged = _edit(pair, acronym.start, end, "")
    if any(
        p.kind == "acronym" and p.value == acronym.value
        for p in extract(damaged.target, damaged.target_lang)
    ):
        return None
    return damaged


def drop_number(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """A number of the source left out of the target."""
    numbers = _carried_numbers(pair)
    if not numbers:
        return None
    number = rng.choice(numbers)
    end = number.end + (1 if pair.target[number.end : number.end + 1] == " " else 0)
    return _edit(pair, number.start, end, "")


def _carried_numbers(pair: SegmentPair) -> list:
    source = {
        p.value for p in extract(pair.source, "en") if p.kind in {"number", "percent"}
    }
    return [
        p
        for p in extract(pair.target, pair.target_lang)
        if p.kind in {"number", "percent"} and p.value in source
    ]


def _whole_numbers(pair: SegmentPair) -> list:
    return [
        p
        for p in _carried_numbers(pair)
        if p.kind == "number" and p.text.isdigit() and 2 <= int(p.text) < 100
    ]


DEFECTS: dict[str, tuple[Injector, frozenset[str]]] = {
    "added number (digits)": (add_number, frozenset({"number-added"})),
    "added number (words)": (add_number_word, frozenset({"number-added"})),
    "added date": (add_date, frozenset({"number-added", "date-mismatch"})),
    "dropped date part": (drop_date_part, frozenset({"date-mismatch"})),
    "weekday swapped": (swap_weekday, frozenset({"weekday-mismatch"})),
    "weekday phrase wrong": (add_weekdays, frozenset({"weekday-mismatch"})),
    "frequency changed": (swap_frequency, frozenset({"frequency-mismatch"})),
    "number word ≠ digits": (
        word_for_other_number,
        frozenset({"number-mismatch", "number-added"}),
    ),
    "source number word ≠ digits": (
        source_word_changed,
        frozenset({"number-mismatch", "number-added"}),
    ),
    "dropped number": (drop_number, frozenset({"number-mismatch"})),
    "dropped name": (drop_name, frozenset({"name-missing"})),
    "dropped acronym": (drop_acronym, frozenset({"acronym-missing"})),
}


# ------------------------------------------------------------------ benign rewrites


def number_as_words(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """``10,000`` → ``deset hiljada``, ``40`` → ``četrdeset``."""
    numbers = [
        n
        for n in _carried_numbers(pair)
        if n.kind == "number"
        and n.value == n.value.to_integral_value()
        and (10 <= n.value < 100 or (n.value % 1000 == 0 and 1000 < n.value < 100_000))
        and re.fullmatch(r"[\d.,]+", n.text)
    ]
    if not numbers:
        return None
    number = rng.choice(numbers)
    return _edit(
        pair, number.start, number.end, bcs_words(int(number.value), pair.target_lang)
    )


def source_number_as_words(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """The source writes ``forty``, the target ``40``."""
    numbers = [
        p
        for p in extract(pair.source, "en")
        if p.kind == "number" and p.text.isdigit() and 2 <= int(p.text) < 100
    ]
    if not numbers or not _whole_numbers(pair):
        return None
    number = rng.choice(numbers)
    if not any(n.value == number.value for n in _whole_numbers(pair)):
        return None
    words = english_words(int(number.value))
    return replace(
        pair, source=pair.source[: number.start] + words + pair.source[number.end :]
    )


#: (English acronym, local acronym, local name written out) used to rewrite a
#: pair's acronym as a translator of that organisation would.
_LOCAL_ACRONYMS = (
    ("CNB", "HNB", "Hrvatske narodne banke"),
    ("UN", "OUN", "Ujedinjenih nacija"),
    ("IOM", "MOM", "Međunarodne organizacije za migracije"),
    ("EU", "EU", "Evropske unije"),
)


def local_acronym(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """A kept acronym of the pair becomes an organisation the translation renders
    in its own language: source ``CNB``, target ``HNB-a`` or written out."""
    source = [p for p in extract(pair.source, "en") if p.kind == "acronym"]
    target = [p for p in extract(pair.target, pair.target_lang) if p.kind == "acronym"]
    kept = [
        p
        for p in source
        if any(t.value == p.value for t in target)
        and len(p.value) <= 5
        and pair.source[p.end : p.end + 1] != ","  # not a dateline city
    ]
    if pair.target_lang == "sr-Cyrl" or len(kept) != 1:
        return None
    acronym = kept[0]
    hits = [t for t in target if t.value == acronym.value]
    if len(hits) != 1 or sum(p.value == acronym.value for p in source) != 1:
        return None
    english, local, written = rng.choice(_LOCAL_ACRONYMS)
    new_target = local if rng.random() < 0.6 else written
    damaged = replace(
        pair,
        source=pair.source[: acronym.start] + english + pair.source[acronym.end :],
    )
    hit = hits[0]
    return _edit(damaged, hit.start, hit.end, new_target)


def implicit_subject(pair: SegmentPair, rng: random.Random) -> SegmentPair | None:
    """``The UN estimates …`` / ``UN procjenjuje …`` translated ``Ona procjenjuje
    …`` or ``Procjenjuje …``: the acronym subject left implicit or a pronoun."""
    match = re.match(r"(?:The )?([A-Z]{2,5})\b", pair.source)
    words = pair.target.split()
    if match is None or len(words) < 4 or pair.target_lang == "sr-Cyrl":
        return None
    acronym = match.group(1)
    if not words[0].startswith(acronym) or acronym in " ".join(words[1:]):
        return None
    rest = " ".join(words[1:])
    if not words[1].isalpha() or words[1].lower() in {"koji", "koja", "koje"}:
        return None  # a name part or a relative clause follows, not the predicate
    if words[1] in {"je", "su", "će"} or rng.random() < 0.5:
        return replace(pair, target=f"Ona {rest}")
    return replace(pair, target=rest[:1].upper() + rest[1:])


BENIGN: dict[str, Injector] = {
    "number written as words (target)": number_as_words,
    "number written as words (source)": source_number_as_words,
    "acronym in its local form": local_acronym,
    "pronoun for an acronym subject": implicit_subject,
}
