"""Placeable substitution: reuse a memory translation with the query's values (pure).

When a memory source differs from the query only in numbers, dates, times, addresses
or acronyms, the stored translation is right except for those values. We recognise the
placeables on both sides (:mod:`tmserver.text.placeables`), compare the texts with every
placeable masked as one symbol of its kind (the "placeable-blind" quality), find each
changed value in the stored target by its value, and write the query's value there in
the target variety's conventions (``2.5`` → ``2,5``; ``October 18, 2018`` →
``18. listopada 2018.``), keeping the grammatical case the target used for the month.

If any changed value cannot be found in the target the suggestion is left as stored:
a half-substituted translation would be worse than an honest fuzzy match.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tmserver.match.quality import quality
from tmserver.match.rank import Substitution
from tmserver.text.placeables import Placeable
from tmserver.text.placeables import extract
from tmserver.text.placeables import format_date
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


@dataclass(frozen=True, slots=True)
class Substituted:
    """A target rewritten with the query's values, and the placeable-blind quality."""

    target: str
    quality: float
    substitutions: tuple[Substitution, ...]


@lru_cache(maxsize=8192)
def _placeables(text: str, lang: str) -> tuple[Placeable, ...]:
    """Placeables of a text, cached: the query and popular memory sources repeat."""
    return tuple(extract(text, lang))


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
    is not found in the target.
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
    edits = _target_edits(changed, in_target, target_lang)
    if edits is None:
        return None
    rewritten = target
    for found, text in sorted(edits, key=lambda e: -e[0].start):
        rewritten = rewritten[: found.start] + text + rewritten[found.end :]
    blind = quality(mask(query, in_query), mask(source, in_source))
    adjusted = max(0.0, blind - PENALTY_PER_SUBSTITUTION * len(edits))
    substitutions = tuple(
        Substitution(found.kind, found.text, text)
        for found, text in sorted(edits, key=lambda e: e[0].start)
    )
    return Substituted(rewritten, adjusted, substitutions)


def _target_edits(
    changed: list[tuple[Placeable, Placeable]],
    in_target: list[Placeable],
    target_lang: str,
) -> list[tuple[Placeable, str]] | None:
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
        edits.append((found, _render_like(new, found, target_lang)))
    return edits


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


def has_placeables(text: str, lang: str) -> bool:
    """True when ``text`` holds any placeable (numbers, dates, addresses, ...)."""
    return bool(_placeables(text, lang))


def placeables_of(text: str, lang: str) -> tuple[Placeable, ...]:
    """The placeables of ``text`` (cached; the same text is asked about repeatedly)."""
    return _placeables(text, lang)
