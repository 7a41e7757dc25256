"""Placeable substitution: reuse a memory translation with the query's values (pure).

When a memory source differs from the query only in numbers, dates, times, addresses
or acronyms, the stored translation is right except for those values. We recognise the
placeables on both sides (:mod:`tmserver.text.placeables`), compare the texts with every
placeable masked as one symbol of its kind (the "placeable-blind" quality), find each
changed value in the stored target by its value, and write the query's value there in
the target variety's conventions (``2.5`` → ``2,5``; ``October 18, 2018`` →
``18. listopada 2018.``), keeping the grammatical case the target used for the month.

What is written keeps the target's own form around the value: only the digits of a
number change, so the target's spacing (``1,9%`` stays glued, ``3,0 %`` keeps its
space), an ordinal's dot (``11.`` never becomes ``11..``) and an approximate suffix
(``20-ak``) stay; the query's precision is kept (``3.0%`` → ``3,0``). A counted noun
right after a number (``2 kune`` / ``5 kuna``, ``godine`` / ``godina``) is inflected for
the new number; when its case cannot be known (a change to or from a number ending in
1, or a decimal) the value is not substituted.

:func:`adapt` is what the service calls. A suggestion never carries a value that
contradicts the query without saying so: when a changed value cannot be written
safely (not found in the target, no safe inflection, numbers written as words) the
target is left as stored, every differing value is listed as *unadapted* and the
quality is held below the near-exact band (:data:`NEAR_EXACT`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from tmserver.match.quality import quality
from tmserver.match.rank import Substitution
from tmserver.match.rank import Unadapted
from tmserver.text.lang import cyrillic_to_latin
from tmserver.text.lang import latin_to_cyrillic
from tmserver.text.lang import normalise_tag
from tmserver.text.numberwords import find_number_words
from tmserver.text.placeables import Placeable
from tmserver.text.placeables import extract
from tmserver.text.placeables import format_date
from tmserver.text.placeables import is_local
from tmserver.text.placeables import month_case
from tmserver.text.placeables import render

#: One private-use character per kind stands in for a placeable when comparing.
_MASKS = {
    "url": "\ue000",
    "email": "\ue001",
    "handle": "\ue002",
    "hashtag": "\ue003",
    "date": "\ue004",
    "time": "\ue005",
    "percent": "\ue006",
    "number": "\ue007",
    "acronym": "\ue008",
}

#: Quality points taken off per substituted value, so a substituted match ranks just
#: below an exact one and above fuzzy matches with different wording.
PENALTY_PER_SUBSTITUTION = 1.0

#: memoQ's near-exact band (95–99): only numbers, tags or punctuation differ, and
#: they were adjusted. A suggestion with an unadapted value stays below it.
NEAR_EXACT = 95.0
UNADAPTED_CEILING = NEAR_EXACT - 1.0

_CORE_RE = re.compile(r"[-−]?\s?\d(?:[\d.,\u00a0\u202f\u2009 ]*\d)?")
_APPROX_RE = re.compile(r"-(?:ak|ak|ак)(?!\w)")
_NEXT_WORD_RE = re.compile(r"\s+(\w+)")

#: Counted nouns of announcements: (forms after a number ending in 1 — nominative,
#: accusative, genitive —, form after 2–4, form after 5–20 and tens).
_NOUNS = (
    (("kuna", "kunu", "kune"), "kune", "kuna"),
    (("godina", "godinu", "godine"), "godine", "godina"),
    (("osoba", "osobu", "osobe"), "osobe", "osoba"),
    (("marka", "marku", "marke"), "marke", "maraka"),
    (("dinar", "dinara"), "dinara", "dinara"),
    (("euro", "eura"), "eura", "eura"),
    (("evro", "evra"), "evra", "evra"),
)


def _noun_index() -> dict[str, list[tuple[tuple[str, ...], str, str]]]:
    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for noun in _NOUNS:
        for form in {*noun[0], noun[1], noun[2]}:
            index.setdefault(form, []).append(noun)
    return index


_NOUN_INDEX = _noun_index()


@dataclass(frozen=True, slots=True)
class Substituted:
    """A target rewritten with the query's values, and the placeable-blind quality."""

    target: str
    quality: float
    substitutions: tuple[Substitution, ...]


@dataclass(frozen=True, slots=True)
class Adapted:
    """What the service shows for one memory unit: target, quality, what was done."""

    target: str
    quality: float
    substitutions: tuple[Substitution, ...] = ()
    unadapted: tuple[Unadapted, ...] = ()


@lru_cache(maxsize=8192)
def _placeables(text: str, lang: str) -> tuple[Placeable, ...]:
    """Placeables of a text, cached: the query and popular memory sources repeat."""
    return tuple(extract(text, lang))


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple:
    """Numbers written as words in an English text (a lone ``one`` is no count)."""
    return tuple(w for w in find_number_words(text, "en") if not w.weak)


def mask(text: str, items: tuple[Placeable, ...] | list[Placeable]) -> str:
    """``text`` with every placeable replaced by its kind's mask character."""
    parts = []
    position = 0
    for item in items:
        parts.append(text[position : item.start])
        parts.append(_MASKS.get(item.kind, "\ue00f"))
        position = item.end
    parts.append(text[position:])
    return "".join(parts)


def _same_value(a: Placeable, b: Placeable) -> bool:
    if a.kind != b.kind:
        return False
    return a.value == b.value or (a.alt is not None and a.alt == b.value)


def adapt(
    query: str,
    source: str,
    target: str,
    source_lang: str,
    target_lang: str,
    raw_quality: float,
) -> Adapted:
    """The memory ``target`` as it should be shown for ``query`` (see module doc)."""
    if query == source:
        return Adapted(target, raw_quality)
    in_query = _placeables(query, source_lang)
    in_source = _placeables(source, source_lang)
    differing = _without_spelled(
        _differing(in_query, in_source), _words(query), _words(source)
    )
    words = _differing_words(query, source, in_query, in_source)
    if not differing and not words:
        return Adapted(target, raw_quality)
    result = substitute(query, source, target, source_lang, target_lang)
    if result is not None and not words:
        return Adapted(result.target, result.quality, result.substitutions)
    unadapted = (
        words
        if result is not None
        else _unadapted(differing, _placeables(target, target_lang)) + words
    )
    base = result.quality if result is not None else raw_quality
    ceiling = min(base - PENALTY_PER_SUBSTITUTION * len(unadapted), UNADAPTED_CEILING)
    return Adapted(
        result.target if result is not None else target,
        max(0.0, ceiling),
        result.substitutions if result is not None else (),
        unadapted,
    )


def _differing(
    in_query: tuple[Placeable, ...], in_source: tuple[Placeable, ...]
) -> tuple[list[Placeable], list[Placeable]] | None:
    """Placeables of each side with no equal value on the other, or None."""
    left = list(in_source)
    only_query = []
    for item in in_query:
        position = next(
            (i for i, other in enumerate(left) if _same_value(item, other)), None
        )
        if position is None:
            only_query.append(item)
        else:
            del left[position]
    if not only_query and not left:
        return None
    return only_query, left


def _without_spelled(
    differing: tuple[list[Placeable], list[Placeable]] | None,
    query_words: tuple,
    source_words: tuple,
) -> tuple[list[Placeable], list[Placeable]] | None:
    """Drop numbers the other side spells out (``40`` against ``forty``)."""
    if differing is None or not (query_words or source_words):
        return differing
    only_query = [
        p
        for p in differing[0]
        if p.kind != "number" or p.value not in {w.value for w in source_words}
    ]
    only_source = [
        p
        for p in differing[1]
        if p.kind != "number" or p.value not in {w.value for w in query_words}
    ]
    return (only_query, only_source) if only_query or only_source else None


def _unadapted(
    differing: tuple[list[Placeable], list[Placeable]] | None,
    in_target: tuple[Placeable, ...],
) -> tuple[Unadapted, ...]:
    """The differing values paired kind by kind, each with where the target has the
    memory's value (so a reader can see the stale text)."""
    if differing is None:
        return ()
    only_query, only_source = differing
    found = []
    remaining = list(only_source)
    for item in only_query:
        position = next(
            (i for i, o in enumerate(remaining) if o.kind == item.kind), None
        )
        memory = remaining.pop(position) if position is not None else None
        found.append(
            Unadapted(
                item.kind,
                item.text,
                memory.text if memory else "",
                _in_target(memory, in_target),
            )
        )
    found.extend(
        Unadapted(item.kind, "", item.text, _in_target(item, in_target))
        for item in remaining
    )
    return tuple(found)


def _in_target(item: Placeable | None, in_target: tuple[Placeable, ...]) -> str:
    if item is None:
        return ""
    return next((t.text for t in in_target if same_value(item, t)), "")


def _differing_words(
    query: str,
    source: str,
    in_query: tuple[Placeable, ...],
    in_source: tuple[Placeable, ...],
) -> tuple[Unadapted, ...]:
    """Numbers written as words whose value the other side does not have."""
    query_words, source_words = _words(query), _words(source)
    if not query_words and not source_words:
        return ()
    query_values = [w.value for w in query_words] + _numbers(in_query)
    source_values = [w.value for w in source_words] + _numbers(in_source)
    only_query = [w for w in query_words if w.value not in source_values]
    only_source = [w for w in source_words if w.value not in query_values]
    found = []
    for number in range(max(len(only_query), len(only_source))):
        new = _spelled(query, only_query, number)
        old = _spelled(source, only_source, number)
        found.append(Unadapted("number-word", new, old))
    return tuple(found)


def _spelled(text: str, words: list, number: int) -> str:
    """The ``number``-th of ``words`` as written in ``text`` ("" past the end)."""
    return text[words[number].start : words[number].end] if number < len(words) else ""


def _numbers(items: tuple[Placeable, ...]) -> list[Decimal]:
    return [p.value for p in items if p.kind == "number"]


def substitute(
    query: str,
    source: str,
    target: str,
    source_lang: str,
    target_lang: str,
) -> Substituted | None:
    """The memory ``target`` rewritten with the values of ``query``, or None.

    None when the query has no placeables, when the placeables of query and memory
    source do not pair up kind by kind, when nothing differs, or when a changed value
    cannot be written safely in the target (not found there, or a counted noun after
    it whose form cannot be chosen).
    """
    in_query = _placeables(query, source_lang)
    if not in_query:
        return None
    in_source = _placeables(source, source_lang)
    if [p.kind for p in in_query] != [p.kind for p in in_source]:
        return None
    changed = [
        (new, old)
        for new, old in zip(in_query, in_source, strict=True)
        if not _same_value(new, old)
    ]
    if not changed:
        return None
    in_target = list(_placeables(target, target_lang))
    edits = _target_edits(changed, in_target, target, target_lang)
    if edits is None:
        return None
    rewritten = target
    for start, end, text, _ in sorted(edits, key=lambda e: -e[0]):
        rewritten = rewritten[:start] + text + rewritten[end:]
    blind = quality(mask(query, in_query), mask(source, in_source))
    adjusted = max(0.0, blind - PENALTY_PER_SUBSTITUTION * len(edits))
    substitutions = tuple(e[3] for e in sorted(edits, key=lambda e: e[0]))
    return Substituted(rewritten, adjusted, substitutions)


_Edit = tuple[int, int, str, Substitution]


def _target_edits(
    changed: list[tuple[Placeable, Placeable]],
    in_target: list[Placeable],
    target: str,
    target_lang: str,
) -> list[_Edit] | None:
    used: set[int] = set()
    edits = []
    for new, old in changed:
        position = next(
            (
                i
                for i, item in enumerate(in_target)
                if i not in used and _same_value(old, item)
            ),
            None,
        )
        if position is None:
            return None
        used.add(position)
        found = in_target[position]
        edit = _edit_for(new, found, target, target_lang)
        if edit is None:
            return None
        start, end, text = edit
        old_text = target[start:end]
        edits.append((start, end, text, Substitution(found.kind, old_text, text)))
    return edits


def _edit_for(
    new: Placeable, found: Placeable, target: str, target_lang: str
) -> tuple[int, int, str] | None:
    """The span of ``target`` to replace and its new text, or None when unsafe."""
    if found.kind in {"number", "percent"} and new.kind == found.kind:
        if not _scaled(new) and not _scaled(found):
            return _number_edit(new, found, target, target_lang)
    return found.start, found.end, _render_like(new, found, target_lang)


_SCALE_STEMS = (
    "thousand million billion trillion mln bn hiljad tisu milion milijun milijard "
    "bilion bilijun mil. mlrd"
).split()


def _scaled(item: Placeable) -> bool:
    """True for ``2.5 million`` / ``2,5 milijuna``: the scale word is re-inflected."""
    return any(
        cyrillic_to_latin(word).lower().startswith(tuple(_SCALE_STEMS))
        for word in item.unit.split()
    )


def _number_edit(
    new: Placeable, found: Placeable, target: str, target_lang: str
) -> tuple[int, int, str] | None:
    """Only the digits of the target's number change; its suffixes and spacing stay."""
    core = _CORE_RE.search(found.text)
    if core is None:
        return None
    start, end = found.start + core.start(), found.start + core.end()
    digits = _digits(new, core.group(), target_lang)
    value = new.value
    approximate = _APPROX_RE.match(target, end)
    if approximate is not None and not (value == int(value) and value % 10 == 0):
        # "20-ak" says "about twenty": only round tens take the suffix
        about = "око" if normalise_tag(target_lang) == "sr-Cyrl" else "oko"
        return start, approximate.end(), f"{about} {digits}"
    if found.kind == "number" and target[end : end + 1] != ".":
        noun = _NEXT_WORD_RE.match(target, found.end)
        if noun is not None:
            word = _inflected(noun.group(1), found.value, value)
            if word is None:
                return None
            if word != noun.group(1):
                return start, noun.end(), f"{digits}{target[end : noun.start(1)]}{word}"
    return start, end, digits


def _digits(new: Placeable, written: str, target_lang: str) -> str:
    """The query's number in the target's separators, with the query's precision."""
    value = new.value
    decimals = _decimals(new)
    if decimals:
        value = value.quantize(Decimal(1).scaleb(-decimals))
    text = f"{abs(value):f}"
    whole, _, frac = text.partition(".")
    local = is_local(target_lang)
    decimal_sep = "," if local else "."
    group_sep = "." if local else ","
    for space in "\u00a0\u202f\u2009 ":
        if space in written.strip():
            group_sep = space
    if new.style not in {"plain", "ordinal"} and len(whole) > 3:
        head = len(whole) % 3 or 3
        chunks = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
        whole = group_sep.join(chunks)
    sign = ""
    if value < 0:
        sign = "−" if written.lstrip().startswith("−") else "-"
    return sign + whole + (decimal_sep + frac if frac else "")


def _decimals(item: Placeable) -> int:
    """How many decimals the query wrote (``3.0%`` → 1; ``1,000`` → 0)."""
    if item.style in {"plain", "ordinal"}:
        return 0
    core = _CORE_RE.search(item.text)
    if core is None:
        return 0
    written = core.group()
    if item.style == "ambiguous":
        grouped = item.value == item.value.to_integral_value() and (
            item.alt is not None and item.alt != item.value
        )
        if grouped and len(written.replace(",", "").replace(".", "")) > 3:
            return 0
    separator = "." if item.style == "en" else ","
    if item.style == "ambiguous":
        separator = "." if "." in written else ","
        if item.value == int(item.value) and len(written.rpartition(separator)[2]) == 3:
            return 0
    if separator not in written:
        return 0
    return len(written.rpartition(separator)[2])


def _category(value: Decimal) -> str:
    """Which noun form a number takes: ``one`` (1, 21), ``few`` (2–4), ``many``."""
    if value != value.to_integral_value():
        return "decimal"
    number = abs(int(value))
    if number % 10 == 1 and number % 100 != 11:
        return "one"
    if number % 10 in (2, 3, 4) and number % 100 not in (12, 13, 14):
        return "few"
    return "many"


def _inflected(word: str, old: Decimal, new: Decimal) -> str | None:
    """``word`` (the noun after the old number) in the form the new number needs.

    Unknown words are kept as they are. None when the noun is one we know but its
    form for the new number depends on a case we cannot see (a change to a number
    ending in 1) or on usage that varies (a decimal before a noun whose 2–4 and 5+
    forms differ).
    """
    latin = cyrillic_to_latin(word)
    nouns = _NOUN_INDEX.get(latin.lower())
    if nouns is None:
        return word
    before, after = _category(old), _category(new)
    if before == after:
        return word
    if after == "one":
        return None
    decimal = "decimal" in (before, after)
    for ones, few, many in nouns:
        if decimal and few != many:
            continue  # "2,5 kune" or "2,5 kuna": usage varies, do not guess
        if before == "one" and latin.lower() in ones or latin.lower() in (few, many):
            form = few if after == "few" else many
            break
    else:
        return None
    if latin != word:
        form = latin_to_cyrillic(form)
    return form[:1].upper() + form[1:] if word[:1].isupper() else form


def _render_like(new: Placeable, found: Placeable, target_lang: str) -> str:
    """``new`` written the way the memory's target wrote the value it replaces.

    A numeric date stays numeric (``18.10.2018.`` → ``19.10.2018.``, spacing kept)
    and a month name keeps its grammatical case.
    """
    if found.kind == "date" and new.kind == "date" and found.style == "numeric":
        year, month, day = new.value
        if month and day:
            text = format_date(new.value, target_lang, numeric=True)
            return text if " " in found.text else text.replace(" ", "")
    case = month_case(found.unit) if found.kind == "date" and found.unit else None
    return render(new, target_lang, case=case)


def same_value(a: Placeable, b: Placeable) -> bool:
    """True when two placeables (of any two languages) hold the same value."""
    return _same_value(a, b) or _same_value(b, a)


def has_placeables(text: str, lang: str) -> bool:
    """True when ``text`` holds any placeable (numbers, dates, addresses, ...)."""
    return bool(_placeables(text, lang))


def placeables_of(text: str, lang: str) -> tuple[Placeable, ...]:
    """The placeables of ``text`` (cached; the same text is asked about repeatedly)."""
    return _placeables(text, lang)
